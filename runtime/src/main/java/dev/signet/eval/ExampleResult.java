package dev.signet.eval;

import dev.signet.Prediction;
import java.util.Optional;

/**
 * The outcome of one example: its prediction and score, or the error that scored it 0.
 *
 * @param index the example's position in the evaluated list
 * @param example the example
 * @param prediction the prediction, or {@code null} on error
 * @param score the score (0 on error)
 * @param error the failure, or {@code null}
 */
public record ExampleResult(int index, Example example, Prediction<?> prediction, Score score, Throwable error) {
    public Optional<Throwable> errorIfAny() {
        return Optional.ofNullable(error);
    }
}
