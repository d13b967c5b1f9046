package dev.signet.testing;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * What the {@link LoopbackOpenAiServer} answers to one request: a chat completion with the given text, an
 * OpenAI-style error, or a raw body; optionally after a latency, with extra headers, usage and finish reason, or
 * faulty on purpose (the connection dropped mid-body, no {@code model}, bytes that are not UTF-8). Immutable:
 * every {@code with...} returns a copy.
 */
public final class Reply {
    private int status;
    private String content;
    private String rawBody;
    /** The message of an error reply, rendered in the shape of the API asked. */
    private String errorMessage;
    private byte[] rawBytes;
    private Duration latency = Duration.ZERO;
    private Long promptTokens;
    private Long completionTokens;
    /** The usage's details, or null to send none. */
    private Long cachedTokens;
    private Long reasoningTokens;
    private String finishReason;
    private String model;
    private boolean noModel;
    private int cutAt = -1;
    private Map<String, String> headers = Map.of();
    /** The pieces of a streamed reply (Server-Sent Events), or null for a whole one. */
    private List<String> chunks;
    private Duration chunkDelay = Duration.ZERO;
    /** Stop a stream after this many chunks, without its end; -1 for the whole stream. */
    private int cutAfterChunks = -1;
    /** The message of an error event sent where the stream is cut, or null. */
    private String streamError;
    /** The tools a tool-calling reply calls, name and arguments each, or null. */
    private List<String[]> toolCalls;

    private Reply() {}

    private Reply copy() {
        Reply copy = new Reply();
        copy.status = status;
        copy.content = content;
        copy.rawBody = rawBody;
        copy.errorMessage = errorMessage;
        copy.rawBytes = rawBytes;
        copy.latency = latency;
        copy.promptTokens = promptTokens;
        copy.completionTokens = completionTokens;
        copy.cachedTokens = cachedTokens;
        copy.reasoningTokens = reasoningTokens;
        copy.finishReason = finishReason;
        copy.model = model;
        copy.noModel = noModel;
        copy.cutAt = cutAt;
        copy.headers = headers;
        copy.chunks = chunks;
        copy.chunkDelay = chunkDelay;
        copy.cutAfterChunks = cutAfterChunks;
        copy.streamError = streamError;
        copy.toolCalls = toolCalls;
        return copy;
    }

    /**
     * A chat completion in which the model calls tools natively (OpenAI's {@code tool_calls}, finish reason
     * {@code tool_calls}, no text): {@code toolCalls("search", "{\"query\": \"x\"}", "clock", "{}")} calls two at
     * once. Their ids are {@code call_<request>_<index>}. To Anthropic's Messages API, {@code tool_use} blocks (ids
     * {@code toolu_<request>_<index>}) with the stop reason {@code tool_use}: there the arguments must be a JSON
     * object.
     *
     * @param namesAndArguments pairs of a tool's name and its arguments as JSON text
     */
    public static Reply toolCalls(String... namesAndArguments) {
        if (namesAndArguments.length == 0 || namesAndArguments.length % 2 != 0) {
            throw new IllegalArgumentException("toolCalls(...) takes pairs of name and arguments");
        }
        Reply reply = new Reply();
        reply.status = 200;
        reply.finishReason = "tool_calls";
        reply.toolCalls = new ArrayList<>();
        for (int i = 0; i < namesAndArguments.length; i += 2) {
            reply.toolCalls.add(new String[] {Objects.requireNonNull(namesAndArguments[i], "name"),
                    Objects.requireNonNull(namesAndArguments[i + 1], "arguments")});
        }
        return reply;
    }

