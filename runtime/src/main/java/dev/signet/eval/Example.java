package dev.signet.eval;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * One example of a dataset: input values and the expected (labelled) output values, by field name, typed as the
 * signature's fields.
 *
 * @param inputs the input values
 * @param outputs the expected output values (the labels)
 */
public record Example(Map<String, Object> inputs, Map<String, Object> outputs) {
    public Example {
        inputs = Collections.unmodifiableMap(new LinkedHashMap<>(Objects.requireNonNull(inputs, "inputs")));
        outputs = Collections.unmodifiableMap(new LinkedHashMap<>(Objects.requireNonNull(outputs, "outputs")));
    }

    /**
     * @param name an input field
     * @param <T> its Java type
     * @return the input's value
     * @throws IllegalArgumentException if the example has no such input
     */
    @SuppressWarnings("unchecked")
    public <T> T input(String name) {
        if (!inputs.containsKey(name)) {
            throw new IllegalArgumentException("the example has no input '" + name + "'; inputs: " + inputs.keySet());
        }
        return (T) inputs.get(name);
    }

    /**
     * @param name an output field
     * @param <T> its Java type
     * @return the expected value
     * @throws IllegalArgumentException if the example has no label for it
     */
    @SuppressWarnings("unchecked")
    public <T> T label(String name) {
        if (!outputs.containsKey(name)) {
            throw new IllegalArgumentException("the example has no label '" + name + "'; labels: " + outputs.keySet());
        }
        return (T) outputs.get(name);
    }
}
