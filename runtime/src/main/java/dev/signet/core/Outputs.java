package dev.signet.core;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * The parsed output values of one prediction, by field name, in the signature's order. Values have the
 * Java type of their field ({@code Integer} for {@code int}, {@code List<String>}, an enum constant, an
 * {@code Optional}, a record, ...).
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
     * @param name the field name
     * @return the field's value; never {@code null}
     * @throws IllegalArgumentException if there is no such field
     */
    public Object get(String name) {
        Object value = values.get(name);
        if (value == null) {
            throw new IllegalArgumentException("no output field named '" + name + "'; fields: " + values.keySet());
        }
        return value;
    }

    /**
     * The value of a field, checked against the class the caller expects.
     *
     * <pre>{@code
     * String answer = prediction.outputs().get("answer", String.class);
     * }</pre>
     *
     * @param name the field name
     * @param type the value's class ({@code Integer.class} for an {@code int} field)
     * @param <T> the value's type
     * @return the value
     * @throws IllegalArgumentException if there is no such field, or its value is of another class
     */
    public <T> T get(String name, Class<T> type) {
        Object value = get(name);
        if (!type.isInstance(value)) {
            throw new IllegalArgumentException("the output field '" + name + "' holds a "
                    + value.getClass().getName() + ", not a " + type.getName());
        }
        return type.cast(value);
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
