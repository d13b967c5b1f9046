package dev.signet.optimizers;

import dev.signet.Prediction;
import dev.signet.Predictor;
import dev.signet.PredictorCall;
import dev.signet.Signet;
import dev.signet.TraceRecorder;
import dev.signet.batch.BatchModel;
import dev.signet.core.PromptState;
import dev.signet.eval.Dataset;
import dev.signet.eval.Evaluator;
import dev.signet.eval.Example;
import dev.signet.eval.Metric;
import dev.signet.optimize.OptimizationRun;
import dev.signet.optimize.Optimizer;
import dev.signet.optimize.ProgramFactory;
import dev.signet.usage.BudgetExceededException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;

/**
 * DSPy's BootstrapFewShot: a teacher (the program itself, or on another handle, for example a stronger model)
 * runs on training examples; every run whose metric passes contributes each predictor's call (its inputs and
 * outputs, reasoning included) as a demo for that predictor, up to {@code maxBootstrappedDemos}; then up to
 * {@code maxLabeledDemos} examples from the rest of the training set are added as labeled demos. The instructions
 * are kept. Deterministic for a seed (examples are visited in a seeded order, demos kept in that order).
 *
 * <pre>{@code
 * OptimizationRun run = BootstrapFewShot.builder(Metrics.exactMatch("answer")).maxBootstrappedDemos(4).build()
 *         .compile(signet, program, trainset, List.of());
 * Signet optimized = run.applyTo(signet);
 * }</pre>
 */
public final class BootstrapFewShot implements Optimizer {
    private final Metric metric;
    private final double threshold;
    private final int maxBootstrappedDemos;
    private final int maxLabeledDemos;
    private final int maxRounds;
    private final int concurrency;
    private final long seed;
    private final Signet teacher;
    private final BatchModel batch;

    private BootstrapFewShot(Builder builder) {
        this.metric = builder.metric;
        this.threshold = builder.threshold;
        this.maxBootstrappedDemos = builder.maxBootstrappedDemos;
        this.maxLabeledDemos = builder.maxLabeledDemos;
        this.maxRounds = builder.maxRounds;
        this.concurrency = builder.concurrency;
        this.seed = builder.seed;
        this.teacher = builder.teacher;
        this.batch = builder.batch;
    }

    public static Builder builder(Metric metric) {
        return new Builder(metric);
    }

    @Override
    public String name() {
        return "BootstrapFewShot";
    }

    /**
     * Bootstraps demos for every predictor of the program.
     *
     * @param student the handle the optimized program will run on (its prompts are the starting point)
     * @param program builds the program on a handle
     * @param trainset the training examples
     * @param devset when not empty, the baseline and the result are scored on it (for the report); the demos do not
     *     depend on it
     */
    @Override
    public OptimizationRun compile(Signet student, ProgramFactory program, List<Example> trainset,
            List<Example> devset) {
        Calls calls = Calls.on(student);
        Bootstrapped result = bootstrap(calls.handle(), program, trainset);
        double[] scores = Scores.beforeAndAfter(calls.handle(), program, devset, metric, concurrency,
                result.prompts());
        return OptimizationRun.builder(name())
                .predictors(Programs.tuned(result.predictors(), result.prompts()))
                .seed(seed).scores(scores[0], scores[1]).calls(calls.count(), calls.usage())
                .model(student.languageModel().defaultModel().orElse(null))
                .setting("maxBootstrappedDemos", maxBootstrappedDemos).setting("maxLabeledDemos", maxLabeledDemos)
                .setting("maxRounds", maxRounds).setting("threshold", threshold).setting("seed", seed)
                .data(trainset, devset)
                .provenance("bootstrap", Map.of("tried", result.tried(), "passed", result.passed(),
                        "rounds", result.rounds(), "bootstrapped", result.bootstrapped()))
                .report(String.format(Locale.ROOT, "%s: %d of %d teacher runs passed in %d round(s); "
                        + "demos bootstrapped per predictor: %s.", name(), result.passed(), result.tried(),
                        result.rounds(), result.bootstrapped()), "")
                .build();
    }

    /**
     * What a bootstrap found.
     *
     * @param predictors the program's predictors, as the student makes them
     * @param prompts the demos (and the predictors' own instructions), by predictor name
     * @param tried training examples the teacher ran on
     * @param passed those whose metric passed
     * @param bootstrapped demos bootstrapped per predictor
     * @param rounds rounds made
     */
    record Bootstrapped(Map<String, Predictor> predictors, Map<String, PromptState> prompts, int tried, int passed,
            Map<String, Integer> bootstrapped, int rounds) {}

