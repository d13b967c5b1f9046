package dev.signet.benchmarks;

import dev.signet.Signet;
import dev.signet.eval.Example;
import dev.signet.eval.Metrics;
import dev.signet.openai.OpenAiLanguageModel;
import dev.signet.optimize.ProgramFactory;
import dev.signet.optimizers.BootstrapFewShot;
import dev.signet.testing.LoopbackOpenAiServer;
import dev.signet.testing.Reply;
import dev.signet.testing.TaskSimulator;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * BootstrapFewShot over 200 training examples against a simulated model that answers after 50 ms, at
 * concurrency 32, asked for more demos than it can find so that it runs every example: 200 LM calls, whose
 * ideal wall time is ceil(200 / 32) waves of 50 ms = 350 ms. Prints the median of several rounds after a
 * warm-up.
 *
 * <p>Run: {@code mvn -B -q -DskipTests -pl benchmarks -am package exec:exec -Dbench.main=dev.signet.benchmarks.BootstrapHarness -Dbench.args=}
 */
public final class BootstrapHarness {
    private static final int EXAMPLES = 200;
    private static final int CONCURRENCY = 32;
    private static final Duration LATENCY = Duration.ofMillis(50);

    private BootstrapHarness() {}

    public static void main(String[] args) {
        TaskSimulator task = TaskSimulator.codes(1, EXAMPLES);
        try (LoopbackOpenAiServer server = LoopbackOpenAiServer.start().keepRequests(0)) {
            server.respondWith(request -> {
                Reply reply = task.respond(request);
                return reply.withLatency(LATENCY);
            });
            OpenAiLanguageModel lm = OpenAiLanguageModel.builder()
                    .apiKey("bench").baseUrl(server.baseUrl()).model("bench").build();
            try {
                Signet signet = Signet.builder().languageModel(lm).build();
                List<Example> train = new ArrayList<>();
                task.answers().forEach((q, a) -> train.add(new Example(Map.of("question", q), Map.of("answer", a))));
                ProgramFactory program = handle -> {
                    QAPredictor qa = QAPredictor.create(handle);
                    return example -> qa.predictAsync(example.<String>input("question"));
                };
                BootstrapFewShot optimizer = BootstrapFewShot.builder(Metrics.exactMatch("answer"))
                        .maxBootstrappedDemos(EXAMPLES).maxLabeledDemos(0).concurrency(CONCURRENCY).build();
                List<Long> times = new ArrayList<>();
                for (int round = 0; round < 16; round++) {
                    int before = server.requestCount();
                    long start = System.nanoTime();
                    optimizer.compile(signet, program, train, List.of());
                    long millis = (System.nanoTime() - start) / 1_000_000;
                    int calls = server.requestCount() - before;
                    if (calls != EXAMPLES) {
                        throw new IllegalStateException("expected " + EXAMPLES + " calls, made " + calls);
                    }
                    System.out.printf(Locale.ROOT, "%s round %2d: %d ms for %d calls%n", round < 8 ? "warm-up" : "measured",
                            round + 1, millis, calls);
                    if (round >= 8) {
                        times.add(millis);
                    }
                }
                Collections.sort(times);
                long median = times.get(times.size() / 2);
                double ideal = Math.ceil((double) EXAMPLES / CONCURRENCY) * LATENCY.toMillis();
                System.out.printf(Locale.ROOT, "%nideal %.0f ms; median %d ms = %.3fx the ideal%n", ideal, median,
                        median / ideal);
            } finally {
                lm.close();
            }
        }
    }
}
