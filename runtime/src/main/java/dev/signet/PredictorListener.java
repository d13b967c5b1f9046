package dev.signet;

/**
 * Told about every predictor call made through a handle that carries it ({@link Signet#withListener}).
 * Called on the thread that completes the call; implementations must be thread-safe and quick. An exception
 * thrown here is logged and does not affect the call.
 */
@FunctionalInterface
public interface PredictorListener {
    /** A call finished, with outputs or with an error. */
    void onCall(PredictorCall call);
}
