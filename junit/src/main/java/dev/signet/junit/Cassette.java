package dev.signet.junit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.signet.lm.Completion;
import dev.signet.lm.LmOptions;
import dev.signet.lm.LmRequest;
import dev.signet.lm.Message;
import dev.signet.lm.ToolCall;
import dev.signet.lm.ToolDefinition;
import dev.signet.lm.Usage;
import dev.signet.rules.AtomicFiles;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Recorded model calls, one JSON file a test: each request (messages, options, response format: what shapes the
 * answer, as a cache keys it) with the completion it got. Nothing else is stored: no header, no key, no endpoint.
 * A request is answered by the first recording equal to it. Thread-safe.
 */
public final class Cassette {
    private static final ObjectMapper MAPPER = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
    private static final String FORMAT = "signet.cassette/v1";

    /** One recorded call. */
    record Interaction(LmRequest request, Completion completion) {}

    private final Path file;
    private final List<Interaction> interactions = new ArrayList<>();

    private Cassette(Path file) {
        this.file = file;
    }

    /** @return an empty cassette that {@link #save()} writes to {@code file} */
    public static Cassette empty(Path file) {
        return new Cassette(Objects.requireNonNull(file, "file"));
    }

    /**
     * @param file a cassette written by {@link #save()}
     * @return its recordings
     * @throws IllegalArgumentException naming the file and what is wrong, when it is missing or malformed
     */
    public static Cassette load(Path file) {
        if (!Files.isRegularFile(file)) {
            throw new IllegalArgumentException("No cassette at " + file.toAbsolutePath() + ": record one with "
                    + "-Dsignet.record=true against a real endpoint (OPENAI_API_KEY, ...), then commit it");
        }
        Cassette cassette = new Cassette(file);
        try {
            JsonNode root = MAPPER.readTree(file.toFile());
            if (!FORMAT.equals(root.path("format").asText())) {
                throw new IllegalArgumentException(file + " is not a Signet cassette (its \"format\" is not \""
                        + FORMAT + "\")");
            }
            int index = 0;
            for (JsonNode interaction : root.path("interactions")) {
                cassette.interactions.add(new Interaction(request(interaction.path("request"), file, index),
                        completion(interaction.path("completion"), file, index)));
                index++;
            }
        } catch (IOException e) {
            throw new IllegalArgumentException(file + " is not readable JSON: " + e.getMessage(), e);
        }
        return cassette;
    }

    /** @return the path this cassette is read from and written to */
    public Path file() {
        return file;
    }

    /** @return how many calls it holds */
    public synchronized int size() {
        return interactions.size();
    }

    synchronized Completion find(LmRequest request) {
        for (Interaction interaction : interactions) {
            if (interaction.request().equals(request)) {
                return interaction.completion();
            }
        }
        return null;
    }

    /** @return the recorded request most like {@code request}: the most equal messages, then the longest common text */
    synchronized LmRequest closest(LmRequest request) {
        LmRequest best = null;
        long bestScore = -1;
        for (Interaction interaction : interactions) {
            LmRequest recorded = interaction.request();
            long score = 0;
            for (int i = 0; i < Math.min(recorded.messages().size(), request.messages().size()); i++) {
                String a = recorded.messages().get(i).content();
                String b = request.messages().get(i).content();
                score += a.equals(b) ? 1_000_000 : commonPrefix(a, b);
            }
            if (score > bestScore) {
                best = recorded;
                bestScore = score;
            }
        }
        return best;
    }

    synchronized void add(LmRequest request, Completion completion) {
        if (find(request) == null) {
            interactions.add(new Interaction(request, completion));
        }
    }

