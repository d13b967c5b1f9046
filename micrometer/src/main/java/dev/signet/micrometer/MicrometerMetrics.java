package dev.signet.micrometer;

import dev.signet.Exchange;
import dev.signet.Interceptor;
import dev.signet.ModelCall;
import dev.signet.PredictorCall;
import dev.signet.PredictorListener;
import dev.signet.Signet;
import dev.signet.lm.Completion;
import dev.signet.lm.HttpFailures;
import dev.signet.lm.LanguageModelException;
import dev.signet.usage.UsageMeter.Price;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.Timer;
import java.math.BigDecimal;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * Micrometer meters for every model call and predictor call of a handle: one link of the call pipeline (each
 * model call, each try of a fallback, each cache hit) and a listener (each predictor call).
 *
 * <pre>{@code
 * Signet metered = MicrometerMetrics.create(meterRegistry).instrument(signet);
 * }</pre>
 *
 * <table>
 *   <caption>The meters</caption>
 *   <tr><th>meter</th><th>what</th><th>tags</th></tr>
 *   <tr><td>{@code gen_ai.client.operation.duration} (timer; p50, p95, p99)</td><td>each model call</td>
 *       <td>{@code gen_ai.operation.name}, {@code gen_ai.provider.name}, {@code gen_ai.request.model},
 *       {@code signet.predictor}, {@code error.type} ({@code none} on success)</td></tr>
 *   <tr><td>{@code gen_ai.client.token.usage} (summary)</td><td>tokens of each model call</td>
 *       <td>the same but {@code error.type}, and {@code gen_ai.token.type}: {@code input} or {@code output}</td></tr>
 *   <tr><td>{@code signet.model.errors} (counter)</td><td>model calls that failed</td>
 *       <td>the same, and {@code signet.error.kind} ({@code RATE_LIMIT}, {@code SERVER}, ...; {@code OTHER} for a
 *       failure that is not the model's)</td></tr>
 *   <tr><td>{@code signet.cache.hits} (counter)</td><td>model calls a cache answered</td>
 *       <td>{@code signet.predictor}, {@code gen_ai.request.model}</td></tr>
 *   <tr><td>{@code signet.predictor.duration} (timer; p50, p95, p99)</td><td>each predictor call, all its model calls
 *       included</td><td>{@code signet.predictor}, {@code signet.module}, {@code outcome}
 *       ({@code success} or {@code error})</td></tr>
 *   <tr><td>{@code signet.cost} (counter)</td><td>the cost of the tokens, with a price table</td>
 *       <td>{@code signet.predictor}, {@code gen_ai.response.model}</td></tr>
 * </table>
 *
 * <p>The names and tags are the OpenTelemetry GenAI conventions' where they exist. No meter carries prompt or
 * completion text. Thread-safe.
 */
public final class MicrometerMetrics implements Interceptor, PredictorListener {
    private static final double[] PERCENTILES = {0.5, 0.95, 0.99};

    private final MeterRegistry registry;
    private final Map<String, Price> prices;

    private MicrometerMetrics(MeterRegistry registry, Map<String, Price> prices) {
        this.registry = Objects.requireNonNull(registry, "registry");
        this.prices = Map.copyOf(prices);
    }

    /** Meters without cost. */
    public static MicrometerMetrics create(MeterRegistry registry) {
        return new MicrometerMetrics(registry, Map.of());
    }

    /**
     * @param prices prices by model name (the requested name, or a prefix of the answering one, as
     *     {@link dev.signet.usage.UsageMeter} reads them), for the {@code signet.cost} counter
     */
    public static MicrometerMetrics create(MeterRegistry registry, Map<String, Price> prices) {
        return new MicrometerMetrics(registry, prices);
    }

    /**
     * @return a handle like {@code signet} whose calls are metered: this link goes after any fallback or router,
     *     so that each model they try is metered as its own call, and before the others, so that cache hits count
     */
    public Signet instrument(Signet signet) {
        return signet.withObservingInterceptor(this).withListener(this);
    }

    @Override
    public CompletableFuture<Exchange> intercept(Chain chain) {
        ModelCall call = chain.call();
        long start = System.nanoTime();
        CompletableFuture<Exchange> exchange;
        try {
            exchange = chain.proceed(call);
        } catch (RuntimeException e) {
            record(call, null, e, System.nanoTime() - start);
            throw e;
        }
        return exchange.whenComplete((done, failure) -> record(call, done, failure, System.nanoTime() - start));
    }

    private void record(ModelCall call, Exchange exchange, Throwable failure, long nanos) {
        String model = call.model().orElse("unknown");
        String provider = call.languageModelId();
        int colon = provider.indexOf(':');
        Tags tags = Tags.of("gen_ai.operation.name", "chat",
                "gen_ai.provider.name", colon > 0 ? provider.substring(0, colon) : provider,
                "gen_ai.request.model", model,
                "signet.predictor", call.predictorName());
        Throwable error = HttpFailures.unwrap(failure);
        Timer.builder("gen_ai.client.operation.duration")
                .description("The duration of a model call")
                .tags(tags).tag("error.type", error == null ? "none" : error.getClass().getName())
                .publishPercentiles(PERCENTILES)
                .register(registry)
                .record(nanos, TimeUnit.NANOSECONDS);
        if (error != null) {
            String kind = error instanceof LanguageModelException lm ? lm.kind().name() : "OTHER";
            Counter.builder("signet.model.errors").description("Model calls that failed")
                    .tags(tags).tag("signet.error.kind", kind).register(registry).increment();
            return;
        }
        Completion completion = exchange.completion();
        if (completion.cached()) {
            Counter.builder("signet.cache.hits").description("Model calls a cache answered")
                    .tags("signet.predictor", call.predictorName(), "gen_ai.request.model", model)
                    .register(registry).increment();
            return; // a hit costs no tokens
        }
        token(tags, "input", completion.usage().promptTokens());
        token(tags, "output", completion.usage().completionTokens());
        Price price = Price.find(prices, call.model().orElse(null), completion.model());
        if (price != null) {
            BigDecimal cost = price.cost(completion.usage());
            Counter.builder("signet.cost").description("The cost of the tokens, per the price table")
                    .tags("signet.predictor", call.predictorName(), "gen_ai.response.model", completion.model())
                    .register(registry).increment(cost.doubleValue());
        }
    }

    private void token(Tags tags, String type, long tokens) {
        DistributionSummary.builder("gen_ai.client.token.usage").description("Tokens of a model call")
                .baseUnit("tokens").tags(tags).tag("gen_ai.token.type", type).register(registry).record(tokens);
    }

    @Override
    public void onCall(PredictorCall call) {
        Timer.builder("signet.predictor.duration").description("The duration of a predictor call")
                .tags("signet.predictor", call.predictorName(), "signet.module", call.module(),
                        "outcome", call.succeeded() ? "success" : "error")
                .publishPercentiles(PERCENTILES)
                .register(registry)
                .record(call.latency());
    }

    @Override
    public String toString() {
        return "MicrometerMetrics[" + registry.getClass().getSimpleName() + "]";
    }
}
