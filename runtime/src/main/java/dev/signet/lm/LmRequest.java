package dev.signet.lm;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * What a {@link LanguageModel} is asked: the messages, the options and, for structured outputs, the format of
 * the reply.
 *
 * @param messages the chat messages, in order; at least one
 * @param options the sampling options
 * @param responseFormat the JSON Schema the reply must follow, or {@code null} for free text
 * @param tools the tools the model may call natively (empty: none); a model client that can't offer them fails
 *     the request rather than drop them
 */
public record LmRequest(List<Message> messages, LmOptions options, ResponseFormat responseFormat,
        List<ToolDefinition> tools) {
    public LmRequest {
        messages = List.copyOf(messages);
        if (messages.isEmpty()) {
            throw new IllegalArgumentException("a request needs at least one message");
        }
        Objects.requireNonNull(options, "options");
        tools = tools == null ? List.of() : List.copyOf(tools);
    }

    /** A request that offers no tool. */
    public LmRequest(List<Message> messages, LmOptions options, ResponseFormat responseFormat) {
        this(messages, options, responseFormat, List.of());
    }

    /** @return whether the request offers tools or carries tool calls or their results */
    public boolean usesTools() {
        return !tools.isEmpty() || messages.stream().anyMatch(m -> !m.toolCalls().isEmpty()
                || m.role() == Message.Role.TOOL);
    }

    /** @return this request with other messages, the same options, format and tools */
    public LmRequest withMessages(List<Message> other) {
        return new LmRequest(other, options, responseFormat, tools);
    }

    /** A request for a free-text reply. */
    public LmRequest(List<Message> messages, LmOptions options) {
        this(messages, options, null);
    }

    public static LmRequest of(List<Message> messages) {
        return new LmRequest(messages, LmOptions.DEFAULTS);
    }

    /**
     * Native structured output: the reply must be a JSON object following a JSON Schema (OpenAI's
     * {@code response_format: {"type": "json_schema", ...}}).
     *
     * @param name a name for the schema (letters, digits, {@code _} and {@code -})
     * @param schema the JSON Schema, as nested maps and lists
     * @param strict whether the server must follow the schema exactly (OpenAI's strict mode); false when the
     *     schema uses what strict mode can't express, such as maps with arbitrary keys
     */
    public record ResponseFormat(String name, Map<String, Object> schema, boolean strict) {
        public ResponseFormat {
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(schema, "schema");
        }
    }

    /**
     * The stable hash of everything that shapes the answer to a request sent to a language model (by its
     * {@code id()}): a cache's key, and a batched request's identity. SHA-256, in hex.
     */
    public String key(String languageModelId) {
        StringBuilder canonical = new StringBuilder();
        field(canonical, "model-id", languageModelId);
        LmOptions options = options();
        field(canonical, "model", options.model());
        field(canonical, "temperature", options.temperature());
        field(canonical, "max-tokens", options.maxTokens());
        field(canonical, "seed", options.seed());
        if (options.reasoningEffort() != null) { // absent from the keys of requests without one, as before it existed
            field(canonical, "reasoning-effort", options.reasoningEffort());
        }
        if (responseFormat() != null) {
            field(canonical, "format-name", responseFormat().name());
            field(canonical, "format-strict", responseFormat().strict());
            field(canonical, "format-schema", new TreeMap<>(responseFormat().schema()));
        }
        for (ToolDefinition tool : tools()) { // absent from the keys of requests without tools
            field(canonical, "tool", tool.name());
            field(canonical, "tool-description", tool.description());
            field(canonical, "tool-parameters", new TreeMap<>(tool.parameters()));
        }
        for (Message message : messages()) {
            field(canonical, message.role().wireName(), message.content());
            for (ToolCall toolCall : message.toolCalls()) {
                field(canonical, "tool-call", toolCall.id() + " " + toolCall.name() + " " + toolCall.arguments());
            }
            if (message.toolCallId() != null) {
                field(canonical, "tool-call-id", message.toolCallId());
            }
        }
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(canonical.toString()
                    .getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JVM", e);
        }
    }

    /** Length-prefixed, so that no two different requests write the same text. */
    private static void field(StringBuilder out, String name, Object value) {
        String text = String.valueOf(value);
        out.append(name).append(':').append(text.length()).append(':').append(text).append('\n');
    }
}
