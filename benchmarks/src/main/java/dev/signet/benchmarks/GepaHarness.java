package dev.signet.benchmarks;

import dev.signet.Module;
import dev.signet.Predictor;
import dev.signet.Signet;
import dev.signet.core.FieldType;
import dev.signet.core.SignatureDescription;
import dev.signet.eval.Dataset;
import dev.signet.eval.Example;
import dev.signet.eval.Metric;
import dev.signet.eval.Score;
import dev.signet.lm.Completion;
import dev.signet.lm.LanguageModel;
import dev.signet.lm.LmRequest;
import dev.signet.openai.OpenAiLanguageModel;
import dev.signet.optimize.ProgramFactory;
import dev.signet.optimizers.Gepa;
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
 * GEPA's parallel proposals against DSPy's sequential loop: a budget of 300 metric calls on the simulator's
 * sections task (24 training, 24 development examples), every reply after 50 ms, at concurrency 16. The baseline,
 * in the same run, is {@code parallelProposals(1)} (one proposal per iteration, as DSPy's GEPA); the candidate
 * {@code parallelProposals(4)} (the default). Rounds alternate, after a warm-up of each; the harness prints every
 * run (wall time, LM calls, the waves of calls in flight together, metric calls against the budget, the dev score
 * before and after), the median wall times and their ratio, and checks that each setting gives the same result on
 * every round (deterministic for a seed whatever the timing) and never passes the budget.
 *
 * <p>Run: {@code mvn -B -q -DskipTests -pl benchmarks -am package exec:exec -Dbench.main=dev.signet.benchmarks.GepaHarness -Dbench.args=}
 */
public final class GepaHarness {
    private static final long BUDGET = 300;
    private static final int CONCURRENCY = 16;
    private static final int ROUNDS = 3;
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
                    Predictor codes = Predictor.of(handle, CODES, Module.predict());
                    return example -> codes.predictAsync(Map.of("question", example.input("question")));
                };
                AtomicLong metricCalls = new AtomicLong();
                Metric metric = (example, prediction) -> {
                    metricCalls.incrementAndGet();
                    return example.label("answer").equals(prediction.outputs().get("answer")) ? Score.of(1)
                            : new Score(0, "Wrong. " + task.rule(example.input("question")).orElse(""));
                };
                System.out.printf(Locale.ROOT, "warm-up, sequential: %s%n",
                        run(signet, program, split, metric, metricCalls, server, waves, 1));
                System.out.printf(Locale.ROOT, "warm-up, parallel:   %s%n",
                        run(signet, program, split, metric, metricCalls, server, waves, 4));
                List<Run> sequential = new ArrayList<>();
                List<Run> parallel = new ArrayList<>();
                for (int round = 0; round < ROUNDS; round++) {
                    sequential.add(run(signet, program, split, metric, metricCalls, server, waves, 1));
                    parallel.add(run(signet, program, split, metric, metricCalls, server, waves, 4));
                    System.out.printf(Locale.ROOT, "round %d, sequential (parallelProposals 1): %s%n", round + 1,
                            sequential.get(round));
                    System.out.printf(Locale.ROOT, "round %d, parallel   (parallelProposals 4): %s%n", round + 1,
                            parallel.get(round));
                }
                for (List<Run> runs : List.of(sequential, parallel)) {
                    if (runs.stream().map(Run::best).distinct().count() != 1) {
                        throw new IllegalStateException("a setting gave different results on different rounds");
                    }
                    if (runs.stream().anyMatch(r -> r.metricCalls() > BUDGET)) {
                        throw new IllegalStateException("a run passed its budget of metric calls");
                    }
                }
                long sequentialMedian = median(sequential);
                long parallelMedian = median(parallel);
                System.out.printf(Locale.ROOT, "%nconcurrency %d, %d ms replies, budget %d metric calls: sequential "
                        + "median %d ms, parallel median %d ms: %.2fx the sequential wall time; dev score %.4f -> "
                        + "%.4f sequential, %.4f -> %.4f parallel%n", CONCURRENCY, LATENCY.toMillis(), BUDGET,
                        sequentialMedian, parallelMedian, (double) parallelMedian / sequentialMedian,
                        sequential.get(0).baseline(), sequential.get(0).score(), parallel.get(0).baseline(),
                        parallel.get(0).score());
            } finally {
                lm.close();
            }
        }
    }

    private static long median(List<Run> runs) {
        List<Long> times = new ArrayList<>(runs.stream().map(Run::millis).toList());
        Collections.sort(times);
        return times.get(times.size() / 2);
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
            AtomicLong metricCalls, LoopbackOpenAiServer server, Waves waves, int parallelProposals) {
        long calls = metricCalls.get();
        waves.reset(CONCURRENCY);
        int requests = server.requestCount();
        long start = System.nanoTime();
        Gepa.Result result = Gepa.builder(metric).maxMetricCalls(BUDGET).seed(1).concurrency(CONCURRENCY)
                .parallelProposals(parallelProposals).build().search(signet, program, split.train(), split.dev());
        long millis = (System.nanoTime() - start) / 1_000_000;
        return new Run(millis, server.requestCount() - requests, metricCalls.get() - calls, waves.waves(),
                result.candidates().get(0).mean(), result.candidates().get(result.winner()).mean(),
                result.bestCandidate());
    }
}
