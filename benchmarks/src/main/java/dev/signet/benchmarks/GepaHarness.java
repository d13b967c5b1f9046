package dev.signet.benchmarks;

import dev.signet.FieldType;
import dev.signet.Predictor;
import dev.signet.SignatureDescription;
import dev.signet.Signet;
import dev.signet.Strategy;
import dev.signet.eval.Dataset;
import dev.signet.eval.Example;
import dev.signet.eval.Metric;
import dev.signet.eval.Score;
import dev.signet.lm.Completion;
import dev.signet.lm.LanguageModel;
import dev.signet.lm.LmRequest;
import dev.signet.openai.OpenAiLanguageModel;
import dev.signet.optimize.ProgramFactory;
import dev.signet.optimize.instructions.Gepa;
import dev.signet.testing.LoopbackOpenAiServer;
import dev.signet.testing.TaskSimulator;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicLong;

/**
 * GEPA with a budget of 300 metric calls on the simulator's sections task (24 training, 24 development
 * examples), every reply after 50 ms, at concurrency 16. GEPA is sequential by design (each iteration needs the
 * last one's pool), so its ideal is not total calls / 16: the harness counts the bursts of calls in flight
 * together (a minibatch, a reflection, an evaluation) and takes ceil(calls / 16) waves of 50 ms for each, the
 * wall time with zero overhead. The baseline, in the same run, is the same optimization at concurrency 1. Prints
 * the wall times (median of 3 after a warm-up), the LM calls, the metric calls against the budget and the result,
 * which must be the same at both concurrencies.
 *
 * <p>Run: {@code mvn -B -q -DskipTests -pl benchmarks -am package exec:exec -Dbench.main=dev.signet.benchmarks.GepaHarness -Dbench.args=}
 */
public final class GepaHarness {
    private static final long BUDGET = 300;
    private static final Duration LATENCY = Duration.ofMillis(50);
    private static final SignatureDescription CODES = SignatureDescription.builder("bench.Codes")
            .instructions("Give the code of the item.")
            .input("question", "", FieldType.STRING)
            .output("answer", "", FieldType.STRING)
            .build();

    private GepaHarness() {}

    public static void main(String[] args) {
        TaskSimulator task = TaskSimulator.sections(5, 48);
        try (LoopbackOpenAiServer server = LoopbackOpenAiServer.start().keepRequests(0)) {
            server.respondWith(request -> task.respond(request).withLatency(LATENCY));
            OpenAiLanguageModel lm = OpenAiLanguageModel.builder()
                    .apiKey("bench").baseUrl(server.baseUrl()).model("bench").build();
            try {
                Waves waves = new Waves(lm);
                Signet signet = Signet.builder().languageModel(waves).build();
                List<Example> examples = new ArrayList<>();
                task.answers().forEach((q, a) -> examples.add(new Example(Map.of("question", q), Map.of("answer", a))));
                Dataset.Split split = Dataset.split(examples, 0.5, 3);
                ProgramFactory program = handle -> {
                    Predictor<String> codes = Predictor.create(handle, CODES, o -> o.<String>value("answer"),
                            Strategy.predict());
                    return example -> codes.predictAsync(Map.of("question", example.input("question")));
                };
                AtomicLong metricCalls = new AtomicLong();
                Metric metric = (example, prediction) -> {
                    metricCalls.incrementAndGet();
                    return example.label("answer").equals(prediction.output()) ? Score.of(1)
                            : new Score(0, "Wrong. " + task.rule(example.input("question")).orElse(""));
                };
                Run warmUp = run(signet, program, split, metric, metricCalls, server, waves, 16);
                System.out.printf(Locale.ROOT, "warm-up: %s%n", warmUp);
                List<Run> runs = new ArrayList<>();
                for (int round = 0; round < 3; round++) {
                    Run run = run(signet, program, split, metric, metricCalls, server, waves, 16);
                    System.out.printf(Locale.ROOT, "concurrency 16, round %d: %s%n", round + 1, run);
                    runs.add(run);
                }
                Run serial = run(signet, program, split, metric, metricCalls, server, waves, 1);
                System.out.printf(Locale.ROOT, "concurrency 1 (baseline): %s%n", serial);
                List<Long> times = new ArrayList<>(runs.stream().map(Run::millis).toList());
                Collections.sort(times);
                long median = times.get(1);
                if (!runs.get(0).best().equals(serial.best())) {
                    throw new IllegalStateException("the result depends on the concurrency");
                }
                long ideal = runs.get(0).waves() * LATENCY.toMillis();
                System.out.printf(Locale.ROOT, "%nideal %d ms (%d waves of 50 ms); median %d ms = %.3fx the ideal; "
                        + "%d ms at concurrency 1 (%.1fx slower); %d LM calls, %d of %d metric calls; dev score %.4f -> "
                        + "%.4f%n", ideal, runs.get(0).waves(), median, (double) median / ideal, serial.millis(),
                        (double) serial.millis() / median,
                        runs.get(0).lmCalls(), runs.get(0).metricCalls(), BUDGET, runs.get(0).baseline(),
                        runs.get(0).score());
            } finally {
                lm.close();
            }
        }
    }

    private record Run(long millis, long lmCalls, long metricCalls, long waves, double baseline, double score,
            Map<String, String> best) {
        @Override
        public String toString() {
            return String.format(Locale.ROOT, "%d ms, %d LM calls in %d waves, %d metric calls, dev %.4f -> %.4f",
                    millis, lmCalls, waves, metricCalls, baseline, score);
        }
    }

    /** Counts waves: each burst of calls in flight together costs ceil(calls / concurrency) latencies. */
    private static final class Waves implements LanguageModel {
        private final LanguageModel delegate;
        private int concurrency = 1;
        private int inFlight;
        private int burst;
        private long waves;

        Waves(LanguageModel delegate) {
            this.delegate = delegate;
        }

        synchronized void reset(int concurrency) {
            this.concurrency = concurrency;
            this.waves = 0;
        }

        synchronized long waves() {
            return waves;
        }

        @Override
        public CompletableFuture<Completion> complete(LmRequest request) {
            synchronized (this) {
                if (inFlight++ == 0) {
                    burst = 0;
                }
                burst++;
            }
            return delegate.complete(request).whenComplete((completion, failure) -> {
                synchronized (this) {
                    if (--inFlight == 0) {
                        waves += (burst + concurrency - 1) / concurrency;
                    }
                }
            });
        }
    }

    private static Run run(Signet signet, ProgramFactory program, Dataset.Split split, Metric metric,
            AtomicLong metricCalls, LoopbackOpenAiServer server, Waves waves, int concurrency) {
        long calls = metricCalls.get();
        waves.reset(concurrency);
        int requests = server.requestCount();
        long start = System.nanoTime();
        Gepa.Result result = Gepa.builder(metric).maxMetricCalls(BUDGET).seed(1).concurrency(concurrency).build()
                .compile(signet, program, split.train(), split.dev());
        long millis = (System.nanoTime() - start) / 1_000_000;
        return new Run(millis, server.requestCount() - requests, metricCalls.get() - calls, waves.waves(),
                result.candidates().get(0).mean(), result.candidates().get(result.winner()).mean(),
                result.bestCandidate());
    }
}
