package dev.signet.optimize.instructions;

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

    static List<Rollout> run(Signet handle, ProgramFactory program, List<Example> examples, Metric metric,
            int concurrency) {
        Map<Example, TraceRecorder> traces = new IdentityHashMap<>();
        for (Example example : examples) {
            traces.put(example, new TraceRecorder());
        }
        EvaluationResult result = Evaluator.builder().concurrency(concurrency).build().evaluate(examples,
                example -> program.build(handle.withListener(traces.get(example))).run(example), metric);
        if (!result.results().isEmpty() && result.errors() == result.results().size()
                && result.results().get(0).error() instanceof LanguageModelException failure) {
            // Not the prompt's fault: no run reached the model. Stop rather than spend the budget on zeros.
            throw new LanguageModelException(failure.kind(), failure.statusCode().orElse(0), "every run of the "
                    + "program on " + examples.size() + " examples failed at the model; the first: "
                    + failure.getMessage(), failure);
        }
        List<Rollout> rollouts = new ArrayList<>();
        for (ExampleResult row : result.results()) { // in the examples' order
            rollouts.add(new Rollout(row.example(), row.prediction(), row.error(), row.score(),
                    traces.get(row.example()).calls()));
        }
        return rollouts;
    }

    static double[] scores(List<Rollout> rollouts) {
        return rollouts.stream().mapToDouble(r -> r.score().value()).toArray();
    }
}
