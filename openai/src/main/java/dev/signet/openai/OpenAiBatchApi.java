package dev.signet.openai;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.openai.client.OpenAIClient;
import com.openai.core.JsonValue;
import com.openai.core.ObjectMappers;
import com.openai.core.http.HttpResponse;
import com.openai.models.batches.Batch;
import com.openai.models.batches.BatchCreateParams;
import com.openai.models.batches.BatchError;
import com.openai.models.batches.BatchListParams;
import com.openai.models.chat.completions.ChatCompletion;
import com.openai.models.files.FileCreateParams;
import com.openai.models.files.FilePurpose;
import com.openai.models.responses.Response;
import dev.signet.lm.BatchApi;
import dev.signet.lm.Completion;
import dev.signet.lm.HttpFailures;
import dev.signet.lm.LanguageModelException;
import dev.signet.lm.LanguageModelException.Kind;
import dev.signet.lm.LmRequest;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.BiFunction;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * OpenAI's Batch API on the official SDK's files and batches services: each line's body is the request the live
 * model builds for the same call ({@code OpenAiLanguageModel}'s parameters, serialized by the SDK's own mapper), so
 * a batched request is the live one byte for byte.
 */
final class OpenAiBatchApi implements BatchApi {
    /** OpenAI's limits: 50,000 requests and 200 MB per input file. */
    static final int MAX_REQUESTS = 50_000;
    static final long MAX_BYTES = 200L * 1024 * 1024;

    private static final JsonMapper SDK_JSON = ObjectMappers.jsonMapper();

    private final OpenAIClient client;
    private final String id;
    private final String defaultModel;
    private final boolean responses;
    private final Function<LmRequest, Object> body;
    private final BiFunction<String, RuntimeException, LanguageModelException> failure;

    OpenAiBatchApi(OpenAIClient client, String id, String defaultModel, boolean responses,
            Function<LmRequest, Object> body, BiFunction<String, RuntimeException, LanguageModelException> failure) {
        this.failure = failure;
        this.client = client;
        this.id = id;
        this.defaultModel = defaultModel;
        this.responses = responses;
        this.body = body;
    }

    @Override
    public String id() {
        return id;
    }

    @Override
    public int maxRequests() {
        return MAX_REQUESTS;
    }

    @Override
    public long maxBytes() {
        return MAX_BYTES;
    }

    private String url() {
        return responses ? "/v1/responses" : "/v1/chat/completions";
    }

    @Override
    public String line(String customId, LmRequest request) {
        Map<String, Object> line = new LinkedHashMap<>();
        line.put("custom_id", customId);
        line.put("method", "POST");
        line.put("url", url());
        line.put("body", body.apply(request)); // written by the SDK's mapper as a live call writes it
        try {
            return SDK_JSON.writeValueAsString(line);
        } catch (IOException e) {
            throw new IllegalStateException("The SDK could not serialize a request", e);
        }
    }

    @Override
    public String upload(Path jsonl) {
        return call("upload " + jsonl.getFileName(), () -> client.files().create(FileCreateParams.builder()
                .file(jsonl).purpose(FilePurpose.BATCH).build()).id());
    }

    @Override
    public String create(String inputFileId, Map<String, String> metadata) {
        BatchCreateParams.Metadata.Builder meta = BatchCreateParams.Metadata.builder();
        metadata.forEach((key, value) -> meta.putAdditionalProperty(key, JsonValue.from(value)));
        return call("create a batch of " + inputFileId, () -> client.batches().create(BatchCreateParams.builder()
                .inputFileId(inputFileId)
                .endpoint(responses ? BatchCreateParams.Endpoint.V1_RESPONSES
                        : BatchCreateParams.Endpoint.V1_CHAT_COMPLETIONS)
                .completionWindow(BatchCreateParams.CompletionWindow._24H)
                .metadata(meta.build())
                .build()).id());
    }

    @Override
    public Optional<String> findByInputFile(String inputFileId) {
        return call("list the batches", () -> {
            for (Batch batch : client.batches().list(BatchListParams.builder().limit(100).build()).autoPager()) {
                if (inputFileId.equals(batch.inputFileId())) {
                    return Optional.of(batch.id());
                }
            }
            return Optional.<String>empty();
        });
    }

