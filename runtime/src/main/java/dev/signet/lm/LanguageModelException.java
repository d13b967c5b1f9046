package dev.signet.lm;

import dev.signet.core.SignetException;
import java.time.Duration;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * The language model could not answer: the endpoint refused the request, failed, or could not be reached,
 * after the client's retries. The message never contains an API key.
 */
public final class LanguageModelException extends SignetException {
    private static final long serialVersionUID = 1L;

    /** What kind of failure this is, so that callers can react without parsing messages. */
    public enum Kind {
        /** 401 or 403: the key is missing, wrong, or lacks permission. */
        AUTHENTICATION,
        /** 429: rate limited or out of quota, after the retries. */
        RATE_LIMIT,
        /** 400, 404, 422: the request was rejected (unknown model, bad parameter). */
        BAD_REQUEST,
        /** 5xx: the server failed, after the retries. */
        SERVER,
        /** The endpoint could not be reached or timed out. */
        CONNECTION,
        /** The model declined to answer (an OpenAI refusal), or the provider's content filter stopped the reply. */
        REFUSED,
        /**
         * The reply was cut off at the token limit ({@code finish_reason: length}); not retried, since the same
         * request would be cut off again: raise {@code maxTokens}.
         */
        TRUNCATED,
        /** The endpoint answered something that is not a chat completion. */
        INVALID_RESPONSE,
        /**
         * A Batch API request the provider did not run before the batch's completion window ended; retry it (live
         * or in another batch).
         */
        EXPIRED,
        /** A Batch API request not run because its batch was cancelled. */
        CANCELLED,
        /** Anything else. */
        OTHER
    }

    private final Kind kind;
    private final int statusCode;
    private final String partialText;
    private final Duration retryAfter;

    public LanguageModelException(Kind kind, int statusCode, String message, Throwable cause) {
        this(kind, statusCode, message, cause, null);
    }

    /**
     * @param partialText what a streamed reply had delivered when it failed, or {@code null}
     */
    public LanguageModelException(Kind kind, int statusCode, String message, Throwable cause, String partialText) {
        this(kind, statusCode, message, cause, partialText, null);
    }

    /**
     * @param partialText what a streamed reply had delivered when it failed, or {@code null}
     * @param retryAfter how long the endpoint asked to be left alone ({@code Retry-After}), or {@code null}
     */
    public LanguageModelException(Kind kind, int statusCode, String message, Throwable cause, String partialText,
            Duration retryAfter) {
        super(message, cause);
        this.kind = kind;
        this.statusCode = statusCode;
        this.partialText = partialText;
        this.retryAfter = retryAfter;
    }

    public Kind kind() {
        return kind;
    }

    /** @return the HTTP status code, when the endpoint answered with one */
    public OptionalInt statusCode() {
        return statusCode > 0 ? OptionalInt.of(statusCode) : OptionalInt.empty();
    }

    /**
     * @return how long the endpoint asked not to be called again ({@code Retry-After} or {@code retry-after-ms} of a
     *     429 or 503), if it said
     */
    public Optional<Duration> retryAfter() {
        return Optional.ofNullable(retryAfter);
    }

    /**
     * What a streaming provider fails with when its stream breaks after text came: this error, saying how much
     * had streamed, with that text as its {@link #partialText()}.
     *
     * @param streamed the text handed on before the failure; when empty, this error is returned as it is
     * @return the error with its partial text
     */
    public LanguageModelException withPartialText(CharSequence streamed) {
        if (streamed.length() == 0) {
            return this;
        }
        return new LanguageModelException(kind, statusCode, getMessage() + " (" + streamed.length()
                + " characters of the reply had streamed)", getCause(), streamed.toString(), retryAfter);
    }

    /** @return the text a streamed reply had delivered before it failed, if it failed mid-stream */
    public Optional<String> partialText() {
        return Optional.ofNullable(partialText);
    }
}
