package dev.signet.rules;

import java.util.Objects;

/**
 * A bound on a field's value, as pydantic states it ({@code Field(ge=1, le=12)}) and DSPy shows it in the field
 * list ({@code Constraints: greater than or equal to: 1, less than or equal to: 12}). The processor derives them from
 * Bean Validation annotations ({@code @Min}, {@code @Max}, {@code @Size}, ...).
 *
 * @param kind which bound
 * @param value the bound, written as the annotation wrote it ({@code 1}, {@code 0.5})
 */
public record Constraint(Kind kind, String value) {
    /** The bounds DSPy names, in pydantic's terms. */
    public enum Kind {
        /** {@code gt}: greater than. */
        GT("greater than: ", "exclusiveMinimum"),
        /** {@code ge}: greater than or equal to. */
        GE("greater than or equal to: ", "minimum"),
        /** {@code lt}: less than. */
        LT("less than: ", "exclusiveMaximum"),
        /** {@code le}: less than or equal to. */
        LE("less than or equal to: ", "maximum"),
        /** {@code min_length}: of a string, list or set. */
        MIN_LENGTH("minimum length: ", "minLength"),
        /** {@code max_length}: of a string, list or set. */
        MAX_LENGTH("maximum length: ", "maxLength"),
        /** {@code multiple_of}. */
        MULTIPLE_OF("a multiple of the given number: ", "multipleOf");

        private final String text;
        private final String schemaKey;

        Kind(String text, String schemaKey) {
            this.text = text;
            this.schemaKey = schemaKey;
        }

        /** @return the JSON Schema keyword pydantic writes for it (for strings; lists use minItems/maxItems) */
        public String schemaKey() {
            return schemaKey;
        }
    }

    public Constraint {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(value, "value");
    }

    /** @return DSPy's words for it, e.g. {@code greater than or equal to: 1} */
    public String text() {
        return kind.text + value;
    }
}