    /** A successful chat completion whose assistant message is {@code content}. */
    public static Reply text(String content) {
        Reply reply = new Reply();
        reply.status = 200;
        reply.content = Objects.requireNonNull(content, "content");
        reply.finishReason = "stop";
        return reply;
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

    /**
     * An error in OpenAI's shape, {@code {"error": {"message": ..., "type": ..., "code": ...}}}; to Anthropic's
     * Messages API in Anthropic's, {@code {"type": "error", "error": {"type": "rate_limit_error", "message": ...}}}.
     */
    public static Reply error(int status, String message) {
        if (status < 400) {
            throw new IllegalArgumentException("an error status is 400 or more, was " + status);
        }
        String type = status == 429 ? "rate_limit_exceeded" : status >= 500 ? "server_error" : "invalid_request_error";
        Reply reply = raw(status, "{\"error\":{\"message\":" + Json.quote(message) + ",\"type\":\"" + type
                + "\",\"param\":null,\"code\":null}}");
        reply.errorMessage = message;
        return reply;
    }

    /**
     * Any status with any body, sent as {@code application/json} (unless {@link #withHeader} sets another
     * {@code Content-Type}): for malformed or unexpected replies.
     */
    public static Reply raw(int status, String body) {
        Reply reply = new Reply();
        reply.status = status;
        reply.rawBody = Objects.requireNonNull(body, "body");
        return reply;
    }

    /** Any status with any bytes, such as bytes that are not UTF-8. */
    public static Reply bytes(int status, byte[] body) {
        Reply reply = new Reply();
        reply.status = status;
        reply.rawBytes = body.clone();
        return reply;
    }

    /**
     * The same completion streamed as OpenAI streams it (a request with {@code "stream": true}; otherwise it is sent
     * whole): Server-Sent Events of {@code chat.completion.chunk}s, one per piece of the text, the last with the
     * finish reason, then one with the usage when the request asked for it ({@code stream_options.include_usage}),
     * then {@code [DONE]}.
     *
     * @param pieceLength the characters per chunk (the last may be shorter)
     * @param delay the pause between two chunks (the first is sent at once, after any latency)
     */
    public Reply streamed(int pieceLength, Duration delay) {
        if (content == null || pieceLength < 1) {
            throw new IllegalArgumentException("only a text reply streams, in pieces of at least 1 character");
        }
        List<String> pieces = new ArrayList<>();
        for (int i = 0; i < content.length(); i += pieceLength) {
            pieces.add(content.substring(i, Math.min(content.length(), i + pieceLength)));
        }
        return streamedIn(pieces, delay);
    }

    /** The same completion streamed in these pieces (they must make up its text), {@code delay} apart. */
    public Reply streamedIn(List<String> pieces, Duration delay) {
        if (!String.join("", pieces).equals(content)) {
            throw new IllegalArgumentException("the pieces do not make up the reply's text");
        }
        Reply copy = copy();
        copy.chunks = List.copyOf(pieces);
        copy.chunkDelay = Objects.requireNonNull(delay, "delay");
        return copy;
    }

    /**
     * The same stream, broken off after {@code chunks} chunks (one per piece of text, then one with the finish
     * reason): the response ends there, with no finish reason, no usage and no {@code [DONE]}, as when a proxy or
     * the server gives up mid-stream.
     */
    public Reply cutStreamAfter(int chunks) {
        Reply copy = copy();
        copy.cutAfterChunks = chunks;
        return copy;
    }

    /**
     * The same stream, failing after {@code chunks} chunks with an {@code error} event, as OpenAI reports a failure
     * in the middle of a stream ({@code data: {"error": {...}}}), then ending.
     */
    public Reply failStreamAfter(int chunks, String message) {
        Reply copy = cutStreamAfter(chunks);
        copy.streamError = Objects.requireNonNull(message, "message");
        return copy;
    }

    /**
     * The same reply with the usage's details, as OpenAI reports them for prompt caching and reasoning models:
     * {@code prompt_tokens_details.cached_tokens} and {@code completion_tokens_details.reasoning_tokens}.
     */
    public Reply withUsageDetails(long cachedTokens, long reasoningTokens) {
        Reply copy = copy();
        copy.cachedTokens = cachedTokens;
        copy.reasoningTokens = reasoningTokens;
        return copy;
    }

    /** The same reply, sent after a delay. */
    public Reply withLatency(Duration latency) {
        Reply copy = copy();
        copy.latency = Objects.requireNonNull(latency, "latency");
        return copy;
    }

    /** The same reply with this token usage (otherwise about one token per four characters). */
    public Reply withUsage(long promptTokens, long completionTokens) {
        Reply copy = copy();
        copy.promptTokens = promptTokens;
        copy.completionTokens = completionTokens;
        return copy;
    }

    /**
     * The same reply with another finish reason: {@code "length"} for a reply cut off at the token limit,
     * {@code "content_filter"}, or {@code null} (as some OpenAI-compatible servers send).
     */
    public Reply withFinishReason(String finishReason) {
        Reply copy = copy();
        copy.finishReason = finishReason;
        return copy;
    }

    /** The same reply naming another model (by default, the requested one). */
    public Reply withModel(String model) {
        Reply copy = copy();
        copy.model = model;
        return copy;
    }

    /** The same completion without its {@code model} property, as some OpenAI-compatible servers answer. */
    public Reply withoutModel() {
        Reply copy = copy();
        copy.noModel = true;
        return copy;
    }

    /** The same reply with one more header, such as {@code Retry-After}. */
    public Reply withHeader(String name, String value) {
        Map<String, String> more = new LinkedHashMap<>(headers);
        more.put(name, value);
        Reply copy = copy();
        copy.headers = Map.copyOf(more);
        return copy;
    }

    /**
     * The same reply, but the connection is dropped after {@code bytes} bytes of its body (the headers announce the
     * whole body): a server or proxy that dies mid-reply.
     */
    public Reply cutOffAfter(int bytes) {
        if (bytes < 0) {
            throw new IllegalArgumentException("bytes must be >= 0, was " + bytes);
        }
        Reply copy = copy();
        copy.cutAt = bytes;
        return copy;
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

    /** How many bytes of the body to send before dropping the connection, or -1 for all. */
    int cutAt() {
        return cutAt;
    }

    /** Whether a streaming request gets this reply as a stream: a successful text reply does. */
    boolean streams() {
        return content != null && status == 200 && rawBody == null && rawBytes == null;
    }

    Duration chunkDelay() {
        return chunkDelay;
    }

    int cutAfterChunks() {
        return cutAfterChunks;
    }

    /** @return the error event sent where the stream is cut, or null */
    byte[] streamErrorEvent() {
        return streamError == null ? null : event("{\"error\":{\"message\":" + Json.quote(streamError)
                + ",\"type\":\"server_error\",\"param\":null,\"code\":null}}");
    }

    /** The Server-Sent Events of a streamed reply: each a {@code data: ...} line and a blank line. */
    List<byte[]> events(RecordedRequest request, long sequence) {
        String answeredModel = model != null ? model : request.model();
        String head = "{\"id\":\"chatcmpl-loopback-" + sequence + "\",\"object\":\"chat.completion.chunk\","
                + "\"created\":0," + (noModel ? "" : "\"model\":" + Json.quote(answeredModel == null ? "loopback"
                : answeredModel) + ",");
        List<String> pieces = chunks != null ? chunks : List.of(content);
        List<byte[]> events = new ArrayList<>();
        for (int i = 0; i < pieces.size(); i++) {
            String delta = (i == 0 ? "{\"role\":\"assistant\",\"content\":" : "{\"content\":")
                    + Json.quote(pieces.get(i)) + "}";
            events.add(event(head + "\"choices\":[{\"index\":0,\"delta\":" + delta + ",\"finish_reason\":null}]}"));
        }
        // as OpenAI does: the finish reason in a chunk of its own, after the text
        events.add(event(head + "\"choices\":[{\"index\":0,\"delta\":{},\"finish_reason\":"
                + Json.quote(finishReason) + "}]}"));
        if (request.json().path("stream_options").path("include_usage").asBoolean(false)) {
            long prompt = promptTokens != null ? promptTokens : estimateTokens(request.body());
            long completion = completionTokens != null ? completionTokens : estimateTokens(content);
            events.add(event(head + "\"choices\":[],\"usage\":" + usage(prompt, completion) + "}"));
        }
        events.add(event("[DONE]"));
        return events;
    }

    /** The response body for a request to OpenAI's Responses API ({@code /v1/responses}). */
    byte[] responsesBody(RecordedRequest request, long sequence) {
        if (rawBytes != null || rawBody != null) {
            return body(request, sequence); // errors have the same shape in both of OpenAI's APIs
        }
        return responsesObject(request, sequence, true).getBytes(StandardCharsets.UTF_8);
    }

    /**
     * The Server-Sent Events of a streamed reply from the Responses API: {@code response.created}, a
     * {@code response.output_text.delta} per piece, then {@code response.completed} (or
     * {@code response.incomplete}) with the whole response and its usage.
     */
    List<byte[]> responsesEvents(RecordedRequest request, long sequence) {
        List<String> pieces = chunks != null ? chunks : List.of(content);
        List<byte[]> events = new ArrayList<>();
        int number = 0;
        events.add(event("response.created", "{\"type\":\"response.created\",\"sequence_number\":" + number++
                + ",\"response\":" + responsesObject(request, sequence, false) + "}"));
        for (String piece : pieces) {
            events.add(event("response.output_text.delta", "{\"type\":\"response.output_text.delta\","
                    + "\"sequence_number\":" + number++ + ",\"item_id\":\"msg_loopback_" + sequence + "\","
                    + "\"output_index\":0,\"content_index\":0,\"delta\":" + Json.quote(piece)
                    + ",\"logprobs\":[]}"));
        }
        String done = "length".equals(finishReason) ? "response.incomplete" : "response.completed";
        events.add(event(done, "{\"type\":\"" + done + "\",\"sequence_number\":" + number + ",\"response\":"
                + responsesObject(request, sequence, true) + "}"));
        return events;
    }

    /** @return the Responses API's error event sent where the stream is cut, or null */
    byte[] responsesStreamErrorEvent() {
        return streamError == null ? null : event("error", "{\"type\":\"error\",\"sequence_number\":0,"
                + "\"code\":\"server_error\",\"message\":" + Json.quote(streamError) + ",\"param\":null}");
    }

    private String responsesObject(RecordedRequest request, long sequence, boolean finished) {
        String answeredModel = model != null ? model : request.model();
        boolean cut = "length".equals(finishReason);
        long prompt = promptTokens != null ? promptTokens : estimateTokens(request.body());
        long completion = completionTokens != null ? completionTokens : estimateTokens(content);
        String output = !finished ? "[]" : "[{\"type\":\"message\",\"id\":\"msg_loopback_" + sequence + "\","
                + "\"status\":\"" + (cut ? "incomplete" : "completed") + "\",\"role\":\"assistant\",\"content\":"
                + "[{\"type\":\"output_text\",\"text\":" + Json.quote(content) + ",\"annotations\":[]}]}]";
        if (finished && toolCalls != null) { // function_call items, one per call
            List<String> items = new ArrayList<>();
            for (int i = 0; i < toolCalls.size(); i++) {
                items.add("{\"type\":\"function_call\",\"id\":\"fc_" + sequence + "_" + i + "\",\"call_id\":\"call_"
                        + sequence + "_" + i + "\",\"name\":" + Json.quote(toolCalls.get(i)[0]) + ",\"arguments\":"
                        + Json.quote(toolCalls.get(i)[1]) + ",\"status\":\"completed\"}");
            }
            output = "[" + String.join(",", items) + "]";
        }
        String usage = !finished ? "null" : "{\"input_tokens\":" + prompt + ",\"input_tokens_details\":"
                + "{\"cached_tokens\":" + (cachedTokens != null ? cachedTokens : 0) + "},\"output_tokens\":"
                + completion + ",\"output_tokens_details\":{\"reasoning_tokens\":"
                + (reasoningTokens != null ? reasoningTokens : 0) + "},\"total_tokens\":" + (prompt + completion) + "}";
        return "{\"id\":\"resp_loopback_" + sequence + "\",\"object\":\"response\",\"created_at\":0,"
                + "\"status\":\"" + (!finished ? "in_progress" : cut ? "incomplete" : "completed") + "\","
                + "\"incomplete_details\":" + (finished && cut ? "{\"reason\":\"max_output_tokens\"}" : "null") + ","
                + "\"error\":null,\"model\":" + Json.quote(answeredModel == null ? "loopback" : answeredModel) + ","
                + "\"output\":" + output + ",\"parallel_tool_calls\":true,\"tool_choice\":\"auto\",\"tools\":[],"
                + "\"usage\":" + usage + "}";
    }

    /** The response body for a request to Anthropic's Messages API. */
    byte[] anthropicBody(RecordedRequest request, long sequence) {
        if (errorMessage != null) {
            String type = switch (status) {
                case 400 -> "invalid_request_error";
                case 401 -> "authentication_error";
                case 403 -> "permission_error";
                case 404 -> "not_found_error";
                case 413 -> "request_too_large";
                case 429 -> "rate_limit_error";
                case 529 -> "overloaded_error";
                default -> "api_error";
            };
            return ("{\"type\":\"error\",\"error\":{\"type\":\"" + type + "\",\"message\":"
                    + Json.quote(errorMessage) + "}}").getBytes(StandardCharsets.UTF_8);
        }
        if (rawBytes != null || rawBody != null) {
            return body(request, sequence);
        }
        if (toolCalls != null) {
            // Claude's tool_use blocks: the arguments as a JSON object, the stop reason tool_use
            List<String> blocks = new ArrayList<>();
            for (int i = 0; i < toolCalls.size(); i++) {
                blocks.add("{\"type\":\"tool_use\",\"id\":\"toolu_" + sequence + "_" + i + "\",\"name\":"
                        + Json.quote(toolCalls.get(i)[0]) + ",\"input\":" + toolCalls.get(i)[1] + "}");
            }
            String message = anthropicMessage(request, sequence, List.of(), "tool_use", anthropicUsage(request, true));
            return message.replace("\"content\":[]", "\"content\":[" + String.join(",", blocks) + "]")
                    .getBytes(StandardCharsets.UTF_8);
        }
        return (anthropicMessage(request, sequence, List.of(Map.of("type", "text", "text", content)),
                anthropicStopReason(), anthropicUsage(request, true))).getBytes(StandardCharsets.UTF_8);
    }

    /**
     * The Server-Sent Events of a streamed reply from Anthropic's Messages API: {@code message_start},
     * {@code content_block_start}, a {@code content_block_delta} per piece, {@code content_block_stop},
     * {@code message_delta} (the stop reason and the output tokens), {@code message_stop}.
     */
    List<byte[]> anthropicEvents(RecordedRequest request, long sequence) {
        List<String> pieces = chunks != null ? chunks : List.of(content);
        List<byte[]> events = new ArrayList<>();
        events.add(event("message_start", "{\"type\":\"message_start\",\"message\":"
                + anthropicMessage(request, sequence, List.of(), null, anthropicUsage(request, false)) + "}"));
        events.add(event("content_block_start", "{\"type\":\"content_block_start\",\"index\":0,"
                + "\"content_block\":{\"type\":\"text\",\"text\":\"\"}}"));
        for (String piece : pieces) {
            events.add(event("content_block_delta", "{\"type\":\"content_block_delta\",\"index\":0,"
                    + "\"delta\":{\"type\":\"text_delta\",\"text\":" + Json.quote(piece) + "}}"));
        }
        events.add(event("content_block_stop", "{\"type\":\"content_block_stop\",\"index\":0}"));
        long completion = completionTokens != null ? completionTokens : estimateTokens(content);
        events.add(event("message_delta", "{\"type\":\"message_delta\",\"delta\":{\"stop_reason\":"
                + Json.quote(anthropicStopReason()) + ",\"stop_sequence\":null},\"usage\":{\"output_tokens\":"
                + completion + "}}"));
        events.add(event("message_stop", "{\"type\":\"message_stop\"}"));
        return events;
    }

    /** @return the Anthropic error event sent where the stream is cut, or null */
    byte[] anthropicStreamErrorEvent() {
        return streamError == null ? null : event("error", "{\"type\":\"error\",\"error\":{\"type\":"
                + "\"overloaded_error\",\"message\":" + Json.quote(streamError) + "}}");
    }

    private String anthropicMessage(RecordedRequest request, long sequence, List<Map<String, String>> blocks,
            String stopReason, String usage) {
        String answeredModel = model != null ? model : request.model();
        return "{\"id\":\"msg_loopback_" + sequence + "\",\"type\":\"message\",\"role\":\"assistant\","
                + "\"model\":" + Json.quote(answeredModel == null ? "loopback" : answeredModel) + ",\"content\":"
                + Json.write(blocks) + ",\"stop_reason\":" + Json.quote(stopReason) + ",\"stop_sequence\":null,"
                + "\"usage\":" + usage + "}";
    }

    /** Anthropic's stop reason for the finish reason: stop is end_turn, length is max_tokens, others as they are. */
    private String anthropicStopReason() {
        if (finishReason == null) {
            return null;
        }
        return switch (finishReason) {
            case "stop" -> "end_turn";
            case "length" -> "max_tokens";
            default -> finishReason;
        };
    }

    /**
     * Anthropic's usage: {@code input_tokens} are those not read from the cache, which
     * {@code cache_read_input_tokens} counts apart.
     */
    private String anthropicUsage(RecordedRequest request, boolean withOutput) {
        long prompt = promptTokens != null ? promptTokens : estimateTokens(request.body());
        long cached = cachedTokens != null ? cachedTokens : 0;
        long completion = completionTokens != null ? completionTokens : estimateTokens(content);
        return "{\"input_tokens\":" + (prompt - cached) + ",\"cache_creation_input_tokens\":0,"
                + "\"cache_read_input_tokens\":" + cached + ",\"output_tokens\":" + (withOutput ? completion : 1)
                + "}";
    }

    private static byte[] event(String type, String data) {
        return ("event: " + type + "\ndata: " + data + "\n\n").getBytes(StandardCharsets.UTF_8);
    }

    private static byte[] event(String data) {
        return ("data: " + data + "\n\n").getBytes(StandardCharsets.UTF_8);
    }

    /** The response body for a request. */
    byte[] body(RecordedRequest request, long sequence) {
        if (rawBytes != null) {
            return rawBytes.clone();
        }
        if (rawBody != null) {
            return rawBody.getBytes(StandardCharsets.UTF_8);
        }
        long prompt = promptTokens != null ? promptTokens : estimateTokens(request.body());
        long completion = completionTokens != null ? completionTokens : estimateTokens(content);
        String answeredModel = model != null ? model : request.model();
        String modelProperty = noModel ? ""
                : "\"model\":" + Json.quote(answeredModel == null ? "loopback" : answeredModel) + ",";
        String calls = "";
        if (toolCalls != null) {
            List<String> each = new ArrayList<>();
            for (int i = 0; i < toolCalls.size(); i++) {
                each.add("{\"id\":\"call_" + sequence + "_" + i + "\",\"type\":\"function\",\"function\":{\"name\":"
                        + Json.quote(toolCalls.get(i)[0]) + ",\"arguments\":" + Json.quote(toolCalls.get(i)[1]) + "}}");
            }
            calls = ",\"tool_calls\":[" + String.join(",", each) + "]";
        }
        return ("{\"id\":\"chatcmpl-loopback-" + sequence + "\",\"object\":\"chat.completion\",\"created\":0,"
                + modelProperty
                + "\"choices\":[{\"index\":0,\"message\":{\"role\":\"assistant\",\"content\":"
                + (content == null ? "null" : Json.quote(content)) + calls
                + ",\"refusal\":null},\"logprobs\":null,\"finish_reason\":" + Json.quote(finishReason) + "}],"
                + "\"usage\":" + usage(prompt, completion) + "}").getBytes(StandardCharsets.UTF_8);
    }

    private String usage(long prompt, long completion) {
        String details = "";
        if (cachedTokens != null) {
            details = ",\"prompt_tokens_details\":{\"cached_tokens\":" + cachedTokens + ",\"audio_tokens\":0},"
                    + "\"completion_tokens_details\":{\"reasoning_tokens\":" + reasoningTokens
                    + ",\"audio_tokens\":0,\"accepted_prediction_tokens\":0,\"rejected_prediction_tokens\":0}";
        }
        return "{\"prompt_tokens\":" + prompt + ",\"completion_tokens\":" + completion + ",\"total_tokens\":"
                + (prompt + completion) + details + "}";
    }

    private static long estimateTokens(String text) {
        return text == null ? 0 : (text.length() + 3) / 4;
    }

    @Override
    public String toString() {
        return "Reply[status=" + status + (content != null ? ", content=" + content
                : rawBytes != null ? ", " + rawBytes.length + " bytes" : ", body=" + rawBody)
                + (cutAt >= 0 ? ", cut off after " + cutAt + " bytes" : "") + "]";
    }
}
