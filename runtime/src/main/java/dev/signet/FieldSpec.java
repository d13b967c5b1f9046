package dev.signet;

import java.util.Objects;
import java.util.regex.Pattern;

/**
 * One input or output field of a signature.
 *
 * @param name the field's name in the prompt: letters, digits and underscores, not starting with a digit
 * @param description what the field holds, or empty
 * @param type the field's type
 */
public record FieldSpec(String name, String description, FieldType type) {
    private static final Pattern NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");

    public FieldSpec {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(description, "description");
        Objects.requireNonNull(type, "type");
        if (!NAME.matcher(name).matches()) {
            throw new IllegalArgumentException("field name '" + name
                    + "' must be letters, digits and underscores, not starting with a digit");
        }
    }
}
