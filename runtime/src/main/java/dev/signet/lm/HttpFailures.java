package dev.signet.lm;

import java.io.InterruptedIOException;
import java.net.SocketTimeoutException;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Optional;
import java.util.concurrent.CompletionException;
import java.util.concurrent.TimeoutException;

/**
 * What every HTTP provider reads the same way from a failed call: the kind of an error status, the wait a
 * {@code Retry-After} asks for, whether a failure is a timeout. For the implementations of {@link LanguageModel}.
 */
public final class HttpFailures {
    private HttpFailures() {}

    /**
     * @param status an HTTP status of 400 or more
     * @return its kind: 401/403 authentication, 429 rate limit, 5xx (Anthropic's 529 included) server, other 4xx a
     *     bad request
     */
    public static LanguageModelException.Kind kindOf(int status) {
        if (status == 401 || status == 403) {
            return LanguageModelException.Kind.AUTHENTICATION;
        }
        if (status == 429) {
            return LanguageModelException.Kind.RATE_LIMIT;
        }
        if (status >= 500) {
            return LanguageModelException.Kind.SERVER;
        }
        if (status >= 400) {
            return LanguageModelException.Kind.BAD_REQUEST;
        }
        return LanguageModelException.Kind.OTHER;
    }

    /**
     * @param retryAfterMs the {@code retry-after-ms} header (OpenAI's), or null
     * @param retryAfter the {@code Retry-After} header: seconds or an HTTP date, or null
     * @return the wait they ask for; empty when neither is there or reads as a wait
     */
    public static Optional<Duration> retryAfter(String retryAfterMs, String retryAfter) {
        try {
            if (retryAfterMs != null && !retryAfterMs.isBlank()) {
                return Optional.of(Duration.ofMillis(Math.max(0, (long) Double.parseDouble(retryAfterMs.strip()))));
            }
            if (retryAfter == null || retryAfter.isBlank()) {
                return Optional.empty();
            }
            String value = retryAfter.strip();
            if (value.chars().allMatch(Character::isDigit)) {
                return Optional.of(Duration.ofSeconds(Long.parseLong(value)));
            }
            Duration wait = Duration.between(Instant.now(),
                    ZonedDateTime.parse(value, DateTimeFormatter.RFC_1123_DATE_TIME).toInstant());
            return Optional.of(wait.isNegative() ? Duration.ZERO : wait);
        } catch (RuntimeException e) {
            return Optional.empty(); // a header that reads as neither: no wait known
        }
    }

    /**
     * @param failure what a future failed with
     * @return the failure inside its {@code CompletionException} wrappers: what the call itself threw
     */
    public static Throwable unwrap(Throwable failure) {
        Throwable cause = failure;
        while (cause instanceof CompletionException && cause.getCause() != null) {
            cause = cause.getCause();
        }
        return cause;
    }

    /**
     * @param failure a failure and its causes
     * @return whether it is a timeout, as OkHttp ({@code SocketTimeoutException}, an {@code InterruptedIOException}
     *     "timeout") or the JDK's client ({@code HttpTimeoutException}) reports one
     */
    public static boolean isTimeout(Throwable failure) {
        for (Throwable c = failure; c != null; c = c.getCause()) {
            if (c instanceof SocketTimeoutException || c instanceof HttpTimeoutException
                    || c instanceof TimeoutException
                    || c instanceof InterruptedIOException && "timeout".equals(c.getMessage())) {
                return true;
            }
        }
        return false;
    }
}
