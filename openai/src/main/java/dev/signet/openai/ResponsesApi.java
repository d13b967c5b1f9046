package dev.signet.openai;

import com.openai.core.JsonValue;
import com.openai.core.http.AsyncStreamResponse;
import com.openai.models.Reasoning;
import com.openai.models.ReasoningEffort;
import com.openai.models.ResponsesModel;
import com.openai.models.responses.EasyInputMessage;
import com.openai.models.responses.FunctionTool;
import com.openai.models.responses.Response;
import com.openai.models.responses.ResponseCreateParams;
import com.openai.models.responses.ResponseFormatTextJsonSchemaConfig;
import com.openai.models.responses.ResponseFunctionToolCall;
import com.openai.models.responses.ResponseInputContent;
import com.openai.models.responses.ResponseInputFile;
import com.openai.models.responses.ResponseInputImage;
import com.openai.models.responses.ResponseInputItem;
import com.openai.models.responses.ResponseInputText;
import com.openai.models.responses.ResponseOutputItem;
import com.openai.models.responses.ResponseOutputMessage;
import com.openai.models.responses.ResponseStreamEvent;
import com.openai.models.responses.ResponseTextConfig;
import dev.signet.lm.Completion;
import dev.signet.lm.LanguageModelException;
import dev.signet.lm.LanguageModelException.Kind;
import dev.signet.lm.LmOptions;
import dev.signet.lm.LmRequest;
import dev.signet.lm.Message;
import dev.signet.lm.ToolCall;
import dev.signet.lm.ToolDefinition;
import dev.signet.lm.Usage;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * The Responses API ({@code /v1/responses}) for {@link OpenAiLanguageModel}: the request's messages as input
 * items, in order and unchanged (the prompt an artifact holds is what is sent), and the reply's output text read
 * back as a {@link Completion}. Nothing is stored on OpenAI's side ({@code store: false}).
 */
final class ResponsesApi {
    private ResponsesApi() {}

    /**
     * A user message with images or files as input items: {@code input_text}, {@code input_image} and
     * {@code input_file} parts.
     */
    private static List<ResponseInputContent> contentParts(Message message) {
        List<ResponseInputContent> parts = new ArrayList<>();
        for (Message.Part part : message.parts()) {
            if (part instanceof Message.ImagePart image) {
                parts.add(ResponseInputContent.ofInputImage(ResponseInputImage.builder()
                        .imageUrl(image.image().url()).detail(ResponseInputImage.Detail.AUTO).build()));
            } else if (part instanceof Message.FilePart file) {
                ResponseInputFile.Builder input = ResponseInputFile.builder();
                file.file().fileData().ifPresent(input::fileData);
                file.file().fileId().ifPresent(input::fileId);
                file.file().filename().ifPresent(input::filename);
                parts.add(ResponseInputContent.ofInputFile(input.build()));
            } else {
                parts.add(ResponseInputContent.ofInputText(ResponseInputText.builder()
                        .text(((Message.TextPart) part).text()).build()));
            }
        }
        return parts;
    }

