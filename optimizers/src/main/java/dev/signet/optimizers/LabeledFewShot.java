package dev.signet.optimize;

import dev.signet.PredictorCall;
import dev.signet.PromptState;
import dev.signet.Signet;
import dev.signet.TraceRecorder;
import dev.signet.eval.Dataset;
import dev.signet.eval.Example;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * DSPy's LabeledFewShot: {@code k} training examples, drawn with a seed, become the demos of every predictor of
 * the program (each predictor renders the fields it has). The program's predictor names are found by running it
 * once, on the first training example.
 */
public final class LabeledFewShot {
    private final int k;
    private final long seed;

    public LabeledFewShot(int k, long seed) {
        if (k < 0) {
            throw new IllegalArgumentException("k must be >= 0, was " + k);
        }
        this.k = k;
        this.seed = seed;
    }

    public OptimizationResult compile(Signet student, ProgramFactory program, List<Example> trainset) {
        List<String> names = predictorNames(student, program, trainset);
        List<Map<String, Object>> demos = new ArrayList<>();
        for (Example example : Dataset.shuffled(trainset, seed).subList(0, Math.min(k, trainset.size()))) {
            Map<String, Object> demo = new LinkedHashMap<>(example.inputs());
            demo.putAll(example.outputs());
            demos.add(demo);
        }
        Map<String, PromptState> prompts = new LinkedHashMap<>();
        Map<String, Integer> counts = new LinkedHashMap<>();
        for (String name : names) {
            PromptState current = student.prompts().get(name);
            prompts.put(name, new PromptState(current == null ? null : current.instructions(), demos));
            counts.put(name, 0);
        }
        return new OptimizationResult(prompts, new OptimizationResult.Report("LabeledFewShot", seed, 1, 0, counts, 0));
    }

    /** The names of the program's predictors, in the order they are called, from one run. */
    static List<String> predictorNames(Signet signet, ProgramFactory program, List<Example> trainset) {
        if (trainset.isEmpty()) {
            throw new IllegalArgumentException("the training set is empty");
        }
        TraceRecorder trace = new TraceRecorder();
        try {
            program.build(signet.withListener(trace)).run(trainset.get(0)).join();
        } catch (RuntimeException e) {
            // The run only has to reach the predictors; the names are in the trace even when it failed.
        }
        List<String> names = new ArrayList<>();
        for (PredictorCall call : trace.calls()) {
            if (!names.contains(call.predictorName())) {
                names.add(call.predictorName());
            }
        }
        if (names.isEmpty()) {
            throw new IllegalStateException("the program called no predictor on the first training example");
        }
        return names;
    }
}
