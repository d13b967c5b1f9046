package dev.signet;

import java.util.Map;

/**
 * Told about the predictors made on a handle that carries it ({@link Signet#withListener}) and about every call
 * they make. Called on the thread that creates the predictor, starts the call or completes it; implementations must
 * be thread-safe and quick. An exception thrown here is logged and affects neither the call nor other listeners.
 */
@FunctionalInterface
public interface PredictorListener {
    /**
     * A predictor was made on the handle (optimizers learn a program's predictors this way, without calling the
     * model).
     *
     * @param predictor the predictor
     */
    default void onCreate(Predictor predictor) {}

    /**
     * A call started.
     *
     * @param callId identifies the call; its {@link PredictorCall#callId()} is the same
     * @param parentCallId the call this one was made for (a ReAct step's), or 0
     * @param predictorName the predictor's name
     * @param inputs the call's inputs
     */
    default void onStart(long callId, long parentCallId, String predictorName, Map<String, Object> inputs) {}

    /** A call finished, with outputs or with an error. */
    void onCall(PredictorCall call);
}
