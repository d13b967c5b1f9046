package dev.signet.spark;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/** The partition's window: bounded, in order, each row started once. */
class InFlightTest {
    @Test
    void neverHoldsMoreThanItsWindowAndKeepsTheOrderWhateverTheOrderOfReplies() {
        AtomicInteger inFlight = new AtomicInteger();
        AtomicInteger peak = new AtomicInteger();
        AtomicInteger started = new AtomicInteger();
        List<Integer> input = IntStream.range(0, 500).boxed().toList();
        InFlight<Integer, Integer> window = new InFlight<>(input.iterator(), 8, i -> {
            started.incrementAndGet();
            peak.accumulateAndGet(inFlight.incrementAndGet(), Math::max);
            // later rows answer sooner: replies come back out of order
            return CompletableFuture.supplyAsync(() -> i * 2,
                    CompletableFuture.delayedExecutor(8 - i % 8, TimeUnit.MILLISECONDS))
                    .whenComplete((v, e) -> inFlight.decrementAndGet());
        });

        List<Integer> out = new ArrayList<>();
        window.forEachRemaining(out::add);

        assertThat(out).isEqualTo(input.stream().map(i -> i * 2).toList());
        assertThat(started).hasValue(500);
        assertThat(peak.get()).isBetween(2, 8);
    }
}
