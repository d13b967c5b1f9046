package dev.signet;

import java.util.concurrent.CompletableFuture;

/**
 * One link of the chain every model call passes through, as OkHttp's interceptors are: it sees the call, passes it
 * on with {@link Chain#proceed} (as it is, changed, or several times), and sees what came back. Caches, budgets,
 * rate limits, tracing and metrics are links like any user's; so are the JSON fallback and the parse repair.
 *
 * <pre>{@code
 * Interceptor timing = chain -> {
 *     long start = System.nanoTime();
 *     return chain.proceed(chain.call())
 *             .whenComplete((exchange, failure) -> record(chain.call().predictorName(), System.nanoTime() - start));
 * };
 * Signet timed = signet.withInterceptor(timing);
 * }</pre>
 *
 * <p>The order, outermost first: the parse repair, the JSON fallback, the parsing of the reply, then the handle's
 * interceptors in the order they were added ({@link Signet#withInterceptor}), then the language model. A blocking
 * predictor call runs the whole chain on the caller's thread: the futures a link gets from {@code proceed} are
 * then already complete. A link must not block when they are not (an asynchronous call).
 *
 * <p>Implementations are thread-safe: one link serves every call of every predictor made on the handle.
 */
@FunctionalInterface
public interface Interceptor {
    /**
     * @param chain the call, and the rest of the chain
     * @return what the model answered, or a future failed with a {@link dev.signet.core.SignetException}
     */
    CompletableFuture<Exchange> intercept(Chain chain);

    /**
     * A link that chooses which language model answers a call ({@code ModelCall.withLanguageModel}), such as
     * {@code Fallback} and {@code RoundRobin}: a link that observes model calls goes after it
     * ({@link Signet#withObservingInterceptor}), so that it sees each model the router tries.
     */
    interface Router extends Interceptor {}

    /** The call a link is given, and the links after it. */
    interface Chain {
        /** @return the model call this link is asked to make */
        ModelCall call();

        /**
         * Passes a call to the next link (the last passes it to the language model).
         *
         * @param call the call, as this link wants it made ({@link #call()}, or {@link ModelCall#withRequest})
         * @return what came back
         */
        CompletableFuture<Exchange> proceed(ModelCall call);
    }
}
