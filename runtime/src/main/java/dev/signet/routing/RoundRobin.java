package dev.signet.routing;

import dev.signet.Exchange;
import dev.signet.Interceptor;
import dev.signet.lm.LanguageModel;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Spreads model calls over several language models in turn, the handle's own not among them: a link of the
 * chain, so that each call's span, cache key and usage name the model that answered.
 *
 * <pre>{@code
 * Signet spread = signet.withInterceptor(RoundRobin.over(eastModel, westModel))
 *         .withInterceptor(Fallback.to(backupModel));   // a call whose turn fails moves on to the backup
 * }</pre>
 *
 * <p>As with {@link Fallback}, the request's model option is dropped: each model answers with its own. Thread-safe.
 */
public final class RoundRobin implements Interceptor.Router {
    private final List<LanguageModel> models;
    private final AtomicLong next = new AtomicLong();

    private RoundRobin(List<LanguageModel> models) {
        this.models = List.copyOf(models);
    }

    /**
     * @param first a model calls go to
     * @param more the others, taken in turn
     * @return the router
     */
    public static RoundRobin over(LanguageModel first, LanguageModel... more) {
        List<LanguageModel> all = new ArrayList<>();
        all.add(Objects.requireNonNull(first, "first"));
        for (LanguageModel model : more) {
            all.add(Objects.requireNonNull(model, "model"));
        }
        return new RoundRobin(all);
    }

    /** @return the models, in the order they take turns */
    public List<LanguageModel> models() {
        return models;
    }

    @Override
    public CompletableFuture<Exchange> intercept(Chain chain) {
        LanguageModel model = models.get((int) Math.floorMod(next.getAndIncrement(), (long) models.size()));
        return chain.proceed(chain.call().withLanguageModel(model));
    }

    @Override
    public String toString() {
        List<String> ids = new ArrayList<>();
        models.forEach(m -> ids.add(m.id()));
        return "RoundRobin" + ids;
    }
}
