package dev.signet.eval;

import dev.signet.Prediction;
import java.util.concurrent.CompletableFuture;

/**
 * What an evaluation runs on each example: usually a predictor's async form,
 * {@code example -> qa.predictAsync(example.input("question"))}, or a whole program ending in a prediction.
 * It must not block: the evaluator keeps many examples in flight from one thread.
 */
@FunctionalInterface
public interface Program {
    CompletableFuture<? extends Prediction<?>> run(Example example);
}
