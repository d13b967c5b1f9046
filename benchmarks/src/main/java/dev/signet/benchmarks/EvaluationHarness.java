package dev.signet.benchmarks;

import dev.signet.Signet;
import dev.signet.eval.EvaluationResult;
import dev.signet.eval.Evaluator;
import dev.signet.eval.Example;
import dev.signet.eval.Metrics;
import dev.signet.openai.OpenAiLanguageModel;
import dev.signet.testing.LoopbackOpenAiServer;
import dev.signet.testing.Reply;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Wall time of an evaluation of 1,000 examples at concurrency 50 against a server that answers each after
 * 50 ms: the ideal is 1.0 s (twenty waves of 50). Prints the median of several rounds after a warm-up.
 *
 * <p>Run: {@code mvn -B -q -DskipTests -pl benchmarks -am package exec:exec -Dbench.main=dev.signet.benchmarks.EvaluationHarness -Dbench.args=}
 */
public final class EvaluationHarness {
    private static final int EXAMPLES = 1000;
    private static final int CONCURRENCY = 50;
    private static final Duration LATENCY = Duration.ofMillis(50);

    private EvaluationHarness() {}

    public static void main(String[] args) {
        try (LoopbackOpenAiServer server = LoopbackOpenAiServer.start().keepRequests(0)) {
            server.respondWith(request -> Reply.fields("answer", "Paris").withLatency(LATENCY));
            OpenAiLanguageModel lm = OpenAiLanguageModel.builder()
                    .apiKey("bench").baseUrl(server.baseUrl()).model("bench").build();
            try {
                QAPredictor qa = QAPredictor.create(Signet.builder().languageModel(lm).build());
                List<Example> examples = new ArrayList<>();
                for (int i = 0; i < EXAMPLES; i++) {
                    examples.add(new Example(Map.of("question", "Question " + i), Map.of("answer", "Paris")));
                }
                Evaluator evaluator = Evaluator.builder().concurrency(CONCURRENCY).build();
                List<Long> times = new ArrayList<>();
                for (int round = 0; round < 14; round++) {
                    EvaluationResult result = evaluator.evaluate(examples,
                            example -> qa.predictAsync(example.<String>input("question")), Metrics.exactMatch("answer"));
                    if (result.meanScore() != 1.0) {
                        throw new IllegalStateException("unexpected score " + result.meanScore());
                    }
                    long millis = result.wallTime().toMillis();
                    System.out.printf(Locale.ROOT, "%s round %2d: %d ms%n", round < 8 ? "warm-up" : "measured", round + 1,
                            millis);
                    if (round >= 8) {
                        times.add(millis);
                    }
                }
                Collections.sort(times);
                long median = times.get(times.size() / 2);
                double ideal = (double) EXAMPLES / CONCURRENCY * LATENCY.toMillis();
                System.out.printf(Locale.ROOT, "%nideal %.0f ms; median %d ms = %.3fx the ideal%n", ideal, median,
                        median / ideal);
            } finally {
                lm.close();
            }
        }
    }
}
