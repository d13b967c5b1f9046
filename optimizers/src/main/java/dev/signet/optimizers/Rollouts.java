package dev.signet.optimizers;

import dev.signet.Prediction;
import dev.signet.PredictorCall;
import dev.signet.Signet;
import dev.signet.TraceRecorder;
import dev.signet.eval.EvaluationResult;
import dev.signet.eval.Evaluator;
import dev.signet.eval.Example;
import dev.signet.eval.ExampleResult;
import dev.signet.eval.Metric;
import dev.signet.eval.Score;
import dev.signet.lm.LanguageModelException;
import dev.signet.optimize.ProgramFactory;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** Runs a program on examples, each run with a trace of its own, and scores every run: one metric call each. */
final class Rollouts {
    /** One scored run, with the predictor calls it made. */
    record Rollout(Example example, Prediction<?> prediction, Throwable error, Score score, List<PredictorCall> calls) {
        /** @return the metric's feedback, or what is known without it */
        String feedback() {
            if (error != null) {
                return "The program failed: " + error.getMessage();
            }
            return score.feedbackIfAny().orElse(String.format(Locale.ROOT, "The score was %.2f.",
                    score.value()));
        }
    }

    private Rollouts() {}

    static List<Rollout> run(Signet handle, ProgramFactory program, List<Example> given, Metric metric,
            int concurrency) {
        // a copy of each example, so that one given twice (a minibatch across epochs) gets a trace of its own
        List<Example> examples = given.stream().map(e -> new Example(e.inputs(), e.outputs())).toList();
        Map<Example, TraceRecorder> traces = new IdentityHashMap<>();
        for (Example example : examples) {
            traces.put(example, new TraceRecorder());
        }
        EvaluationResult result = Evaluator.builder().concurrency(concurrency).build().evaluate(examples,
                example -> program.build(handle.withListener(traces.get(example))).run(example), metric);
        List<Rollout> rollouts = new ArrayList<>();
        for (ExampleResult row : result.results()) { // in the examples' order
            rollouts.add(new Rollout(given.get(row.index()), row.prediction(), row.error(), row.score(),
                    traces.get(row.example()).calls()));
        }
        failIfNoRunReachedTheModel(rollouts);
        return rollouts;
    }

    /**
     * Stops an optimizer whose every run failed at the model (a wrong key, an endpoint down): not the prompt's
     * fault, and scoring it 0 would spend the budget on nothing.
     *
     * @throws LanguageModelException the first failure, saying that every run failed
     */
    static void failIfNoRunReachedTheModel(List<Rollout> rollouts) {
        if (!rollouts.isEmpty() && rollouts.stream().allMatch(r -> r.error() instanceof LanguageModelException)) {
            LanguageModelException failure = (LanguageModelException) rollouts.get(0).error();
            throw new LanguageModelException(failure.kind(), failure.statusCode().orElse(0), "every run of the "
                    + "program on " + rollouts.size() + " examples failed at the model; the first: "
                    + failure.getMessage(), failure);
        }
    }

    static double[] scores(List<Rollout> rollouts) {
        return rollouts.stream().mapToDouble(r -> r.score().value()).toArray();
    }
}
