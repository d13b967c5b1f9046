package dev.signet.optimize;

import dev.signet.Signet;
import dev.signet.eval.Program;

/**
 * Builds a program on a handle. Optimizers call it with handles that carry candidate prompt states and trace
 * recorders, so a program must create its predictors from the handle it is given.
 *
 * <pre>{@code
 * ProgramFactory qa = signet -> {
 *     QAPredictor predictor = QAPredictor.create(signet);
 *     return example -> predictor.predictAsync(example.input("question"));
 * };
 * }</pre>
 */
@FunctionalInterface
public interface ProgramFactory {
    Program build(Signet signet);
}