    /** Writes the cassette, atomically: a reader never sees half a file. */
    public synchronized void save() {
        ObjectNode root = MAPPER.createObjectNode().put("format", FORMAT);
        ArrayNode list = root.putArray("interactions");
        for (Interaction interaction : interactions) {
            ObjectNode entry = list.addObject();
            LmRequest request = interaction.request();
            ObjectNode req = entry.putObject("request");
            ArrayNode messages = req.putArray("messages");
            for (Message m : request.messages()) {
                ObjectNode message = messages.addObject().put("role", m.role().wireName()).put("content", m.content());
                if (!m.toolCalls().isEmpty()) {
                    message.set("toolCalls", toolCalls(m.toolCalls()));
                }
                if (m.toolCallId() != null) {
                    message.put("toolCallId", m.toolCallId());
                }
            }
            if (!request.tools().isEmpty()) {
                ArrayNode tools = req.putArray("tools");
                request.tools().forEach(t -> tools.addObject().put("name", t.name()).put("description", t.description())
                        .set("parameters", MAPPER.valueToTree(t.parameters())));
            }
            LmOptions options = request.options();
            ObjectNode opts = req.putObject("options");
            opts.put("model", options.model());
            opts.put("temperature", options.temperature());
            opts.put("maxTokens", options.maxTokens());
            opts.put("seed", options.seed());
            opts.put("reasoningEffort", options.reasoningEffort());
            if (request.responseFormat() != null) {
                req.putObject("responseFormat").put("name", request.responseFormat().name())
                        .put("strict", request.responseFormat().strict())
                        .set("schema", MAPPER.valueToTree(request.responseFormat().schema()));
            }
            Completion completion = interaction.completion();
            Usage usage = completion.usage();
            ObjectNode recorded = entry.putObject("completion").put("text", completion.text())
                    .put("model", completion.model()).put("finishReason", completion.finishReason());
            if (!completion.toolCalls().isEmpty()) {
                recorded.set("toolCalls", toolCalls(completion.toolCalls()));
            }
            recorded.putObject("usage").put("promptTokens", usage.promptTokens())
                    .put("completionTokens", usage.completionTokens()).put("totalTokens", usage.totalTokens())
                    .put("cachedPromptTokens", usage.cachedPromptTokens())
                    .put("reasoningTokens", usage.reasoningTokens());
        }
        try {
            Files.createDirectories(file.toAbsolutePath().getParent());
            AtomicFiles.write(file, MAPPER.writeValueAsString(root) + "\n");
        } catch (IOException e) {
            throw new UncheckedIOException("Could not write the cassette " + file, e);
        }
    }

    @SuppressWarnings("unchecked")
    private static LmRequest request(JsonNode node, Path file, int index) {
        List<Message> messages = new ArrayList<>();
        for (JsonNode message : node.path("messages")) {
            String role = message.path("role").asText();
            String content = message.path("content").asText();
            messages.add(switch (role) {
                case "system" -> Message.system(content);
                case "user" -> Message.user(content);
                case "assistant" -> Message.assistant(content, toolCalls(message.path("toolCalls")));
                case "tool" -> Message.tool(message.path("toolCallId").asText(), content);
                default -> throw new IllegalArgumentException(file + ": interaction " + index
                        + " has a message of unknown role '" + role + "'");
            });
        }
        List<ToolDefinition> tools = new ArrayList<>();
        for (JsonNode tool : node.path("tools")) {
            tools.add(new ToolDefinition(tool.path("name").asText(), tool.path("description").asText(),
                    MAPPER.convertValue(tool.get("parameters"), Map.class)));
        }
        JsonNode o = node.path("options");
        LmOptions options = new LmOptions(text(o, "model"), o.hasNonNull("temperature")
                ? o.get("temperature").asDouble() : null, o.hasNonNull("maxTokens") ? o.get("maxTokens").asInt()
                : null, o.hasNonNull("seed") ? o.get("seed").asLong() : null, text(o, "reasoningEffort"));
        JsonNode format = node.get("responseFormat");
        LmRequest.ResponseFormat responseFormat = format == null || format.isNull() ? null
                : new LmRequest.ResponseFormat(format.path("name").asText(),
                        MAPPER.convertValue(format.get("schema"), Map.class), format.path("strict").asBoolean());
        return new LmRequest(messages, options, responseFormat, tools);
    }

    private static ArrayNode toolCalls(List<ToolCall> calls) {
        ArrayNode array = MAPPER.createArrayNode();
        calls.forEach(c -> array.addObject().put("id", c.id()).put("name", c.name()).put("arguments", c.arguments()));
        return array;
    }

    private static List<ToolCall> toolCalls(JsonNode array) {
        List<ToolCall> calls = new ArrayList<>();
        for (JsonNode call : array) {
            calls.add(new ToolCall(call.path("id").asText(), call.path("name").asText(),
                    call.path("arguments").asText()));
        }
        return calls;
    }

    private static Completion completion(JsonNode node, Path file, int index) {
        if (!node.hasNonNull("text")) {
            throw new IllegalArgumentException(file + ": interaction " + index + " has no completion text");
        }
        JsonNode u = node.path("usage");
        return new Completion(node.get("text").asText(), text(node, "model"), new Usage(u.path("promptTokens").asLong(),
                u.path("completionTokens").asLong(), u.path("totalTokens").asLong(),
                u.path("cachedPromptTokens").asLong(), u.path("reasoningTokens").asLong()), text(node, "finishReason"),
                false, toolCalls(node.path("toolCalls")));
    }

    private static String text(JsonNode node, String name) {
        return node.hasNonNull(name) ? node.get(name).asText() : null;
    }

    private static int commonPrefix(String a, String b) {
        int n = Math.min(a.length(), b.length());
        int i = 0;
        while (i < n && a.charAt(i) == b.charAt(i)) {
            i++;
        }
        return i;
    }
}
