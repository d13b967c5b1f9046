package dev.signet.core;

import dev.signet.rules.Constraint;
import dev.signet.rules.Names;
import java.util.List;
import java.util.Objects;

/**
 * One input or output field of a signature.
 *
 * @param name the field's name in the prompt: letters, digits and underscores, not starting with a digit
 * @param description what the field holds, or empty
 * @param type the field's type
 * @param constraints bounds on its value (from Bean Validation annotations), shown in the field list as DSPy
 *     shows pydantic's
 */
public record Field(String name, String description, FieldType type, List<Constraint> constraints) {
    public Field {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(description, "description");
        Objects.requireNonNull(type, "type");
        constraints = List.copyOf(constraints);
        Names.fieldNameProblem(name).ifPresent(problem -> {
            throw new IllegalArgumentException(problem);
        });
    }

    /** A field without constraints. */
    public Field(String name, String description, FieldType type) {
        this(name, description, type, List.of());
    }

    /** @return the JSON Schema of the field's type, as the prompt shows it */
    public String jsonSchema() {
        return type.jsonSchema();
    }
}