    static ResponseCreateParams params(LmRequest request, String defaultModel) {
        LmOptions options = request.options();
        String model = options.model() != null ? options.model() : defaultModel;
        List<ResponseInputItem> input = new ArrayList<>();
        for (Message message : request.messages()) {
            if (message.role() == Message.Role.TOOL) {
                input.add(ResponseInputItem.ofFunctionCallOutput(ResponseInputItem.FunctionCallOutput.builder()
                        .callId(message.toolCallId()).output(message.content()).build()));
                continue;
            }
            if (!message.toolCalls().isEmpty()) {
                // the model's function calls go back as the items it sent, after any text it sent with them
                if (!message.content().isEmpty()) {
                    input.add(ResponseInputItem.ofEasyInputMessage(EasyInputMessage.builder()
                            .role(EasyInputMessage.Role.ASSISTANT).content(message.content()).build()));
                }
                for (ToolCall call : message.toolCalls()) {
                    input.add(ResponseInputItem.ofFunctionCall(ResponseFunctionToolCall.builder().callId(call.id())
                            .name(call.name()).arguments(call.arguments()).build()));
                }
                continue;
            }
            EasyInputMessage.Role role = switch (message.role()) {
                case SYSTEM -> EasyInputMessage.Role.SYSTEM;
                case USER -> EasyInputMessage.Role.USER;
                case ASSISTANT, TOOL -> EasyInputMessage.Role.ASSISTANT;
            };
            EasyInputMessage.Builder item = EasyInputMessage.builder().role(role);
            if (message.hasMedia()) {
                item.contentOfResponseInputMessageContentList(contentParts(message));
            } else {
                item.content(message.content());
            }
            input.add(ResponseInputItem.ofEasyInputMessage(item.build()));
        }
        ResponseCreateParams.Builder params = ResponseCreateParams.builder().model(model).inputOfResponse(input)
                .store(false);
        for (ToolDefinition tool : request.tools()) {
            FunctionTool.Parameters.Builder parameters = FunctionTool.Parameters.builder();
            tool.parameters().forEach((key, value) -> parameters.putAdditionalProperty(key, JsonValue.from(value)));
            params.addTool(FunctionTool.builder().name(tool.name()).description(tool.description())
                    .parameters(parameters.build()).strict(false).build());
        }
        if (!request.tools().isEmpty()) {
            params.parallelToolCalls(true);
        }
        if (options.temperature() != null && !OpenAiLanguageModel.isReasoningModel(model)) {
            params.temperature(options.temperature());
        }
        if (options.maxTokens() != null) {
            params.maxOutputTokens(options.maxTokens().longValue());
        }
        if (options.reasoningEffort() != null) {
            params.reasoning(Reasoning.builder().effort(ReasoningEffort.of(options.reasoningEffort())).build());
        }
        if (request.responseFormat() != null) {
            ResponseFormatTextJsonSchemaConfig.Schema.Builder schema = ResponseFormatTextJsonSchemaConfig.Schema
                    .builder();
            request.responseFormat().schema().forEach((key, value) -> schema.putAdditionalProperty(key,
                    JsonValue.from(value)));
            params.text(ResponseTextConfig.builder().format(ResponseFormatTextJsonSchemaConfig.builder()
                    .name(request.responseFormat().name()).schema(schema.build())
                    .strict(request.responseFormat().strict()).build()).build());
        }
        return params.build();
    }

    /** The response's output text, with its finish reason: {@code length} when cut at max_output_tokens. */
    static Completion completion(Response response, String requestedModel) {
        StringBuilder text = new StringBuilder();
        StringBuilder refusal = null;
        boolean any = false;
        List<ToolCall> toolCalls = new ArrayList<>();
        for (ResponseOutputItem item : response.output()) {
            if (item.isFunctionCall()) {
                ResponseFunctionToolCall call = item.asFunctionCall();
                toolCalls.add(new ToolCall(call.callId(), call.name(), call.arguments()));
                continue;
            }
            if (!item.isMessage()) {
                continue; // reasoning summaries and the like carry no reply text
            }
            for (ResponseOutputMessage.Content part : item.asMessage().content()) {
                if (part.isOutputText()) {
                    text.append(part.asOutputText().text());
                    any = true;
                } else if (part.isRefusal()) {
                    refusal = refusal == null ? new StringBuilder() : refusal;
                    refusal.append(part.asRefusal().refusal());
                }
            }
        }
        String status = response.status().map(s -> s.asString()).orElse(null);
        String finishReason = "completed".equals(status) ? "stop" : null;
        if ("incomplete".equals(status)) {
            String reason = response.incompleteDetails().flatMap(d -> d.reason()).map(r -> r.asString()).orElse("");
            finishReason = reason.equals("max_output_tokens") ? "length"
                    : reason.equals("content_filter") ? "content_filter" : reason;
        }
        if ("failed".equals(status)) {
            throw new LanguageModelException(Kind.SERVER, 0, "The response failed: "
                    + response.error().map(e -> e.message()).orElse("no error given"), null);
        }
        Usage usage = response.usage().map(u -> new Usage(u.inputTokens(), u.outputTokens(), u.totalTokens(),
                u.inputTokensDetails().cachedTokens(), u.outputTokensDetails().reasoningTokens())).orElse(Usage.ZERO);
        String model = response._model().asKnown().map(ResponsesApi::name).orElse(requestedModel);
        if (!toolCalls.isEmpty()) {
            return new Completion(text.toString(), model, usage, "tool_calls", false, toolCalls);
        }
        return OpenAiLanguageModel.toCompletion(any ? text.toString() : null,
                refusal == null ? null : refusal.toString(), finishReason, usage, model);
    }

