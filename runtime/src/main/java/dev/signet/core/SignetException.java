package dev.signet.core;

/** The base of every exception Signet throws. Unchecked, like the OpenAI SDK's. */
public class SignetException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public SignetException(String message) {
        super(message);
    }

    public SignetException(String message, Throwable cause) {
        super(message, cause);
    }
}
