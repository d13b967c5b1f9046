package dev.signet.internal;

import dev.signet.core.SignetException;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;

/** Waiting for futures without wrapping their failures. Not public API. */
public final class Futures {
    private Futures() {}

    /**
     * Waits for a future and rethrows its failure as it was raised (a {@link SignetException} or another
     * unchecked exception), not wrapped in an {@link ExecutionException} or {@link CompletionException}.
     *
     * @param future the future
     * @param <T> its value
     * @return its value
     */
    public static <T> T await(CompletableFuture<T> future) {
        try {
            return future.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            future.cancel(true);
            throw new SignetException("Interrupted while waiting for the language model", e);
        } catch (ExecutionException e) {
            throw unwrap(e.getCause());
        }
    }

    /**
     * Joins a future (for a blocking call, one that is already complete) and rethrows its failure as it was
     * raised, not wrapped in a {@link CompletionException}.
     */
    public static <T> T join(CompletableFuture<T> future) {
        if (!future.isDone()) {
            return await(future);
        }
        try {
            return future.join();
        } catch (CompletionException | CancellationException e) {
            throw unwrap(e);
        }
    }

    /**
     * The exception a failed future's callers should see: the cause of any {@link CompletionException}
     * wrapping, as an unchecked exception.
     */
    public static RuntimeException unwrap(Throwable failure) {
        Throwable cause = failure;
        while ((cause instanceof CompletionException || cause instanceof ExecutionException)
                && cause.getCause() != null) {
            cause = cause.getCause();
        }
        if (cause instanceof RuntimeException runtime) {
            return runtime;
        }
        if (cause instanceof Error error) {
            throw error;
        }
        return new SignetException("The call failed: " + cause, cause);
    }
}
