package dev.signet.lm;

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
 */
public record Completion(String text, String model, Usage usage, String finishReason) {
    public Completion {
        Objects.requireNonNull(text, "text");
        Objects.requireNonNull(model, "model");
        Objects.requireNonNull(usage, "usage");
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
