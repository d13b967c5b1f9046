package dev.signet.lm;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A language model's answer to one request.
 *
 * @param text the assistant message's text
 * @param model the model that answered, as the server names it
 * @param usage the tokens it cost
 * @param finishReason why generation stopped ({@code "stop"}, {@code "length"}, ...), or {@code null} if
 *     the server did not say
 * @param cached whether it came from a cache (then its usage is zero: it cost nothing)
 * @param toolCalls the tools the model called natively, in order (empty when it answered in text)
 * @param batched whether it came through the provider's Batch API ({@code dev.signet.batch.BatchModel}), whose
 *     tokens cost half the live price
 */
public record Completion(String text, String model, Usage usage, String finishReason, boolean cached,
        List<ToolCall> toolCalls, boolean batched) {
    public Completion {
        Objects.requireNonNull(text, "text");
        Objects.requireNonNull(model, "model");
        Objects.requireNonNull(usage, "usage");
        toolCalls = toolCalls == null ? List.of() : List.copyOf(toolCalls);
    }

    /** A completion of a live call. */
    public Completion(String text, String model, Usage usage, String finishReason, boolean cached,
            List<ToolCall> toolCalls) {
        this(text, model, usage, finishReason, cached, toolCalls, false);
    }

    /** A completion without tool calls. */
    public Completion(String text, String model, Usage usage, String finishReason, boolean cached) {
        this(text, model, usage, finishReason, cached, List.of());
    }

    /** A completion fresh from the model. */
    public Completion(String text, String model, Usage usage, String finishReason) {
        this(text, model, usage, finishReason, false);
    }

    /** @return this completion as a cache hit: the same text, no usage */
    public Completion asCacheHit() {
        return new Completion(text, model, Usage.ZERO, finishReason, true, toolCalls, false);
    }

    /** @return this completion as one answered through the provider's Batch API */
    public Completion asBatched() {
        return new Completion(text, model, usage, finishReason, cached, toolCalls, true);
    }

    /** @return why generation stopped, if the server said */
    public Optional<String> finishReasonIfKnown() {
        return Optional.ofNullable(finishReason);
    }

    /** @return whether generation stopped at the token limit, so that the text is cut off */
    public boolean truncated() {
        return "length".equals(finishReason);
    }
}
