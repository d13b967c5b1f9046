package dev.signet.anthropic;

import com.anthropic.client.AnthropicClient;
import com.anthropic.client.okhttp.AnthropicOkHttpClient;
import com.anthropic.core.JsonValue;
import com.anthropic.core.http.AsyncStreamResponse;
import com.anthropic.errors.AnthropicInvalidDataException;
import com.anthropic.errors.AnthropicIoException;
import com.anthropic.errors.AnthropicServiceException;
import com.anthropic.errors.SseException;
import com.anthropic.models.messages.Base64ImageSource;
import com.anthropic.models.messages.Base64PdfSource;
import com.anthropic.models.messages.ContentBlock;
import com.anthropic.models.messages.ContentBlockParam;
import com.anthropic.models.messages.DocumentBlockParam;
import com.anthropic.models.messages.ImageBlockParam;
import com.anthropic.models.messages.Message;
import com.anthropic.models.messages.MessageCreateParams;
import com.anthropic.models.messages.RawMessageStreamEvent;
import com.anthropic.models.messages.StopReason;
import com.anthropic.models.messages.Tool;
import com.anthropic.models.messages.ToolResultBlockParam;
import com.anthropic.models.messages.ToolUseBlock;
import com.anthropic.models.messages.ToolUseBlockParam;
import com.anthropic.models.messages.UrlImageSource;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.signet.core.ConfigurationException;
import dev.signet.core.FileInput;
import dev.signet.core.Image;
import dev.signet.lm.Completion;
import dev.signet.lm.HttpFailures;
import dev.signet.lm.LanguageModel;
import dev.signet.lm.LanguageModelException;
import dev.signet.lm.LanguageModelException.Kind;
import dev.signet.lm.LmOptions;
import dev.signet.lm.LmRequest;
import dev.signet.lm.Message.Role;
import dev.signet.lm.ToolCall;
import dev.signet.lm.ToolDefinition;
import dev.signet.lm.Usage;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Claude through Anthropic's Messages API, on the official Anthropic Java SDK.
 *
 * <pre>{@code
 * AnthropicLanguageModel claude = AnthropicLanguageModel.builder()
 *         .apiKey(System.getenv("ANTHROPIC_API_KEY"))
 *         .model("claude-sonnet-4-5")
 *         .build();
 * Signet signet = Signet.builder().languageModel(claude).build();
 * }</pre>
 *
 * <p>The prompt is the same as for any model: the system messages become the request's {@code system}, the
 * user and assistant messages its {@code messages}. Anthropic requires {@code max_tokens}: the request's
 * {@code maxTokens}, else the builder's {@link Builder#maxTokens} (default {@value #DEFAULT_MAX_TOKENS}).
 * Temperature is sent; a seed and a reasoning effort have no Anthropic equivalent in this API and are not sent
 * (logged at DEBUG). The JsonAdapter's response format is not sent either: Claude is asked for JSON by the prompt
 * alone. Usage counts the prompt's cached tokens in {@code promptTokens} and apart in
 * {@code cachedPromptTokens}; {@code stop_reason} {@code max_tokens} is the finish reason {@code length}
 * (a {@code TRUNCATED} error), {@code refusal} a {@code REFUSED} error. Retries, backoff and {@code Retry-After}
 * are the SDK's ({@code maxRetries}, default 2; 408, 409, 429, 5xx and 529 overloaded). Errors are
 * {@link LanguageModelException}s of the same kinds as OpenAI's; the key never appears in them. Thread-safe:
 * share one instance, and {@link #close()} it when the application stops.
 */
public final class AnthropicLanguageModel implements LanguageModel, AutoCloseable {
    /** The model used when none is configured. */
    public static final String DEFAULT_MODEL = "claude-sonnet-4-5";
    /** Anthropic's endpoint. */
    public static final String DEFAULT_BASE_URL = "https://api.anthropic.com";
    /** The {@code max_tokens} of a request that sets none. */
    public static final int DEFAULT_MAX_TOKENS = 4096;
    /** The default timeout of one attempt, from the request to the last byte of the reply. */
    public static final Duration DEFAULT_TIMEOUT = Duration.ofMinutes(2);

    private static final Logger LOG = LoggerFactory.getLogger(AnthropicLanguageModel.class);
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final AtomicInteger THREADS = new AtomicInteger();
    private static final Pattern KEY_LIKE = Pattern.compile("sk-ant-[A-Za-z0-9_\\-*]{4,}");

    private final AnthropicClient client;
    private final String apiKey;
    private final String baseUrl;
    private final String model;
    private final int maxTokens;
    private final int maxRetries;
    private final Duration timeout;

    private AnthropicLanguageModel(Builder builder) {
        this.apiKey = builder.apiKey;
        this.baseUrl = builder.baseUrl;
        this.model = builder.model;
        this.maxTokens = builder.maxTokens;
        this.maxRetries = builder.maxRetries;
        this.timeout = builder.timeout;
        // daemon threads, so that an application that forgot close() does not linger after main() returns
        ExecutorService threads = new ThreadPoolExecutor(0, Integer.MAX_VALUE, 60, TimeUnit.SECONDS,
                new SynchronousQueue<>(), runnable -> {
                    Thread thread = new Thread(runnable, "signet-anthropic-" + THREADS.incrementAndGet());
                    thread.setDaemon(true);
                    return thread;
                });
        this.client = AnthropicOkHttpClient.builder()
                .apiKey(apiKey)
                .baseUrl(baseUrl)
                .maxRetries(maxRetries)
                .timeout(timeout)
                .streamHandlerExecutor(threads)
                .build();
    }

    /**
     * Configured from the process environment: {@code ANTHROPIC_API_KEY} (required), {@code ANTHROPIC_BASE_URL}
     * (default {@value #DEFAULT_BASE_URL}), {@code SIGNET_MODEL} (default {@value #DEFAULT_MODEL}).
     *
     * @param env variable names to values
     * @return the model
     * @throws ConfigurationException naming the variable to set
     */
    public static AnthropicLanguageModel fromEnv(Map<String, String> env) {
        String key = env.get("ANTHROPIC_API_KEY");
        if (key == null || key.isBlank()) {
            throw new ConfigurationException("ANTHROPIC_API_KEY is not set. Set it to your Anthropic API key.");
        }
        Builder builder = builder().apiKey(key.strip());
        String url = env.get("ANTHROPIC_BASE_URL");
        if (url != null && !url.isBlank()) {
            builder.baseUrl(url.strip());
        }
        String name = env.get("SIGNET_MODEL");
        if (name != null && !name.isBlank()) {
            builder.model(name.strip());
        }
        return builder.build();
    }

    public static Builder builder() {
        return new Builder();
    }

    /** @return the model requests use unless their options name another */
    public String model() {
        return model;
    }

    @Override
    public CompletableFuture<Completion> complete(LmRequest request) {
        MessageCreateParams params = toParams(request);
        CompletableFuture<Message> call;
        try {
            call = client.async().messages().create(params);
        } catch (RuntimeException e) {
            call = CompletableFuture.failedFuture(e);
        }
        return call.handle((message, failure) -> {
            if (failure != null) {
                throw translate(failure, params);
            }
            try {
                return toCompletion(message, params);
            } catch (LanguageModelException e) {
                throw e;
            } catch (RuntimeException e) {
                throw translate(e, params); // the SDK reads lazily: a malformed body fails here
            }
        });
    }

    /** Blocking calls use the SDK's synchronous client, on the calling thread. */
    @Override
    public Completion completeBlocking(LmRequest request) {
        MessageCreateParams params = toParams(request);
        try {
            return toCompletion(client.messages().create(params), params);
        } catch (LanguageModelException e) {
            throw e;
        } catch (RuntimeException e) {
            throw translate(e, params);
        }
    }

    /**
     * Streams with the SDK's {@code createStreaming}: the text deltas go to {@code onText} as they come, the
     * completion (usage from {@code message_start} and {@code message_delta}) at {@code message_stop}. A stream
     * that breaks off, or fails with an {@code error} event, after text came fails with that text as
     * {@link LanguageModelException#partialText()}.
     */
    @Override
    public CompletableFuture<Completion> stream(LmRequest request, Consumer<String> onText) {
        Objects.requireNonNull(onText, "onText");
        MessageCreateParams params = toParams(request);
        StreamedReply reply = new StreamedReply(params, onText);
        try {
            reply.response = client.async().messages().createStreaming(params);
            reply.response.subscribe(reply);
        } catch (RuntimeException e) {
            reply.onComplete(Optional.of(e));
        }
        if (reply.result.isDone() && reply.response != null) {
            reply.response.close();
        }
        return reply.result;
    }

    /** One streamed reply: the events as the SDK reads them, on one thread at a time. */
    private final class StreamedReply implements AsyncStreamResponse.Handler<RawMessageStreamEvent> {
        private final MessageCreateParams params;
        private final Consumer<String> onText;
        private final CompletableFuture<Completion> result = new CompletableFuture<>();
        private volatile AsyncStreamResponse<RawMessageStreamEvent> response;
        private final StringBuilder text = new StringBuilder();
        private String answeredModel;
        private long inputTokens;
        private long cachedTokens;
        private long outputTokens;
        private String stopReason;
        private boolean stopped;

        StreamedReply(MessageCreateParams params, Consumer<String> onText) {
            this.params = params;
            this.onText = onText;
            this.answeredModel = params.model().asString();
            result.whenComplete((completion, failure) -> {
                AsyncStreamResponse<RawMessageStreamEvent> open = response;
                if (failure != null && open != null) {
                    open.close(); // cancelled by the caller, or the consumer failed: stop reading
                }
            });
        }

        @Override
        public void onNext(RawMessageStreamEvent event) {
            if (result.isDone()) {
                return;
            }
            if (event.isMessageStart()) {
                Message message = event.asMessageStart().message();
                answeredModel = modelOf(message, answeredModel);
                com.anthropic.models.messages.Usage usage = message.usage();
                cachedTokens = usage.cacheReadInputTokens().orElse(0L);
                inputTokens = usage.inputTokens() + cachedTokens + usage.cacheCreationInputTokens().orElse(0L);
                outputTokens = usage.outputTokens();
            } else if (event.isContentBlockDelta() && event.asContentBlockDelta().delta().isText()) {
                String piece = event.asContentBlockDelta().delta().asText().text();
                if (!piece.isEmpty()) {
                    text.append(piece);
                    try {
                        onText.accept(piece);
                    } catch (RuntimeException | Error e) {
                        result.completeExceptionally(e);
                    }
                }
            } else if (event.isMessageDelta()) {
                event.asMessageDelta().delta().stopReason().ifPresent(reason -> stopReason = reason.asString());
                outputTokens = event.asMessageDelta().usage().outputTokens();
            } else if (event.isMessageStop()) {
                stopped = true;
            }
        }

        @Override
        public void onComplete(Optional<Throwable> error) {
            if (result.isDone()) {
                return;
            }
            if (error.isPresent()) {
                result.completeExceptionally(streamFailure(error.get()).withPartialText(text));
                return;
            }
            if (!stopped) {
                result.completeExceptionally(new LanguageModelException(Kind.CONNECTION, 0,
                        "The stream from " + baseUrl + " (model " + params.model().asString() + ") ended before "
                        + "message_stop", null).withPartialText(text));
                return;
            }
            try {
                result.complete(completion(text.length() == 0 ? null : text.toString(), stopReason,
                        new Usage(inputTokens, outputTokens, inputTokens + outputTokens, cachedTokens, 0),
                        answeredModel));
            } catch (LanguageModelException e) {
                result.completeExceptionally(e);
            }
        }

        private LanguageModelException streamFailure(Throwable failure) {
            Throwable cause = HttpFailures.unwrap(failure);
            if (cause instanceof SseException event) {
                return new LanguageModelException(Kind.SERVER, 0, "The endpoint " + baseUrl + " (model "
                        + params.model().asString() + ") sent an error in the stream: "
                        + redact(String.valueOf(event.getMessage())), null);
            }
            if (HttpFailures.isTimeout(cause) || cause instanceof AnthropicServiceException
                    || cause instanceof AnthropicIoException) {
                return translate(cause, params);
            }
            return new LanguageModelException(Kind.CONNECTION, 0, "The connection to " + baseUrl + " (model "
                    + params.model().asString() + ") dropped while the reply was streaming: "
                    + redact(String.valueOf(cause)), cause);
        }

    }

    /**
     * A user message with images as content blocks: text blocks and image blocks, an image at a URL as a URL source,
     * one held as a {@code data:} URI as a base64 source.
     */
    private static List<ContentBlockParam> blocks(dev.signet.lm.Message message) {
        List<ContentBlockParam> blocks = new ArrayList<>();
        for (dev.signet.lm.Message.Part part : message.parts()) {
            if (part instanceof dev.signet.lm.Message.ImagePart image) {
                blocks.add(ContentBlockParam.ofImage(ImageBlockParam.builder().source(source(image.image())).build()));
            } else if (part instanceof dev.signet.lm.Message.FilePart file) {
                blocks.add(document(file.file()));
            } else {
                blocks.add(ContentBlockParam.ofText(((dev.signet.lm.Message.TextPart) part).text()));
            }
        }
        return blocks;
    }

    /** A PDF held as a {@code data:} URI, as a document block; Anthropic reads no other file here. */
    private static ContentBlockParam document(FileInput file) {
        String data = file.fileData().orElse(null);
        if (data == null || !file.mediaType().orElse("").equals("application/pdf") || !data.contains(";base64,")) {
            throw new LanguageModelException(Kind.BAD_REQUEST, 0, "Anthropic reads a file input as a PDF document "
                    + "given by its bytes; " + file + " is not one (a file id or another type: use OpenAI, or send "
                    + "its text as a String field)", null);
        }
        DocumentBlockParam.Builder document = DocumentBlockParam.builder().source(Base64PdfSource.builder()
                .data(data.substring(data.indexOf(',') + 1)).build());
        file.filename().ifPresent(document::title);
        return ContentBlockParam.ofDocument(document.build());
    }

    private static ImageBlockParam.Source source(Image image) {
        if (!image.isData()) {
            return ImageBlockParam.Source.ofUrl(UrlImageSource.builder().url(image.url()).build());
        }
        String url = image.url();
        int comma = url.indexOf(',');
        String header = url.substring("data:".length(), comma);
        String payload = url.substring(comma + 1);
        boolean base64 = header.endsWith(";base64");
        String mediaType = (base64 ? header.substring(0, header.length() - ";base64".length()) : header).split(";")[0];
        String data = base64 ? payload : Base64.getEncoder().encodeToString(
                URLDecoder.decode(payload, StandardCharsets.UTF_8).getBytes(StandardCharsets.UTF_8));
        return ImageBlockParam.Source.ofBase64(Base64ImageSource.builder().data(data)
                .mediaType(Base64ImageSource.MediaType.of(mediaType)).build());
    }

    private MessageCreateParams toParams(LmRequest request) {
        LmOptions options = request.options();
        MessageCreateParams.Builder params = MessageCreateParams.builder()
                .model(options.model() != null ? options.model() : model)
                .maxTokens(options.maxTokens() != null ? options.maxTokens() : maxTokens);
        StringBuilder system = new StringBuilder();
        // tool results, and the user's text after them, go in one user message, as the Messages API wants them
        List<ContentBlockParam> results = new ArrayList<>();
        for (dev.signet.lm.Message message : request.messages()) {
            if (message.role() == Role.TOOL) {
                results.add(ContentBlockParam.ofToolResult(ToolResultBlockParam.builder()
                        .toolUseId(message.toolCallId()).content(message.content()).build()));
                continue;
            }
            if (message.role() == Role.USER && !results.isEmpty()) {
                results.addAll(blocks(message));
                params.addUserMessageOfContentBlockParams(List.copyOf(results));
                results.clear();
                continue;
            }
            if (!results.isEmpty()) {
                params.addUserMessageOfContentBlockParams(List.copyOf(results));
                results.clear();
            }
            if (message.role() == Role.SYSTEM) {
                system.append(system.length() == 0 ? "" : "\n\n").append(message.content());
            } else if (message.role() == Role.USER) {
                if (message.hasMedia()) {
                    params.addUserMessageOfContentBlockParams(blocks(message));
                } else {
                    params.addUserMessage(message.content());
                }
            } else if (message.toolCalls().isEmpty()) {
                params.addAssistantMessage(message.content());
            } else {
                List<ContentBlockParam> calls = new ArrayList<>();
                if (!message.content().isEmpty()) {
                    calls.add(ContentBlockParam.ofText(message.content()));
                }
                for (ToolCall call : message.toolCalls()) {
                    ToolUseBlockParam.Input.Builder input = ToolUseBlockParam.Input.builder();
                    arguments(call).forEach((k, v) -> input.putAdditionalProperty(k, JsonValue.from(v)));
                    calls.add(ContentBlockParam.ofToolUse(ToolUseBlockParam.builder().id(call.id())
                            .name(call.name()).input(input.build()).build()));
                }
                params.addAssistantMessageOfContentBlockParams(calls);
            }
        }
        if (!results.isEmpty()) {
            params.addUserMessageOfContentBlockParams(List.copyOf(results));
        }
        for (ToolDefinition tool : request.tools()) {
            params.addTool(tool(tool));
        }
        if (system.length() > 0) {
            params.system(system.toString());
        }
        if (options.temperature() != null) {
            // this version of the SDK's builder has no temperature of its own; the API takes one
            params.putAdditionalBodyProperty("temperature", JsonValue.from(options.temperature()));
        }
        if (options.seed() != null || options.reasoningEffort() != null) {
            LOG.debug("Not sent to Anthropic, which has no equivalent: seed {}, reasoning effort {}", options.seed(),
                    options.reasoningEffort());
        }
        return params.build();
    }

    /** A tool offered to Claude: its name, description and input schema, the tool's JSON Schema. */
    private static Tool tool(ToolDefinition tool) {
        Tool.InputSchema.Builder schema = Tool.InputSchema.builder();
        tool.parameters().forEach((key, value) -> {
            if (key.equals("properties") && value instanceof Map<?, ?> properties) {
                Tool.InputSchema.Properties.Builder each = Tool.InputSchema.Properties.builder();
                properties.forEach((name, property) -> each.putAdditionalProperty(String.valueOf(name),
                        JsonValue.from(property)));
                schema.properties(each.build());
            } else if (key.equals("required") && value instanceof List<?> required) {
                schema.required(required.stream().map(String::valueOf).toList());
            } else if (!key.equals("type")) {
                schema.putAdditionalProperty(key, JsonValue.from(value));
            }
        });
        return Tool.builder().name(tool.name()).description(tool.description()).inputSchema(schema.build()).build();
    }

    /** A tool call's arguments as an object; ones that are not a JSON object are sent as none. */
    private static Map<String, Object> arguments(ToolCall call) {
        try {
            Object parsed = JSON.readValue(call.arguments(), Object.class);
            if (parsed instanceof Map<?, ?> map) {
                Map<String, Object> arguments = new java.util.LinkedHashMap<>();
                map.forEach((k, v) -> arguments.put(String.valueOf(k), v));
                return arguments;
            }
        } catch (java.io.IOException e) {
            // sent as no arguments: the tool's result already said they were not an object
        }
        return Map.of();
    }

    private Completion toCompletion(Message message, MessageCreateParams params) {
        StringBuilder text = new StringBuilder();
        boolean any = false;
        List<ToolCall> toolCalls = new ArrayList<>();
        for (ContentBlock block : message.content()) {
            if (block.isText()) {
                text.append(block.asText().text());
                any = true;
            } else if (block.isToolUse()) {
                ToolUseBlock use = block.asToolUse();
                try {
                    toolCalls.add(new ToolCall(use.id(), use.name(), JSON.writeValueAsString(
                            use._input().convert(Object.class))));
                } catch (java.io.IOException e) {
                    throw new LanguageModelException(Kind.INVALID_RESPONSE, 0, "Claude's tool_use block for "
                            + use.name() + " has input that is not JSON", e);
                }
            }
        }
        if (!toolCalls.isEmpty()) {
            com.anthropic.models.messages.Usage usage = message.usage();
            long cached = usage.cacheReadInputTokens().orElse(0L);
            long input = usage.inputTokens() + cached + usage.cacheCreationInputTokens().orElse(0L);
            return new Completion(text.toString(), modelOf(message, params.model().asString()),
                    new Usage(input, usage.outputTokens(), input + usage.outputTokens(), cached, 0),
                    message.stopReason().map(StopReason::asString).orElse(null), false, toolCalls);
        }
        com.anthropic.models.messages.Usage usage = message.usage();
        long cached = usage.cacheReadInputTokens().orElse(0L);
        long input = usage.inputTokens() + cached + usage.cacheCreationInputTokens().orElse(0L);
        long output = usage.outputTokens();
        String stopReason = message.stopReason().map(StopReason::asString).orElse(null);
        return completion(any ? text.toString() : null, stopReason,
                new Usage(input, output, input + output, cached, 0),
                modelOf(message, params.model().asString()));
    }

    /** The model that answered, or the one requested when the reply names none (as some compatible servers do). */
    private static String modelOf(Message message, String requested) {
        return message._model().asKnown().map(m -> m.asString()).filter(name -> !name.isBlank()).orElse(requested);
    }

    /** Anthropic's stop reasons as finish reasons: end_turn and stop_sequence stop, max_tokens is length. */
    private static Completion completion(String text, String stopReason, Usage usage, String model) {
        String finishReason = stopReason == null ? null : switch (stopReason) {
            case "end_turn", "stop_sequence" -> "stop";
            case "max_tokens" -> "length";
            default -> stopReason;
        };
        if ("refusal".equals(stopReason)) {
            throw new LanguageModelException(Kind.REFUSED, 0, "The model refused (stop_reason refusal)"
                    + (text == null ? "" : ": " + text), null);
        }
        if (text == null) {
            if ("length".equals(finishReason)) {
                throw new LanguageModelException(Kind.TRUNCATED, 0, "The reply was cut off at max_tokens before "
                        + "any text: raise maxTokens", null);
            }
            throw new LanguageModelException(Kind.INVALID_RESPONSE, 0, "The model returned no text (stop_reason "
                    + stopReason + ")", null);
        }
        return new Completion(text, model, usage, finishReason);
    }

    private LanguageModelException translate(Throwable failure, MessageCreateParams params) {
        Throwable cause = HttpFailures.unwrap(failure);
        if (cause instanceof LanguageModelException already) {
            return already;
        }
        String where = baseUrl + " (model " + params.model().asString() + ")";
        if (cause instanceof AnthropicServiceException service) {
            int status = service.statusCode();
            Kind kind = HttpFailures.kindOf(status);
            String attempts = kind == Kind.RATE_LIMIT || kind == Kind.SERVER
                    ? " after " + (maxRetries + 1) + " attempt(s)" : "";
            List<String> millis = service.headers().values("retry-after-ms");
            List<String> after = service.headers().values("retry-after");
            return new LanguageModelException(kind, status, "The endpoint " + where + " answered HTTP " + status
                    + attempts + ": " + redact(String.valueOf(service.getMessage())), null, null,
                    HttpFailures.retryAfter(millis.isEmpty() ? null : millis.get(0), after.isEmpty() ? null
                            : after.get(0)).orElse(null));
        }
        if (HttpFailures.isTimeout(cause)) {
            return new LanguageModelException(Kind.CONNECTION, 0, "The call to " + where + " timed out: no whole "
                    + "reply within the timeout of " + timeout + " per attempt, after " + (maxRetries + 1)
                    + " attempt(s) (raise it with timeout(...))", cause);
        }
        if (cause instanceof AnthropicIoException) {
            return new LanguageModelException(Kind.CONNECTION, 0, "Could not reach " + where + ": "
                    + redact(String.valueOf(cause.getMessage())), cause);
        }
        if (cause instanceof AnthropicInvalidDataException) {
            return new LanguageModelException(Kind.INVALID_RESPONSE, 0, "The endpoint " + where
                    + " answered something that is not a message: " + redact(String.valueOf(cause.getMessage())),
                    cause);
        }
        return new LanguageModelException(Kind.OTHER, 0, "The call to " + where + " failed: "
                + redact(String.valueOf(cause)), null);
    }

    /** Removes the configured key, and anything shaped like an Anthropic key, from a text. */
    String redact(String text) {
        String out = apiKey.isEmpty() ? text : text.replace(apiKey, "***");
        return KEY_LIKE.matcher(out).replaceAll("sk-ant-***");
    }

    /** Releases the SDK client's connection pool and threads. */
    @Override
    public void close() {
        client.close();
    }

    @Override
    public String id() {
        return "anthropic:" + baseUrl + "#" + model;
    }

    @Override
    public Optional<String> defaultModel() {
        return Optional.of(model);
    }

    @Override
    public String toString() {
        return "AnthropicLanguageModel[baseUrl=" + baseUrl + ", model=" + model + "]";
    }

    /** Builds an {@link AnthropicLanguageModel}. Only the API key is required. */
    public static final class Builder {
        private String apiKey;
        private String baseUrl = DEFAULT_BASE_URL;
        private String model = DEFAULT_MODEL;
        private int maxTokens = DEFAULT_MAX_TOKENS;
        private int maxRetries = 2;
        private Duration timeout = DEFAULT_TIMEOUT;

        private Builder() {}

        public Builder apiKey(String apiKey) {
            this.apiKey = Objects.requireNonNull(apiKey, "apiKey");
            return this;
        }

        /** @param baseUrl the endpoint, without {@code /v1} (the SDK adds {@code /v1/messages}) */
        public Builder baseUrl(String baseUrl) {
            String url = Objects.requireNonNull(baseUrl, "baseUrl").strip();
            if (!url.startsWith("http://") && !url.startsWith("https://")) {
                throw new ConfigurationException("The Anthropic base URL must start with http:// or https://, was '"
                        + url + "'");
            }
            this.baseUrl = url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
            return this;
        }

        public Builder model(String model) {
            if (model == null || model.isBlank()) {
                throw new ConfigurationException("The model name must not be blank");
            }
            this.model = model;
            return this;
        }

        /** @param maxTokens the {@code max_tokens} of requests whose options set none (Anthropic requires one) */
        public Builder maxTokens(int maxTokens) {
            if (maxTokens <= 0) {
                throw new ConfigurationException("maxTokens must be > 0, was " + maxTokens);
            }
            this.maxTokens = maxTokens;
            return this;
        }

        public Builder maxRetries(int maxRetries) {
            if (maxRetries < 0) {
                throw new ConfigurationException("maxRetries must be >= 0, was " + maxRetries);
            }
            this.maxRetries = maxRetries;
            return this;
        }

        /** @param timeout one attempt's, from the request to the last byte of the reply */
        public Builder timeout(Duration timeout) {
            if (timeout == null || timeout.isNegative() || timeout.isZero()) {
                throw new ConfigurationException("The timeout must be positive, was " + timeout);
            }
            this.timeout = timeout;
            return this;
        }

        public AnthropicLanguageModel build() {
            if (apiKey == null || apiKey.isBlank()) {
                throw new ConfigurationException("An Anthropic API key is required: builder().apiKey(...), or "
                        + "ANTHROPIC_API_KEY with fromEnv");
            }
            return new AnthropicLanguageModel(this);
        }
    }
}
