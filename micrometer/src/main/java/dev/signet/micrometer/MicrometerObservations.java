package dev.signet.micrometer;

import dev.signet.Exchange;
import dev.signet.Interceptor;
import dev.signet.ModelCall;
import dev.signet.Signet;
import dev.signet.lm.Completion;
import dev.signet.lm.HttpFailures;
import dev.signet.lm.LanguageModelException;
import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationRegistry;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;

/**
 * A Micrometer {@link Observation} around every model call of a handle, for applications that trace and time
 * through an {@link ObservationRegistry} (Spring Boot's, with Micrometer Tracing's bridge to Brave or OpenTelemetry):
 * each call becomes a span and a timer named {@value #NAME}, with the GenAI conventions' keys.
 *
 * <pre>{@code
 * Signet observed = MicrometerObservations.create(observationRegistry).instrument(signet);
 * }</pre>
 *
 * <p>Low-cardinality keys: {@code gen_ai.operation.name} ({@code chat}), {@code gen_ai.provider.name},
 * {@code gen_ai.request.model}, {@code signet.predictor}, {@code signet.error.kind} ({@code none} on success, else
 * the {@link LanguageModelException.Kind}, or {@code OTHER}) and {@code signet.cache} ({@code hit} or {@code miss});
 * high-cardinality: {@code gen_ai.response.model}, {@code gen_ai.usage.input_tokens},
 * {@code gen_ai.usage.output_tokens}. No key carries prompt or completion text. For meters with percentiles, token
 * summaries and cost, use {@link MicrometerMetrics}; for OpenTelemetry directly, {@code OpenTelemetryTracing}.
 */
public final class MicrometerObservations implements Interceptor {
    /** The observation's name. */
    public static final String NAME = "signet.model.call";

    private final ObservationRegistry registry;

    private MicrometerObservations(ObservationRegistry registry) {
        this.registry = Objects.requireNonNull(registry, "registry");
    }

    public static MicrometerObservations create(ObservationRegistry registry) {
        return new MicrometerObservations(registry);
    }

    /**
     * @return a handle like {@code signet} whose model calls are observed: after any fallback or router, so that
     *     each model they try is its own observation
     */
    public Signet instrument(Signet signet) {
        return signet.withObservingInterceptor(this);
    }

    @Override
    public CompletableFuture<Exchange> intercept(Chain chain) {
        ModelCall call = chain.call();
        String provider = call.languageModelId();
        int colon = provider.indexOf(':');
        Observation observation = Observation.createNotStarted(NAME, registry)
                .contextualName("chat " + call.model().orElse(call.predictorName()))
                .lowCardinalityKeyValue("gen_ai.operation.name", "chat")
                .lowCardinalityKeyValue("gen_ai.provider.name", colon > 0 ? provider.substring(0, colon) : provider)
                .lowCardinalityKeyValue("gen_ai.request.model", call.model().orElse("unknown"))
                .lowCardinalityKeyValue("signet.predictor", call.predictorName())
                .start();
        CompletableFuture<Exchange> exchange;
        try (Observation.Scope scope = observation.openScope()) {
            exchange = chain.proceed(call);
        } catch (RuntimeException e) {
            stop(observation, null, e);
            throw e;
        }
        return exchange.whenComplete((done, failure) -> stop(observation, done, failure));
    }

    private static void stop(Observation observation, Exchange exchange, Throwable failure) {
        Throwable error = HttpFailures.unwrap(failure);
        if (error != null) {
            observation.lowCardinalityKeyValue("signet.error.kind",
                    error instanceof LanguageModelException lm ? lm.kind().name() : "OTHER");
            observation.lowCardinalityKeyValue("signet.cache", "miss");
            observation.error(error);
        } else {
            Completion completion = exchange.completion();
            observation.lowCardinalityKeyValue("signet.error.kind", "none")
                    .lowCardinalityKeyValue("signet.cache", completion.cached() ? "hit" : "miss")
                    .highCardinalityKeyValue("gen_ai.response.model", completion.model())
                    .highCardinalityKeyValue("gen_ai.usage.input_tokens",
                            Long.toString(completion.usage().promptTokens()))
                    .highCardinalityKeyValue("gen_ai.usage.output_tokens",
                            Long.toString(completion.usage().completionTokens()));
        }
        observation.stop();
    }

    @Override
    public String toString() {
        return "MicrometerObservations[" + registry.getClass().getSimpleName() + "]";
    }
}
