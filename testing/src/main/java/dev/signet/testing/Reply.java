package dev.signet.testing;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * What the {@link LoopbackOpenAiServer} answers to one request: a chat completion with the given text, an
 * OpenAI-style error, or a raw body; optionally after a latency, with extra headers, usage and finish reason.
 * Immutable: every {@code with...} returns a copy.
 */
public final class Reply {
    private final int status;
    private final String content;
    private final String rawBody;
    private final Duration latency;
    private final Long promptTokens;
    private final Long completionTokens;
    private final String finishReason;
    private final String model;
    private final Map<String, String> headers;

    private Reply(int status, String content, String rawBody, Duration latency, Long promptTokens,
            Long completionTokens, String finishReason, String model, Map<String, String> headers) {
        this.status = status;
        this.content = content;
        this.rawBody = rawBody;
        this.latency = latency;
        this.promptTokens = promptTokens;
        this.completionTokens = completionTokens;
        this.finishReason = finishReason;
        this.model = model;
        this.headers = headers;
    }

    /** A successful chat completion whose assistant message is {@code content}. */
    public static Reply text(String content) {
        return new Reply(200, Objects.requireNonNull(content, "content"), null, Duration.ZERO, null, null, "stop",
                null, Map.of());
    }

    /**
     * A completion in the ChatAdapter format: {@code fields("answer", "Paris")} replies
     * {@code [[ ## answer ## ]]\nParis\n\n[[ ## completed ## ]]}.
     *
     * @param namesAndValues field name, value, field name, value, ...
     */
    public static Reply fields(String... namesAndValues) {
        if (namesAndValues.length % 2 != 0) {
            throw new IllegalArgumentException("fields(...) takes pairs of name and value");
        }
        StringBuilder text = new StringBuilder();
        for (int i = 0; i < namesAndValues.length; i += 2) {
            text.append("[[ ## ").append(namesAndValues[i]).append(" ## ]]\n").append(namesAndValues[i + 1])
                    .append("\n\n");
        }
        return text(text.append("[[ ## completed ## ]]").toString());
    }

    /** An error in OpenAI's shape, {@code {"error": {"message": ..., "type": ..., "code": ...}}}. */
    public static Reply error(int status, String message) {
        if (status < 400) {
            throw new IllegalArgumentException("an error status is 400 or more, was " + status);
        }
        return new Reply(status, null, null, Duration.ZERO, null, null, null, null, Map.of()).withErrorMessage(message);
    }

    /** Any status with any body, sent as {@code application/json}: for malformed or unexpected replies. */
    public static Reply raw(int status, String body) {
        return new Reply(status, null, Objects.requireNonNull(body, "body"), Duration.ZERO, null, null, null, null,
                Map.of());
    }

    private Reply withErrorMessage(String message) {
        String type = status == 429 ? "rate_limit_exceeded" : status >= 500 ? "server_error" : "invalid_request_error";
        String body = "{\"error\":{\"message\":" + Json.quote(message) + ",\"type\":\"" + type
                + "\",\"param\":null,\"code\":null}}";
        return new Reply(status, null, body, latency, promptTokens, completionTokens, finishReason, model, headers);
    }

    /** The same reply, sent after a delay. */
    public Reply withLatency(Duration latency) {
        return new Reply(status, content, rawBody, Objects.requireNonNull(latency, "latency"), promptTokens,
                completionTokens, finishReason, model, headers);
    }

    /** The same reply with this token usage (otherwise about one token per four characters). */
    public Reply withUsage(long promptTokens, long completionTokens) {
        return new Reply(status, content, rawBody, latency, promptTokens, completionTokens, finishReason, model,
                headers);
    }

    /** The same reply with another finish reason, such as {@code "length"} for a truncated reply. */
    public Reply withFinishReason(String finishReason) {
        return new Reply(status, content, rawBody, latency, promptTokens, completionTokens, finishReason, model,
                headers);
    }

    /** The same reply naming another model (by default, the requested one). */
    public Reply withModel(String model) {
        return new Reply(status, content, rawBody, latency, promptTokens, completionTokens, finishReason, model,
                headers);
    }

    /** The same reply with one more header, such as {@code Retry-After}. */
    public Reply withHeader(String name, String value) {
        Map<String, String> more = new LinkedHashMap<>(headers);
        more.put(name, value);
        return new Reply(status, content, rawBody, latency, promptTokens, completionTokens, finishReason, model,
                Map.copyOf(more));
    }

    int status() {
        return status;
    }

    Duration latency() {
        return latency;
    }

    Map<String, String> headers() {
        return headers;
    }

    /** The response body for a request. */
    String body(RecordedRequest request, long sequence) {
        if (rawBody != null) {
            return rawBody;
        }
        long prompt = promptTokens != null ? promptTokens : estimateTokens(request.body());
        long completion = completionTokens != null ? completionTokens : estimateTokens(content);
        String answeredModel = model != null ? model : request.model();
        return "{\"id\":\"chatcmpl-loopback-" + sequence + "\",\"object\":\"chat.completion\",\"created\":0,"
                + "\"model\":" + Json.quote(answeredModel == null ? "loopback" : answeredModel) + ","
                + "\"choices\":[{\"index\":0,\"message\":{\"role\":\"assistant\",\"content\":" + Json.quote(content)
                + ",\"refusal\":null},\"logprobs\":null,\"finish_reason\":" + Json.quote(finishReason) + "}],"
                + "\"usage\":{\"prompt_tokens\":" + prompt + ",\"completion_tokens\":" + completion
                + ",\"total_tokens\":" + (prompt + completion) + "}}";
    }

    private static long estimateTokens(String text) {
        return (text.length() + 3) / 4;
    }

    @Override
    public String toString() {
        return "Reply[status=" + status + (content != null ? ", content=" + content : ", body=" + rawBody) + "]";
    }
}
