package dev.signet.optimize;

import dev.signet.PredictorCall;
import dev.signet.PromptState;
import dev.signet.Signet;
import dev.signet.TraceRecorder;
import dev.signet.eval.Dataset;
import dev.signet.eval.EvaluationResult;
import dev.signet.eval.Evaluator;
import dev.signet.eval.Example;
import dev.signet.eval.ExampleResult;
import dev.signet.eval.Metric;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * DSPy's BootstrapFewShot: a teacher (the program itself, or on another handle, for example a stronger model)
 * runs on training examples; every run whose metric passes contributes each predictor's call (its inputs and
 * outputs, reasoning included) as a demo for that predictor, up to {@code maxBootstrappedDemos}; then up to
 * {@code maxLabeledDemos} examples from the rest of the training set are added as labeled demos.
 * Deterministic for a seed (examples are visited in a seeded order, demos kept in that order).
 *
 * <pre>{@code
 * OptimizationResult result = BootstrapFewShot.builder(Metrics.exactMatch("answer")).maxBootstrappedDemos(4).build()
 *         .compile(signet, program, trainset);
 * Signet optimized = signet.withPrompts(result.prompts());
 * }</pre>
 */
public final class BootstrapFewShot {
    private final Metric metric;
    private final double threshold;
    private final int maxBootstrappedDemos;
    private final int maxLabeledDemos;
    private final int maxRounds;
    private final int concurrency;
    private final long seed;
    private final Signet teacher;

    private BootstrapFewShot(Builder builder) {
        this.metric = builder.metric;
        this.threshold = builder.threshold;
        this.maxBootstrappedDemos = builder.maxBootstrappedDemos;
        this.maxLabeledDemos = builder.maxLabeledDemos;
        this.maxRounds = builder.maxRounds;
        this.concurrency = builder.concurrency;
        this.seed = builder.seed;
        this.teacher = builder.teacher;
    }

    public static Builder builder(Metric metric) {
        return new Builder(metric);
    }

    /**
     * Bootstraps demos for every predictor of the program.
     *
     * @param student the handle the optimized program will run on (its prompt states are the starting point)
     * @param program builds the program on a handle
     * @param trainset the training examples
     * @return the prompt states by predictor name, and a report
     */
    public OptimizationResult compile(Signet student, ProgramFactory program, List<Example> trainset) {
        Signet teacherHandle = teacher != null ? teacher : student;
        List<Example> order = Dataset.shuffled(trainset, seed);
        Map<String, List<Map<String, Object>>> demos = new LinkedHashMap<>();
        List<Example> used = new ArrayList<>();
        int tried = 0;
        int passed = 0;
        int round = 0;
        for (; round < maxRounds && !full(demos, order); round++) {
            for (int start = 0; start < order.size() && !full(demos, order); start += concurrency) {
                List<Example> batch = order.subList(start, Math.min(order.size(), start + concurrency));
                // One recorder per run, found by the example object itself (equal examples are separate runs).
                Map<Example, TraceRecorder> traces = new java.util.IdentityHashMap<>();
                batch.forEach(example -> traces.put(example, new TraceRecorder()));
                EvaluationResult result = Evaluator.builder().concurrency(concurrency).build().evaluate(batch,
                        example -> program.build(teacherHandle.withListener(traces.get(example))).run(example),
                        metric);
                for (ExampleResult example : result.results()) {
                    tried++;
                    if (example.error() != null || example.score().value() < threshold) {
                        continue;
                    }
                    passed++;
                    used.add(example.example());
                    for (PredictorCall call : traces.get(example.example()).calls()) {
                        List<Map<String, Object>> list = demos.computeIfAbsent(call.predictorName(),
                                name -> new ArrayList<>());
                        if (call.succeeded() && list.size() < maxBootstrappedDemos) {
                            Map<String, Object> demo = new LinkedHashMap<>(call.inputs());
                            demo.putAll(call.outputs().asMap());
                            list.add(demo);
                        }
                    }
                }
            }
        }
        Map<String, PromptState> prompts = new LinkedHashMap<>();
        Map<String, Integer> bootstrapped = new LinkedHashMap<>();
        for (Map.Entry<String, List<Map<String, Object>>> entry : demos.entrySet()) {
            List<Map<String, Object>> all = new ArrayList<>(entry.getValue());
            bootstrapped.put(entry.getKey(), all.size());
            int labeled = 0;
            for (Example example : order) {
                if (labeled >= maxLabeledDemos) {
                    break;
                }
                if (!used.contains(example)) {
                    Map<String, Object> demo = new LinkedHashMap<>(example.inputs());
                    demo.putAll(example.outputs());
                    all.add(demo);
                    labeled++;
                }
            }
            PromptState current = student.prompts().get(entry.getKey());
            prompts.put(entry.getKey(), new PromptState(current == null ? null : current.instructions(), all));
        }
        return new OptimizationResult(prompts, new OptimizationResult.Report("BootstrapFewShot", seed, tried, passed,
                bootstrapped, round));
    }

    private boolean full(Map<String, List<Map<String, Object>>> demos, List<Example> order) {
        return !demos.isEmpty() && demos.values().stream().allMatch(list -> list.size() >= maxBootstrappedDemos);
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
