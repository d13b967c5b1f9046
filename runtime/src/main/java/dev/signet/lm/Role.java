package dev.signet.lm;

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
