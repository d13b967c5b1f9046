package dev.signet.optimizers;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

/** What a failed future's caller should see: the exception raised, not the {@link CompletionException} around it. */
final class Failures {
    private Failures() {}

    static RuntimeException cause(Throwable failure) {
        Throwable cause = failure;
        while (cause instanceof CompletionException && cause.getCause() != null) {
            cause = cause.getCause();
        }
        return cause instanceof RuntimeException raised ? raised : new CompletionException(cause);
    }

    static <T> T join(CompletableFuture<T> future) {
        try {
            return future.join();
        } catch (CompletionException e) {
            throw cause(e);
        }
    }
}
