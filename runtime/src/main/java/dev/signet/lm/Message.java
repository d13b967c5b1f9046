package dev.signet.lm;

import java.util.Objects;

/**
 * One chat message.
 *
 * @param role who speaks
 * @param content the text
 */
public record Message(Role role, String content) {
    public Message {
        Objects.requireNonNull(role, "role");
        Objects.requireNonNull(content, "content");
    }

    public static Message system(String content) {
        return new Message(Role.SYSTEM, content);
    }

    public static Message user(String content) {
        return new Message(Role.USER, content);
    }

    public static Message assistant(String content) {
        return new Message(Role.ASSISTANT, content);
    }

    /** Who speaks a chat message. */
    public enum Role {
        SYSTEM("system"),
        USER("user"),
        ASSISTANT("assistant");

        private final String wireName;

        Role(String wireName) {
            this.wireName = wireName;
        }

        /** @return the name in OpenAI's chat-completions protocol ({@code "system"}, ...) */
        public String wireName() {
            return wireName;
        }
    }
}
