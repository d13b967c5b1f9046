package dev.signet.spring;

import dev.signet.Exchange;
import dev.signet.Interceptor;
import dev.signet.lm.HttpFailures;
import dev.signet.lm.LanguageModel;
import dev.signet.lm.LanguageModelException;
import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;

/**
 * The {@code signet} health component, from the model calls the application makes through the auto-configured
 * {@code Signet} bean (it calls the model itself never,
 * so a health probe costs no tokens): {@code DOWN} when the last call failed in a way that will not heal by waiting
 * (a rejected key, {@code AUTHENTICATION}; an endpoint that can't be reached, {@code CONNECTION}), {@code UP}
 * otherwise, including before the first call and after a rate limit or a server error, which the details show.
 *
 * <p>Details: the model ({@link LanguageModel#id()}: endpoint and model name, no key), the counts of calls that
 * succeeded and failed, and the last failure's kind, HTTP status and time. No prompt, reply or message text.
 */
public final class SignetHealthIndicator implements HealthIndicator, Interceptor {
    private final Supplier<String> model;
    private final Clock clock;
    private final AtomicLong succeeded = new AtomicLong();
    private final AtomicLong failed = new AtomicLong();
    private final AtomicReference<Outcome> last = new AtomicReference<>();

    private record Outcome(Instant at, LanguageModelException.Kind kind, int status) {}

    SignetHealthIndicator(Supplier<String> model, Clock clock) {
        this.model = model;
        this.clock = clock;
    }

    @Override
    public CompletableFuture<Exchange> intercept(Chain chain) {
        CompletableFuture<Exchange> exchange;
        try {
            exchange = chain.proceed(chain.call());
        } catch (RuntimeException e) {
            record(e);
            throw e;
        }
        return exchange.whenComplete((done, failure) -> record(failure));
    }

    private void record(Throwable failure) {
        Throwable error = HttpFailures.unwrap(failure);
        if (error == null) {
            succeeded.incrementAndGet();
            last.set(new Outcome(clock.instant(), null, 0));
            return;
        }
        failed.incrementAndGet();
        if (error instanceof LanguageModelException lm) {
            last.set(new Outcome(clock.instant(), lm.kind(), lm.statusCode().orElse(0)));
        } else {
            last.set(new Outcome(clock.instant(), LanguageModelException.Kind.OTHER, 0));
        }
    }

    @Override
    public Health health() {
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("model", model.get());
        details.put("succeeded", succeeded.get());
        details.put("failed", failed.get());
        Outcome outcome = last.get();
        if (outcome == null) {
            return Health.up().withDetails(details).withDetail("lastCall", "none yet").build();
        }
        details.put("lastCall", outcome.at().toString());
        if (outcome.kind() == null) {
            return Health.up().withDetails(details).build();
        }
        details.put("lastFailure", outcome.kind().name()
                + (outcome.status() > 0 ? " (HTTP " + outcome.status() + ")" : ""));
        boolean lasting = outcome.kind() == LanguageModelException.Kind.AUTHENTICATION
                || outcome.kind() == LanguageModelException.Kind.CONNECTION;
        return (lasting ? Health.down() : Health.up()).withDetails(details).build();
    }

    @Override
    public String toString() {
        return "SignetHealthIndicator[" + model.get() + "]";
    }
}
