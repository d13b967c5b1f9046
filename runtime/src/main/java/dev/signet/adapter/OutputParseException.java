package dev.signet.adapter;

import dev.signet.core.SignetException;
import java.util.List;
import java.util.Optional;

/**
 * The model's reply could not be turned into the signature's outputs: a required field is missing, or its
 * value does not have the field's type. Holds the raw completion so that nothing the model said is lost.
 */
public final class OutputParseException extends SignetException {
    private static final long serialVersionUID = 1L;

    private final String completion;
    private final String field;
    private final List<String> completions;

    public OutputParseException(String message, String field, String completion) {
        this(message, field, completion, List.of(completion));
    }

    /**
     * @param completions every reply of the prediction's attempts, in order; the last is {@code completion}
     */
    public OutputParseException(String message, String field, String completion, List<String> completions) {
        super(message);
        this.field = field;
        this.completion = completion;
        this.completions = List.copyOf(completions);
    }

    /** @return the raw text the model last replied with */
    public String completion() {
        return completion;
    }

    /** @return every raw reply of the prediction's attempts (first call, fallback, repairs), in order */
    public List<String> completions() {
        return completions;
    }

    /** @return the output field that could not be parsed, when the failure concerns one field */
    public Optional<String> field() {
        return Optional.ofNullable(field);
    }
}
