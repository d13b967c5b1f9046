package dev.signet.optimizers;

import dev.signet.Predictor;
import dev.signet.Signet;
import dev.signet.core.PromptState;
import dev.signet.eval.Dataset;
import dev.signet.eval.Example;
import dev.signet.eval.Metric;
import dev.signet.eval.Score;
import dev.signet.optimize.OptimizationRun;
import dev.signet.optimize.Optimizer;
import dev.signet.optimize.ProgramFactory;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * DSPy's LabeledFewShot: {@code k} training examples, drawn with a seed, become the demos of every predictor of
 * the program (each predictor renders the fields it has); the instructions are kept. Makes no model call: the
 * program's predictors are those it makes when built (or, if it makes them lazily, those its run on the first
 * training example calls). With a metric and a development set, the baseline and the result are scored on it.
 *
 * <pre>{@code
 * OptimizationRun run = LabeledFewShot.builder().k(8).seed(7).build().compile(signet, program, train, List.of());
 * }</pre>
 */
public final class LabeledFewShot implements Optimizer {
    private final int k;
    private final long seed;
    private final Metric metric;

    private LabeledFewShot(Builder builder) {
        this.k = builder.k;
        this.seed = builder.seed;
        this.metric = builder.metric;
    }

    public static Builder builder() {
        return new Builder();
    }

    @Override
    public String name() {
        return "LabeledFewShot";
    }

    @Override
    public OptimizationRun compile(Signet student, ProgramFactory program, List<Example> trainset,
            List<Example> devset) {
        Calls calls = Calls.on(student);
        Map<String, Predictor> predictors = predictors(calls.handle(), program, trainset);
        List<Map<String, Object>> demos = demos(trainset);
        Map<String, PromptState> chosen = new LinkedHashMap<>();
        predictors.forEach((name, predictor) -> chosen.put(name, predictor.promptState().withDemos(demos)));
        double[] scores = metric == null ? new double[] {Double.NaN, Double.NaN}
                : Scores.beforeAndAfter(calls.handle(), program, devset, metric, 8, chosen);
        return OptimizationRun.builder(name())
                .predictors(Programs.tuned(predictors, chosen))
                .seed(seed).scores(scores[0], scores[1]).calls(calls.count(), calls.usage())
                .model(student.languageModel().defaultModel().orElse(null))
                .setting("k", k).setting("seed", seed)
                .data(trainset, devset)
                .report(name() + ": " + demos.size() + " labeled demos for each of " + predictors.size()
                        + " predictor(s).", "")
                .build();
    }

    /** The {@code k} demos, in the seeded order of the training set. */
    List<Map<String, Object>> demos(List<Example> trainset) {
        List<Map<String, Object>> demos = new ArrayList<>();
        for (Example example : Dataset.shuffled(trainset, seed).subList(0, Math.min(k, trainset.size()))) {
            demos.add(Programs.demo(example));
        }
        return demos;
    }

    /** The program's predictors, as it makes them; if it makes none when built, as its first run calls them. */
    static Map<String, Predictor> predictors(Signet student, ProgramFactory program, List<Example> trainset) {
        Map<String, Predictor> created = Programs.created(student, program);
        if (!created.isEmpty()) {
            return created;
        }
        if (trainset.isEmpty()) {
            throw new IllegalArgumentException("the training set is empty");
        }
        return Programs.called(Rollouts.run(student, program, trainset.subList(0, 1),
                (example, prediction) -> Score.of(0), 1));
    }

    /** Builds a {@link LabeledFewShot}. */
    public static final class Builder {
        private int k = 16;
        private long seed;
        private dev.signet.eval.Metric metric;

        private Builder() {}

        /** A metric to score the baseline and the result on the development set; default none (no scoring). */
        public Builder metric(dev.signet.eval.Metric scoring) {
            this.metric = scoring;
            return this;
        }

        /** How many training examples become demos; default 16 (DSPy's). */
        public Builder k(int k) {
            if (k < 0) {
                throw new IllegalArgumentException("k must be >= 0, was " + k);
            }
            this.k = k;
            return this;
        }

        public Builder seed(long seed) {
            this.seed = seed;
            return this;
        }

        public LabeledFewShot build() {
            return new LabeledFewShot(this);
        }
    }
}
