package dev.signet.spark;

import dev.signet.Predictor;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** What each JVM (the driver, an executor) keeps per {@code SparkPredictor}: its predictor and its rate limit. */
final class ExecutorState {
    private static final Map<String, Predictor> PREDICTORS = new ConcurrentHashMap<>();
    private static final Map<String, RateLimit> LIMITS = new ConcurrentHashMap<>();

    private ExecutorState() {}

    /** The predictor of {@code key}, made by its factory on first use in this JVM. */
    static Predictor predictor(String key, PredictorFactory factory) {
        return PREDICTORS.computeIfAbsent(key, k -> {
            Predictor predictor = factory.create();
            if (predictor == null) {
                throw new IllegalStateException("The PredictorFactory returned no predictor");
            }
            return predictor;
        });
    }

    /** The rate limit of {@code key} in this JVM, shared by its tasks; none when {@code perSecond} is 0. */
    static RateLimit limit(String key, double perSecond) {
        return perSecond <= 0 ? RateLimit.NONE : LIMITS.computeIfAbsent(key, k -> new RateLimit(perSecond));
    }
}
