package dev.signet;

import java.util.Optional;

/**
 * The model's reply could not be turned into the signature's outputs: a required field is missing, or its
 * value does not have the field's type. Holds the raw completion so that nothing the model said is lost.
 */
public final class OutputParseException extends SignetException {
    private static final long serialVersionUID = 1L;

    private final String completion;
    private final String field;

    public OutputParseException(String message, String field, String completion) {
        super(message);
        this.field = field;
        this.completion = completion;
    }

    /** @return the raw text the model replied with */
    public String completion() {
        return completion;
    }

    /** @return the output field that could not be parsed, when the failure concerns one field */
    public Optional<String> field() {
        return Optional.ofNullable(field);
    }
}
