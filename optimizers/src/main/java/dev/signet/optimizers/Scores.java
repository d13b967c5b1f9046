package dev.signet.optimizers;

import dev.signet.Signet;
import dev.signet.core.PromptState;
import dev.signet.eval.Evaluator;
import dev.signet.eval.Example;
import dev.signet.eval.Metric;
import dev.signet.optimize.ProgramFactory;
import java.util.List;
import java.util.Map;

/** The development scores the demo optimizers report when they are given a development set. */
final class Scores {
    private Scores() {}

    /** @return the mean score of the program as it is, and with the chosen prompts; NaN without a set */
    static double[] beforeAndAfter(Signet handle, ProgramFactory program, List<Example> devset, Metric metric,
            int concurrency, Map<String, PromptState> chosen) {
        if (devset.isEmpty()) {
            return new double[] {Double.NaN, Double.NaN};
        }
        Evaluator evaluator = Evaluator.builder().concurrency(concurrency).build();
        double before = evaluator.evaluate(devset, program.build(handle), metric).meanScore();
        double after = evaluator.evaluate(devset, program.build(handle.withPrompts(chosen)), metric).meanScore();
        return new double[] {before, after};
    }
}
