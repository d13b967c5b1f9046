package dev.signet.optimizers;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.signet.Signet;
import dev.signet.core.PromptState;
import dev.signet.rules.AtomicFiles;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A GEPA candidate in the gepa library's shape, {@code dict[str, str]}: predictor name to instruction text, as a
 * JSON object. It carries instructions only; demos stay with the prompt states it is applied to.
 *
 * <pre>{@code
 * GepaCandidate.write(Path.of("candidate.json"), result.bestCandidate());
 * Signet tuned = GepaCandidate.apply(signet, GepaCandidate.read(Path.of("candidate.json")));
 * }</pre>
 */
public final class GepaCandidate {
    private static final ObjectMapper MAPPER = new ObjectMapper();

    private GepaCandidate() {}

    /** @return the instructions of these prompt states, by predictor name */
    public static Map<String, String> of(Map<String, PromptState> prompts) {
        Map<String, String> candidate = new LinkedHashMap<>();
        prompts.forEach((name, prompt) -> {
            if (prompt.instructions() != null) {
                candidate.put(name, prompt.instructions());
            }
        });
        return candidate;
    }

    /** @return the candidate as a JSON object, keys in order */
    public static String toJson(Map<String, String> candidate) {
        ObjectNode node = MAPPER.createObjectNode();
        candidate.forEach(node::put);
        try {
            return MAPPER.writerWithDefaultPrettyPrinter().writeValueAsString(node) + "\n";
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * @param json a JSON object of strings
     * @param source what to name in an error (a file name, say)
     * @throws IllegalArgumentException naming the source and the key when it is not one
     */
    public static Map<String, String> fromJson(String json, String source) {
        JsonNode node;
        try {
            node = MAPPER.readTree(json);
        } catch (IOException e) {
            throw new IllegalArgumentException(source + ": not valid JSON: " + e.getMessage(), e);
        }
        if (node == null || !node.isObject()) {
            throw new IllegalArgumentException(source + ": a GEPA candidate is a JSON object of predictor name to "
                    + "instruction text");
        }
        Map<String, String> candidate = new LinkedHashMap<>();
        var fields = node.fields();
        while (fields.hasNext()) {
            var field = fields.next();
            if (!field.getValue().isTextual()) {
                throw new IllegalArgumentException(source + ": the instruction of `" + field.getKey() + "` must be a "
                        + "string, not " + field.getValue().getNodeType());
            }
            candidate.put(field.getKey(), field.getValue().asText());
        }
        return candidate;
    }

    /** Writes the candidate atomically. */
    public static void write(Path file, Map<String, String> candidate) throws IOException {
        AtomicFiles.write(file, toJson(candidate));
    }

    public static Map<String, String> read(Path file) throws IOException {
        return fromJson(Files.readString(file), file.toString());
    }

    /**
     * @return a handle whose predictors named in the candidate use its instructions, keeping the demos the handle
     *     holds for them (none if it holds no prompt state)
     */
    public static Signet apply(Signet signet, Map<String, String> candidate) {
        Map<String, PromptState> prompts = new LinkedHashMap<>();
        candidate.forEach((name, instructions) -> prompts.put(name, new PromptState(instructions,
                signet.prompt(name).map(PromptState::demos).orElse(List.of()))));
        return signet.withPrompts(prompts);
    }
}
