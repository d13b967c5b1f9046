package dev.signet.lm;

import java.util.List;
import java.util.Objects;

/**
 * What a {@link LanguageModel} is asked: the messages and the options.
 *
 * @param messages the chat messages, in order; at least one
 * @param options the sampling options
 */
public record LmRequest(List<Message> messages, LmOptions options) {
    public LmRequest {
        messages = List.copyOf(messages);
        if (messages.isEmpty()) {
            throw new IllegalArgumentException("a request needs at least one message");
        }
        Objects.requireNonNull(options, "options");
    }

    public static LmRequest of(List<Message> messages) {
        return new LmRequest(messages, LmOptions.DEFAULTS);
    }
}
