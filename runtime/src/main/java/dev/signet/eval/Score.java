package dev.signet.eval;

import java.util.Optional;

/**
 * What a metric says about one prediction: a score in [0, 1] and, optionally, feedback in words (which
 * reflective optimizers such as GEPA read).
 *
 * @param value the score, from 0 (wrong) to 1 (right)
 * @param feedback why, or {@code null}
 */
public record Score(double value, String feedback) {
    public Score {
        if (!(value >= 0 && value <= 1)) {
            throw new IllegalArgumentException("a score is between 0 and 1, was " + value);
        }
    }

    public static Score of(double value) {
        return new Score(value, null);
    }

    public Optional<String> feedbackIfAny() {
        return Optional.ofNullable(feedback);
    }
}
