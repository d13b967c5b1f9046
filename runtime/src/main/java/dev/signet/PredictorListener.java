package dev.signet;

/**
 * Told about every predictor call made through a handle that carries it ({@link Signet#withListener}).
 * Called on the thread that completes the call; implementations must be thread-safe and quick. An exception
 * thrown here is logged and does not affect the call.
 */
@FunctionalInterface
public interface PredictorListener {
    /**
     * A call started.
     *
     * @param callId identifies the call; its {@link PredictorCall#callId()} is the same
     * @param predictorName the predictor's name
     * @param inputs the call's inputs
     */
    default void onStart(long callId, String predictorName, java.util.Map<String, Object> inputs) {}

    /** A call finished, with outputs or with an error. */
    void onCall(PredictorCall call);
}