    /** The bootstrap itself, for the optimizers that build on it (RandomSearch, MIPROv2). */
    Bootstrapped bootstrap(Signet student, ProgramFactory program, List<Example> trainset) {
        Signet teacherHandle = teacher != null ? teacher : student;
        List<Example> order = Dataset.shuffled(trainset, seed);
        List<Run> passing = new ArrayList<>();
        List<Run> all = new ArrayList<>();
        Set<Integer> passed = new HashSet<>();
        int tried = 0;
        int round = 0;
        for (; round < maxRounds && passing.size() < maxBootstrappedDemos; round++) {
            // Later rounds retry the examples that did not pass, sampling anew (as DSPy's rounds do).
            Signet handle = round == 0 ? teacherHandle : teacherHandle.withOptions(
                    teacherHandle.options().withTemperature(1.0).withSeed((long) round));
            List<Run> runs = batch != null
                    ? runRoundByBatch(handle, program, order, passed, maxBootstrappedDemos - passing.size())
                    : runRound(handle, program, order, passed, maxBootstrappedDemos - passing.size());
            tried += runs.size();
            all.addAll(runs);
            for (Run run : runs) {
                if (run.passed() && passing.size() < maxBootstrappedDemos) {
                    passing.add(run);
                    passed.add(run.index());
                }
            }
        }
        passing.sort(Comparator.comparingInt(Run::index));
        Map<String, List<Map<String, Object>>> demos = new LinkedHashMap<>();
        for (Run run : passing) {
            for (PredictorCall call : run.trace().calls()) {
                if (call.succeeded()) {
                    Map<String, Object> demo = new LinkedHashMap<>(call.inputs());
                    demo.putAll(call.outputs().asMap());
                    demos.computeIfAbsent(call.predictorName(), name -> new ArrayList<>()).add(demo);
                }
            }
        }
        // The predictors the teacher's runs called, as the student makes them (the teacher's may have other
        // prompts): a predictor the program makes but never calls gets no demos.
        Map<String, Predictor> students = Programs.created(student, program);
        Map<String, Predictor> predictors = new LinkedHashMap<>();
        all.sort(java.util.Comparator.comparingInt(Run::index));
        for (Run run : all) {
            run.trace().calls().forEach(call -> predictors.putIfAbsent(call.predictorName(),
                    students.getOrDefault(call.predictorName(), call.predictor())));
        }
        if (predictors.isEmpty()) {
            predictors.putAll(LabeledFewShot.predictors(student, program, trainset));
        }
        Map<String, PromptState> prompts = new LinkedHashMap<>();
        Map<String, Integer> bootstrapped = new LinkedHashMap<>();
        for (Map.Entry<String, Predictor> entry : predictors.entrySet()) {
            String name = entry.getKey();
            List<Map<String, Object>> chosen = new ArrayList<>(demos.getOrDefault(name, List.of()));
            bootstrapped.put(name, chosen.size());
            int labeled = 0;
            for (int i = 0; i < order.size() && labeled < maxLabeledDemos; i++) {
                if (!passed.contains(i)) {
                    chosen.add(Programs.demo(order.get(i)));
                    labeled++;
                }
            }
            prompts.put(name, entry.getValue().promptState().withDemos(chosen));
        }
        return new Bootstrapped(predictors, prompts, tried, passing.size(), bootstrapped, round);
    }

    /** One teacher run: the example's position in the seeded order, whether it passed, and its trace. */
    private record Run(int index, boolean passed, TraceRecorder trace) {}

    /**
     * Runs the teacher on the examples not yet passed, in order, {@code concurrency} at a time, and stops
     * starting new ones once the completed prefix holds {@code needed} passes: the runs kept are then the first
     * passes in order, whatever the timing, so the result is deterministic.
     */
    private List<Run> runRound(Signet handle, ProgramFactory program, List<Example> order,
            java.util.Set<Integer> alreadyPassed, int needed) {
        Run[] runs = new Run[order.size()];
        Semaphore permits = new java.util.concurrent.Semaphore(concurrency);
        AtomicBoolean enough = new java.util.concurrent.atomic.AtomicBoolean();
        List<CompletableFuture<?>> launched = new ArrayList<>();
        Object lock = new Object();
        AtomicReference<BudgetExceededException> spent =
                new java.util.concurrent.atomic.AtomicReference<>();
        for (int i = 0; i < order.size() && !enough.get() && spent.get() == null; i++) {
            if (alreadyPassed.contains(i)) {
                continue;
            }
            permits.acquireUninterruptibly();
            if (enough.get()) {
                permits.release();
                break;
            }
            int index = i;
            Example example = order.get(i);
            TraceRecorder trace = new TraceRecorder();
            java.util.concurrent.CompletableFuture<? extends Prediction<?>> call;
            try {
                call = program.build(handle.withListener(trace)).run(example);
            } catch (RuntimeException e) {
                call = java.util.concurrent.CompletableFuture.failedFuture(e);
            }
            launched.add(call.handle((prediction, failure) -> {
                boolean pass = false;
                if (failure != null
                        && Failures.cause(failure) instanceof dev.signet.usage.BudgetExceededException budget) {
                    spent.compareAndSet(null, budget);
                    enough.set(true);
                }
                if (failure == null) {
                    pass = passes(example, prediction);
                }
                synchronized (lock) {
                    runs[index] = new Run(index, pass, trace);
                    int passes = 0;
                    for (int j = 0; j < runs.length; j++) {
                        if (alreadyPassed.contains(j)) {
                            continue;
                        }
                        if (runs[j] == null) {
                            break; // the completed prefix ends here
                        }
                        if (runs[j].passed()) {
                            passes++;
                        }
                    }
                    if (passes >= needed) {
                        enough.set(true);
                    }
                }
                permits.release();
                return null;
            }));
        }
        java.util.concurrent.CompletableFuture.allOf(launched.toArray(new java.util.concurrent.CompletableFuture<?>[0]))
                .join();
        if (spent.get() != null) {
            throw spent.get(); // a spent budget stops the optimization; it is not a failed example
        }
        return kept(runs, alreadyPassed, needed);
    }

