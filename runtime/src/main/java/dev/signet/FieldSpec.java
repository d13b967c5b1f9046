package dev.signet;

import dev.signet.internal.JsonValues;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * One input or output field of a signature.
 *
 * @param name the field's name in the prompt: letters, digits and underscores, not starting with a digit
 * @param description what the field holds, or empty
 * @param type the field's type
 * @param jsonSchema the type's JSON Schema as the prompt shows it; generated predictors embed the one the
 *     processor computed at compile time
 */
public record FieldSpec(String name, String description, FieldType type, String jsonSchema) {
    private static final Pattern NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");

    public FieldSpec {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(description, "description");
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(jsonSchema, "jsonSchema");
        if (!NAME.matcher(name).matches()) {
            throw new IllegalArgumentException("field name '" + name
                    + "' must be letters, digits and underscores, not starting with a digit");
        }
    }

    /** A field whose JSON Schema is derived from its type. */
    public FieldSpec(String name, String description, FieldType type) {
        this(name, description, type, JsonValues.dumps(JsonValues.schema(Objects.requireNonNull(type, "type"))));
    }
}
