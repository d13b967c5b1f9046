package dev.signet.lm;

import dev.signet.core.FileInput;
import dev.signet.core.Image;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * One chat message.
 *
 * @param role who speaks
 * @param content the text
 * @param toolCalls for an assistant message, the tools it called natively (else empty)
 * @param toolCallId for a {@link Role#TOOL} message, the id of the call whose result it is (else {@code null})
 */
public record Message(Role role, String content, List<ToolCall> toolCalls, String toolCallId) {
    public Message {
        Objects.requireNonNull(role, "role");
        Objects.requireNonNull(content, "content");
        toolCalls = toolCalls == null ? List.of() : List.copyOf(toolCalls);
        if (!toolCalls.isEmpty() && role != Role.ASSISTANT) {
            throw new IllegalArgumentException("only an assistant message calls tools");
        }
        if ((role == Role.TOOL) != (toolCallId != null)) {
            throw new IllegalArgumentException("a tool message, and only one, answers a tool call's id");
        }
    }

    /** A message of text only. */
    public Message(Role role, String content) {
        this(role, content, List.of(), null);
    }

    /** An assistant message that called tools natively, with the text that came with the calls (often empty). */
    public static Message assistant(String content, List<ToolCall> toolCalls) {
        return new Message(Role.ASSISTANT, content, toolCalls, null);
    }

    /** The result of a native tool call, for the model to read. */
    public static Message tool(String toolCallId, String content) {
        return new Message(Role.TOOL, content, List.of(), Objects.requireNonNull(toolCallId, "toolCallId"));
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

    /** A piece of a message's content as a provider sends it: text, an image or a file. */
    public sealed interface Part permits TextPart, ImagePart, FilePart {}

    /** Text of a message. */
    public record TextPart(String text) implements Part {
        public TextPart {
            Objects.requireNonNull(text, "text");
        }
    }

    /** An image in a message, which the text carries as DSPy's custom-type block ({@link Image#block()}). */
    public record ImagePart(Image image) implements Part {
        public ImagePart {
            Objects.requireNonNull(image, "image");
        }
    }

    /** A file in a message, which the text carries as DSPy's custom-type block ({@link FileInput#block()}). */
    public record FilePart(FileInput file) implements Part {
        public FilePart {
            Objects.requireNonNull(file, "file");
        }
    }

    /**
     * @return whether this is a user message that carries an image or a file, so that a provider must send it in
     *     parts
     */
    public boolean hasMedia() {
        return role == Role.USER && content.contains(Image.START);
    }

    /**
     * The content as a provider sends it, split the way DSPy's {@code split_message_content_for_custom_types} splits
     * a user message: the text before, between and after each image or file block, and the images and files. A
     * block that holds no single image or file stays in the text, as it is. A message without images is one text part.
     */
    public List<Part> parts() {
        if (!hasMedia()) {
            return List.of(new TextPart(content));
        }
        List<Part> parts = new ArrayList<>();
        int done = 0;
        int start = content.indexOf(Image.START);
        while (start >= 0) {
            int end = content.indexOf(Image.END, start + Image.START.length());
            if (end < 0) {
                break;
            }
            end += Image.END.length();
            String block = content.substring(start, end);
            Optional<Part> media = Image.fromBlock(block).<Part>map(ImagePart::new)
                    .or(() -> FileInput.fromBlock(block).map(FilePart::new));
            if (media.isPresent()) {
                if (start > done) {
                    parts.add(new TextPart(content.substring(done, start)));
                }
                parts.add(media.get());
                done = end;
            }
            start = content.indexOf(Image.START, end);
        }
        if (done < content.length()) {
            parts.add(new TextPart(content.substring(done)));
        }
        return List.copyOf(parts);
    }

    /** Who speaks a chat message. */
    public enum Role {
        SYSTEM("system"),
        USER("user"),
        ASSISTANT("assistant"),
        /** The result of a native tool call ({@link Message#tool}). */
        TOOL("tool");

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