    private boolean passes(Example example, Prediction<?> prediction) {
        try {
            return metric.score(example, prediction).value() >= threshold;
        } catch (RuntimeException e) {
            return false;
        }
    }

    /**
     * The teacher on every example not yet passed at once, its model calls sent as batches of {@link #batch}:
     * it can't stop when enough have passed, but keeps the same runs as {@link #runRound}, so the demos are
     * the live bootstrap's on the same replies.
     */
    private List<Run> runRoundByBatch(Signet handle, ProgramFactory program, List<Example> order,
            Set<Integer> alreadyPassed, int needed) {
        Signet batched = handle.withModel(batch);
        List<Integer> pending = new ArrayList<>();
        for (int i = 0; i < order.size(); i++) {
            if (!alreadyPassed.contains(i)) {
                pending.add(i);
            }
        }
        TraceRecorder[] traces = new TraceRecorder[order.size()];
        List<CompletableFuture<Prediction<?>>> out = batch.runAll(pending, index -> {
            traces[index] = new TraceRecorder();
            return program.build(batched.withListener(traces[index])).run(order.get(index));
        });
        Run[] runs = new Run[order.size()];
        for (int k = 0; k < pending.size(); k++) {
            int index = pending.get(k);
            CompletableFuture<Prediction<?>> call = out.get(k);
            boolean pass = false;
            if (!call.isCompletedExceptionally()) {
                pass = passes(order.get(index), call.join());
            } else {
                Throwable failure = call.handle((prediction, error) -> error).join();
                if (Failures.cause(failure) instanceof BudgetExceededException budget) {
                    throw budget; // a spent budget stops the optimization; it is not a failed example
                }
            }
            runs[index] = new Run(index, pass, traces[index]);
        }
        return kept(runs, alreadyPassed, needed);
    }

    /** The runs up to the prefix that holds the needed passes: later ones exist only by timing. */
    private static List<Run> kept(Run[] runs, Set<Integer> alreadyPassed, int needed) {
        List<Run> kept = new ArrayList<>();
        int passes = 0;
        for (int j = 0; j < runs.length && passes < needed; j++) {
            if (runs[j] == null) {
                if (alreadyPassed.contains(j)) {
                    continue;
                }
                break;
            }
            kept.add(runs[j]);
            if (runs[j].passed()) {
                passes++;
            }
        }
        return kept;
    }

    /** Builds a {@link BootstrapFewShot}. */
    public static final class Builder {
        private final Metric metric;
        private double threshold = 1.0;
        private int maxBootstrappedDemos = 4;
        private int maxLabeledDemos = 16;
        private int maxRounds = 1;
        private int concurrency = 8;
        private long seed;
        private Signet teacher;
        private BatchModel batch;

        private Builder(Metric metric) {
            this.metric = Objects.requireNonNull(metric, "metric");
        }

        /** The score a teacher run needs for its calls to become demos; default 1.0 (DSPy's "passes"). */
        public Builder threshold(double threshold) {
            this.threshold = threshold;
            return this;
        }

        public Builder maxBootstrappedDemos(int max) {
            this.maxBootstrappedDemos = max;
            return this;
        }

        public Builder maxLabeledDemos(int max) {
            this.maxLabeledDemos = max;
            return this;
        }

        public Builder maxRounds(int rounds) {
            this.maxRounds = rounds;
            return this;
        }

        public Builder concurrency(int concurrency) {
            this.concurrency = concurrency;
            return this;
        }

        public Builder seed(long seed) {
            this.seed = seed;
            return this;
        }

        /**
         * Sends the teacher runs as batches of {@code batch}, at the Batch API's price and within its hours instead
         * of live: each round runs every example not yet passed at once (live stops once enough have passed), and
         * keeps the same runs, so the demos are those a live bootstrap finds on the same replies. The batch's
         * model answers the teacher runs, whatever the teacher handle's model; the before-and-after scores on the
         * devset are still live (or give the {@link Evaluator} a batch for them).
         */
        public Builder batch(BatchModel batch) {
            this.batch = Objects.requireNonNull(batch, "batch");
            return this;
        }

        /** A handle for the teacher runs (another model, say); default the student's. */
        public Builder teacher(Signet teacher) {
            this.teacher = teacher;
            return this;
        }

        public BootstrapFewShot build() {
            return new BootstrapFewShot(this);
        }
    }
}
