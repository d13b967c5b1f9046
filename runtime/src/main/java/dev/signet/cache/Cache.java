package dev.signet.cache;

import dev.signet.Exchange;
import dev.signet.Interceptor;
import dev.signet.ModelCall;
import dev.signet.lm.Completion;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

/**
 * Stores completions by request key, and answers repeated model calls from the store: a link of the chain.
 * Off unless added:
 *
 * <pre>{@code
 * Signet cached = signet.withInterceptor(Cache.onDisk(Path.of(".signet-cache")));
 * }</pre>
 *
 * <p>The key ({@link #key}) is a SHA-256 of everything that shapes the answer: the language model's id, the
 * messages, the options (model, temperature, max tokens, seed, reasoning effort) and the response format.
 * Attempts that differ by seed (BestOfN, Refine) therefore keep distinct entries. A hit is marked on the
 * completion ({@link Completion#cached()}) and costs no usage. Failures are not cached. Add the cache before a
 * budget, so that a hit does not count against it.
 *
 * <p>Implementations are thread-safe and never fail a call: a store that can't be read or written behaves as a
 * miss.
 */
public interface Cache extends Interceptor {
    /**
     * A cache in memory that keeps the most recently used completions.
     *
     * @param maxEntries how many completions it keeps, at least 1
     */
    static Cache inMemory(int maxEntries) {
        return new MemoryCache(maxEntries);
    }

    /**
     * A cache in a directory: one small JSON file per request key, written atomically, so that threads and
     * processes can share the directory (a reader sees a whole entry or none); an unreadable entry is a miss,
     * logged at WARN once per file.
     *
     * @param directory where the entries go; created when the first is stored
     */
    static Cache onDisk(Path directory) {
        return new DiskCache(directory);
    }

    /** @return the completion stored under a key, if any */
    Optional<Completion> get(String key);

    /** Stores a completion under a key. */
    void put(String key, Completion completion);

    @Override
    default CompletableFuture<Exchange> intercept(Chain chain) {
        ModelCall call = chain.call();
        String key = key(call);
        Optional<Completion> hit = get(key);
        if (hit.isPresent()) {
            call.replay(hit.get().text()); // a streaming caller gets the cached reply as one piece
            return CompletableFuture.completedFuture(Exchange.of(call, hit.get().asCacheHit()));
        }
        return chain.proceed(call).thenApply(exchange -> {
            if (!exchange.completion().cached()) {
                put(key, exchange.completion());
            }
            return exchange;
        });
    }

    /** The stable hash of everything that shapes the answer to a call. */
    static String key(ModelCall call) {
        return call.request().key(call.languageModelId());
    }
}
