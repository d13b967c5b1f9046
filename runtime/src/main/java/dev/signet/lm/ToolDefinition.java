package dev.signet.lm;

import java.util.Map;
import java.util.Objects;

/**
 * A tool offered to a model for native tool calling: OpenAI's function definition.
 *
 * @param name the name the model calls it by
 * @param description what it does
 * @param parameters the JSON Schema of its arguments, an object schema, as nested maps and lists
 */
public record ToolDefinition(String name, String description, Map<String, Object> parameters) {
    public ToolDefinition {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(description, "description");
        parameters = Map.copyOf(Objects.requireNonNull(parameters, "parameters"));
    }
}
