package dev.signet;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * The parsed output values of one prediction, by field name, in the signature's order. Values have the
 * Java type of their field ({@code Integer} for {@code int}, {@code List<String>}, an enum constant, ...).
 */
public final class Outputs {
    private final Map<String, Object> values;

    private Outputs(Map<String, Object> values) {
        this.values = values;
    }

    /**
     * @param values the values by field name; copied, order kept
     * @return the outputs
     */
    public static Outputs of(Map<String, ?> values) {
        return new Outputs(Collections.unmodifiableMap(new LinkedHashMap<>(values)));
    }

    /**
     * The value of a field, as the type the caller expects (generated code knows it from the signature).
     *
     * @param name the field name
     * @param <T> the field's Java type
     * @return the value; never {@code null}
     * @throws IllegalArgumentException if there is no such field
     */
    @SuppressWarnings("unchecked")
    public <T> T value(String name) {
        Object value = values.get(name);
        if (value == null) {
            throw new IllegalArgumentException("no output field named '" + name + "'; fields: " + values.keySet());
        }
        return (T) value;
    }

    /** @return the values by field name, in signature order; unmodifiable */
    public Map<String, Object> asMap() {
        return values;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Outputs other && values.equals(other.values);
    }

    @Override
    public int hashCode() {
        return Objects.hash(values);
    }

    @Override
    public String toString() {
        return values.toString();
    }
}
