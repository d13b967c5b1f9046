package dev.signet.spark;

import dev.signet.core.SignetException;

/** A row's failure on an executor that was not a model call's (a parse failure, an input of the wrong type, …). */
public final class SparkRowException extends SignetException {
    private final String kind;

    public SparkRowException(String kind, String message) {
        super(kind + ": " + message);
        this.kind = kind;
    }

    /** @return the failure's kind: {@code PARSE} for a reply that did not parse, else the exception's simple name */
    public String kind() {
        return kind;
    }
}
