package dev.signet.eval;

import dev.signet.Prediction;
import java.util.function.BiPredicate;
import java.util.function.ToDoubleBiFunction;

/**
 * Scores a prediction against an example's labels. Must be thread-safe: the evaluator scores concurrently.
 * Built-in metrics are in {@link Metrics}.
 */
@FunctionalInterface
public interface Metric {
    Score score(Example example, Prediction<?> prediction);

    /** A metric from a function returning a number in [0, 1]. */
    static Metric of(ToDoubleBiFunction<Example, Prediction<?>> score) {
        return (example, prediction) -> Score.of(score.applyAsDouble(example, prediction));
    }

    /** A metric that is 1 when the predicate holds, else 0. */
    static Metric passes(BiPredicate<Example, Prediction<?>> passes) {
        return (example, prediction) -> Score.of(passes.test(example, prediction) ? 1 : 0);
    }
}
