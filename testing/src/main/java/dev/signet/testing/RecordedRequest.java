package dev.signet.testing;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** One request the {@link LoopbackOpenAiServer} received, exactly as it arrived. */
public final class RecordedRequest {
    /** One chat message of the request body. */
    public record ChatMessage(String role, String content) {}

    private final String method;
    private final String path;
    private final Map<String, List<String>> headers;
    private final String body;
    private volatile JsonNode json;
    private volatile boolean parsed;

    RecordedRequest(String method, String path, Map<String, List<String>> headers, String body) {
        this.method = method;
        this.path = path;
        this.headers = Collections.unmodifiableMap(headers);
        this.body = body;
    }

    public String method() {
        return method;
    }

    /** @return the path, such as {@code /v1/chat/completions} */
    public String path() {
        return path;
    }

    /** @return the headers, names in lower case */
    public Map<String, List<String>> headers() {
        return headers;
    }

    /** @return the first value of a header (name in any case), or {@code null} */
    public String header(String name) {
        List<String> values = headers.get(name.toLowerCase(Locale.ROOT));
        return values == null || values.isEmpty() ? null : values.get(0);
    }

    /** @return the raw body */
    public String body() {
        return body;
    }

    /** @return the body as JSON, or {@code null} if it is not JSON (parsed on first use) */
    public JsonNode json() {
        if (!parsed) {
            JsonNode tree;
            try {
                tree = body.isEmpty() ? null : Json.MAPPER.readTree(body);
            } catch (IOException e) {
                tree = null;
            }
            json = tree;
            parsed = true;
        }
        return json;
    }

    /** @return the requested model, or {@code null} */
    public String model() {
        JsonNode tree = json();
        return tree != null && tree.hasNonNull("model") ? tree.get("model").asText() : null;
    }

    /** @return whether this is a request to OpenAI's Responses API ({@code /v1/responses}) */
    public boolean responses() {
        return path.endsWith("/v1/responses");
    }

    /** @return whether this is a request to Anthropic's Messages API ({@code /v1/messages}) */
    public boolean anthropic() {
        return path.endsWith("/v1/messages");
    }

    /**
     * @return the chat messages of the body, in order; for Anthropic's Messages API, its {@code system} first, as a
     *     message of role {@code system}; for the Responses API, its {@code input} items
     */
    public List<ChatMessage> messages() {
        List<ChatMessage> messages = new ArrayList<>();
        JsonNode system = json() == null ? null : json().get("system");
        if (anthropic() && system != null && !system.isNull()) {
            messages.add(new ChatMessage("system", contentOf(system)));
        }
        JsonNode tree = json();
        String list = responses() ? "input" : "messages"; // the Responses API's input items have role and content
        if (tree != null && tree.has(list)) {
            for (JsonNode message : tree.get(list)) {
                messages.add(new ChatMessage(message.path("role").asText(), contentOf(message.get("content"))));
            }
        }
        return messages;
    }

    /** @return the text of the last user message, or {@code null} */
    public String lastUserMessage() {
        List<ChatMessage> messages = messages();
        for (int i = messages.size() - 1; i >= 0; i--) {
            if (messages.get(i).role().equals("user")) {
                return messages.get(i).content();
            }
        }
        return null;
    }

    private static String contentOf(JsonNode content) {
        if (content == null || content.isNull()) {
            return null;
        }
        if (content.isTextual()) {
            return content.asText();
        }
        // Content parts: join the text parts.
        StringBuilder text = new StringBuilder();
        for (JsonNode part : content) {
            text.append(part.path("text").asText());
        }
        return text.toString();
    }

    @Override
    public String toString() {
        return method + " " + path + " " + body;
    }
}