    /** A model's name, whichever of the SDK's model types the reply's name was read as. */
    private static String name(ResponsesModel model) {
        return model.isString() ? model.asString() : model.isChat() ? model.asChat().asString()
                : model.isOnly() ? model.asOnly().asString() : null;
    }

    /**
     * One streamed response: the output text deltas handed on as they come, the completion from
     * {@code response.completed} (or {@code response.incomplete}). A failure fails {@link #result} through
     * {@code translate}, with the text that came as {@link LanguageModelException#partialText()}.
     */
    static final class Stream implements AsyncStreamResponse.Handler<ResponseStreamEvent> {
        final CompletableFuture<Completion> result = new CompletableFuture<>();
        volatile AsyncStreamResponse<ResponseStreamEvent> response;
        private final Consumer<String> onText;
        private final String requestedModel;
        private final Function<Throwable, LanguageModelException> translate;
        private final StringBuilder text = new StringBuilder();
        private Completion completion;
        private LanguageModelException failed;

        Stream(Consumer<String> onText, String requestedModel, Function<Throwable, LanguageModelException> translate) {
            this.onText = onText;
            this.requestedModel = requestedModel;
            this.translate = translate;
            result.whenComplete((done, failure) -> {
                AsyncStreamResponse<ResponseStreamEvent> open = response;
                if (failure != null && open != null) {
                    open.close();
                }
            });
        }

        @Override
        public void onNext(ResponseStreamEvent event) {
            if (result.isDone()) {
                return;
            }
            try {
                if (event.isOutputTextDelta()) {
                    String piece = event.asOutputTextDelta().delta();
                    if (!piece.isEmpty()) {
                        text.append(piece);
                        onText.accept(piece);
                    }
                } else if (event.isCompleted()) {
                    completion = completion(event.asCompleted().response(), requestedModel);
                } else if (event.isIncomplete()) {
                    completion = completion(event.asIncomplete().response(), requestedModel);
                } else if (event.isFailed()) {
                    completion(event.asFailed().response(), requestedModel); // throws the failure
                } else if (event.isError()) {
                    failed = new LanguageModelException(Kind.SERVER, 0, "The endpoint sent an error in the stream: "
                            + event.asError().message(), null);
                }
            } catch (LanguageModelException e) {
                failed = e;
            } catch (RuntimeException | Error e) {
                result.completeExceptionally(e); // the consumer failed
            }
        }

        @Override
        public void onComplete(Optional<Throwable> error) {
            if (result.isDone()) {
                return;
            }
            LanguageModelException failure = failed != null ? failed
                    : error.map(translate).orElse(null);
            if (failure == null && completion == null) {
                failure = new LanguageModelException(Kind.CONNECTION, 0, "The stream ended before the response "
                        + "was complete (no response.completed)", null);
            }
            if (failure != null) {
                result.completeExceptionally(failure.withPartialText(text));
                return;
            }
            result.complete(completion);
        }
    }
}
