package dev.signet.spark;

import dev.signet.Predictor;
import java.io.Serializable;

/**
 * Makes the predictor a Spark job runs, on each executor: it is serialized with the job (a lambda whose captures
 * are serializable: strings, paths, numbers), never the predictor or its handle. It runs once per JVM and
 * {@code SparkPredictor}: every task of that executor shares the predictor it made, its connection pool and its
 * cache.
 *
 * <pre>{@code
 * PredictorFactory qa = () -> Predictor.of(
 *         Signet.fromEnv().withInterceptor(Cache.onDisk(Path.of("/mnt/shared/cache"))),
 *         QAPredictor.SIGNATURE, Module.chainOfThought());
 * }</pre>
 */
@FunctionalInterface
public interface PredictorFactory extends Serializable {
    /** @return the predictor; it lives as long as the executor's JVM */
    Predictor create();
}
