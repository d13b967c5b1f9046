package dev.signet.routing;

import dev.signet.Exchange;
import dev.signet.Interceptor;
import dev.signet.ModelCall;
import dev.signet.internal.Futures;
import dev.signet.lm.LanguageModel;
import dev.signet.lm.LanguageModelException;
import dev.signet.lm.LanguageModelException.Kind;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Other language models, tried in order when a call's own fails with a rate limit, a server error or a
 * connection failure (a timeout included): a link of the chain, so that every try is a model call of its own,
 * with its own span, cache key and budget check.
 *
 * <pre>{@code
 * Signet resilient = signet.withInterceptor(Fallback.to(backupModel, localModel));
 * }</pre>
 *
 * <p>Each model's own retries (the SDK's, for OpenAI) run first; the fallback starts when they are spent. A model
 * that answered with {@code Retry-After} is passed over until that time is up, unless it is the last one left. A
 * failure of another kind (a bad request, a refusal, a reply cut off at the token limit) is not the model's
 * availability and fails the call as it is. When every model fails, the call fails with the last model's error,
 * the earlier ones {@linkplain Throwable#getSuppressed() suppressed} in it. A streamed call that fails mid-stream
 * restarts on the next model (its subscriber sees a {@code restarted()} event).
 *
 * <p>The request's model option names a model of the handle's language model, so the other models are called
 * without it, each with its own configured model. Add the fallback before a {@link dev.signet.cache.Cache} to
 * key the cache by the model that answers. Thread-safe.
 */
public final class Fallback implements Interceptor.Router {
    private static final Logger LOG = LoggerFactory.getLogger(Fallback.class);

    private final List<LanguageModel> models;
    private final Set<Kind> kinds;
    private final LongSupplier nanoTime;
    /** The models that asked to be left alone, by id: until when, in {@link System#nanoTime()}. */
    private final Map<String, Long> coolingUntil = new ConcurrentHashMap<>();

    private Fallback(List<LanguageModel> models, Set<Kind> kinds, LongSupplier nanoTime) {
        this.models = List.copyOf(models);
        this.kinds = Set.copyOf(kinds);
        this.nanoTime = nanoTime;
    }

    /**
     * @param first the model tried when a call's own fails
     * @param more the models tried after it, in order
     * @return a fallback on rate limits, server errors and connection failures
     */
    public static Fallback to(LanguageModel first, LanguageModel... more) {
        List<LanguageModel> all = new ArrayList<>();
        all.add(Objects.requireNonNull(first, "first"));
        for (LanguageModel model : more) {
            all.add(Objects.requireNonNull(model, "model"));
        }
        return new Fallback(all, EnumSet.of(Kind.RATE_LIMIT, Kind.SERVER, Kind.CONNECTION), System::nanoTime);
    }

    /**
     * @param first a kind of failure that moves a call to the next model
     * @param more more such kinds
     * @return this fallback for those kinds only
     */
    public Fallback on(Kind first, Kind... more) {
        return new Fallback(models, EnumSet.of(first, more), nanoTime);
    }

    /** @return the models tried after a call's own, in order */
    public List<LanguageModel> models() {
        return models;
    }

    @Override
    public CompletableFuture<Exchange> intercept(Chain chain) {
        return attempt(chain, chain.call(), 0, new ArrayList<>());
    }

    /** Try {@code index}: 0 is the call's own model, then the fallback's in order. */
    private CompletableFuture<Exchange> attempt(Chain chain, ModelCall original, int index,
            List<LanguageModelException> failures) {
        ModelCall call = index == 0 ? original : original.withLanguageModel(models.get(index - 1));
        boolean last = index == models.size();
        Long until = coolingUntil.get(call.languageModelId());
        if (until != null && !last) {
            if (nanoTime.getAsLong() - until < 0) {
                LOG.debug("Passing over {}, which asked to be left alone for a while", call.languageModelId());
                return attempt(chain, original, index + 1, failures);
            }
            coolingUntil.remove(call.languageModelId(), until);
        }
        CompletableFuture<Exchange> exchange;
        try {
            exchange = chain.proceed(call);
        } catch (RuntimeException e) {
            exchange = CompletableFuture.failedFuture(e);
        }
        return exchange.handle((done, failure) -> {
            if (failure == null) {
                return CompletableFuture.completedFuture(done);
            }
            Throwable cause = Futures.unwrap(failure);
            if (!(cause instanceof LanguageModelException error) || !kinds.contains(error.kind())) {
                return CompletableFuture.<Exchange>failedFuture(cause);
            }
            error.retryAfter().ifPresent(wait -> coolingUntil.put(call.languageModelId(),
                    nanoTime.getAsLong() + wait.toNanos()));
            if (last) {
                failures.forEach(error::addSuppressed);
                return CompletableFuture.<Exchange>failedFuture(error);
            }
            LOG.debug("{} failed ({}: {}); trying {}", call.languageModelId(), error.kind(), error.getMessage(),
                    models.get(index).id());
            failures.add(error);
            return attempt(chain, original, index + 1, failures);
        }).thenCompose(next -> next);
    }

    @Override
    public String toString() {
        List<String> ids = new ArrayList<>();
        models.forEach(m -> ids.add(m.id()));
        return "Fallback" + ids + " on " + kinds;
    }
}