    @Override
    public Status status(String batchId) {
        Batch batch = call("read the batch " + batchId, () -> client.batches().retrieve(batchId));
        State state;
        try {
            state = State.valueOf(batch.status().asString().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new LanguageModelException(Kind.INVALID_RESPONSE, 0, "The batch " + batchId + " has a status "
                    + "Signet does not know: " + batch.status().asString(), e);
        }
        String message = batch.errors().flatMap(Batch.Errors::data)
                .filter(errors -> !errors.isEmpty())
                .map(errors -> errors.stream().map(OpenAiBatchApi::describe).collect(Collectors.joining("; ")))
                .orElse(null);
        int total = batch.requestCounts().map(c -> (int) c.total()).orElse(0);
        int completed = batch.requestCounts().map(c -> (int) c.completed()).orElse(0);
        int failed = batch.requestCounts().map(c -> (int) c.failed()).orElse(0);
        return new Status(batch.id(), state, batch.outputFileId().orElse(null), batch.errorFileId().orElse(null),
                total, completed, failed, message);
    }

    private static String describe(BatchError error) {
        return error.line().map(line -> "line " + line + ": ").orElse("") + error.message().orElse("?")
                + error.code().map(code -> " (" + code + ")").orElse("");
    }

    @Override
    public void cancel(String batchId) {
        call("cancel the batch " + batchId, () -> client.batches().cancel(batchId));
    }

    @Override
    public void read(String fileId, Consumer<Result> each) {
        try (HttpResponse response = call("download " + fileId, () -> client.files().content(fileId));
                BufferedReader lines = new BufferedReader(new InputStreamReader(response.body(),
                        StandardCharsets.UTF_8))) {
            if (response.statusCode() / 100 != 2) {
                throw new LanguageModelException(HttpFailures.kindOf(response.statusCode()), response.statusCode(),
                        "Could not download the batch file " + fileId + ": HTTP " + response.statusCode(), null);
            }
            String line;
            int number = 0;
            while ((line = lines.readLine()) != null) {
                number++;
                if (!line.isBlank()) {
                    each.accept(result(fileId, number, line));
                }
            }
        } catch (IOException e) {
            throw new LanguageModelException(Kind.CONNECTION, 0, "Could not read the batch file " + fileId + ": "
                    + e.getMessage(), e);
        }
    }

    /** One result line: a completion, or the line's typed failure (the reply's own, a rejection, an error). */
    private Result result(String fileId, int number, String line) {
        JsonNode node;
        try {
            node = SDK_JSON.readTree(line);
        } catch (IOException e) {
            throw new LanguageModelException(Kind.INVALID_RESPONSE, 0, "Line " + number + " of the batch file "
                    + fileId + " is not JSON: " + e.getMessage(), e);
        }
        String customId = node.path("custom_id").asText(null);
        if (customId == null) {
            throw new LanguageModelException(Kind.INVALID_RESPONSE, 0, "Line " + number + " of the batch file "
                    + fileId + " has no custom_id", null);
        }
        JsonNode response = node.path("response");
        int status = response.path("status_code").asInt(0);
        JsonNode body = response.path("body");
        if (status == 200 && body.isObject()) {
            try {
                String requested = body.path("model").asText(defaultModel);
                Completion completion = responses
                        ? ResponsesApi.completion(SDK_JSON.treeToValue(body, Response.class), requested)
                        : OpenAiLanguageModel.toCompletion(SDK_JSON.treeToValue(body, ChatCompletion.class), requested);
                return new Result(customId, completion, null);
            } catch (LanguageModelException e) {
                return new Result(customId, null, e); // refused, truncated: the reply's own failure
            } catch (IOException | RuntimeException e) {
                return new Result(customId, null, new LanguageModelException(Kind.INVALID_RESPONSE, status,
                        "Line " + number + " of the batch file " + fileId + " holds no " + (responses ? "response"
                        : "chat completion") + ": " + e.getMessage(), e));
            }
        }
        String message = body.path("error").path("message").asText(null);
        if (message == null) {
            message = node.path("error").path("message").asText("no message");
        }
        String code = node.path("error").path("code").asText(null);
        Kind kind = status == 0 ? Kind.BAD_REQUEST : HttpFailures.kindOf(status);
        return new Result(customId, null, new LanguageModelException(kind, status, "The provider failed the batched "
                + "request " + customId + (status == 0 ? "" : " with HTTP " + status) + (code == null ? "" : " ("
                + code + ")") + ": " + message, null));
    }

    private <T> T call(String what, java.util.function.Supplier<T> call) {
        try {
            return call.get();
        } catch (LanguageModelException e) {
            throw e;
        } catch (RuntimeException e) {
            throw failure.apply(what, e);
        }
    }

    @Override
    public String toString() {
        return "OpenAiBatchApi[" + id + "]";
    }
}
