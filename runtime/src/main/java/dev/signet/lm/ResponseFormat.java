package dev.signet.lm;

import java.util.Map;
import java.util.Objects;

/**
 * Native structured output: the reply must be a JSON object following a JSON Schema (OpenAI's
 * {@code response_format: {"type": "json_schema", ...}}).
 *
 * @param name a name for the schema (letters, digits, {@code _} and {@code -})
 * @param schema the JSON Schema, as nested maps and lists
 * @param strict whether the server must follow the schema exactly (OpenAI's strict mode); false when the
 *     schema uses what strict mode can't express, such as maps with arbitrary keys
 */
public record ResponseFormat(String name, Map<String, Object> schema, boolean strict) {
    public ResponseFormat {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(schema, "schema");
    }
}
