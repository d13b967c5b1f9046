package dev.signet;

import dev.signet.lm.Usage;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * One finished predictor call, as listeners see it: the raw material of traces and optimizers.
 *
 * @param callId identifies the call, as told to {@link PredictorListener#onStart}
 * @param predictorName the predictor's name
 * @param model the model the handle asked for ({@code null} when the language model chose)
 * @param inputs the call's inputs by field name
 * @param outputs the parsed outputs (with {@code reasoning} under ChainOfThought), or {@code null} on failure
 * @param error the failure, or {@code null} on success
 * @param usage the tokens spent, over every attempt
 * @param latency the wall time of the call
 * @param attempts the model calls made; empty when the call failed before the model answered
 * @param signature the signature the model saw (with {@code reasoning} under ChainOfThought)
 * @param module the predictor's DSPy module ({@link Strategy#moduleName()})
 */
public record PredictorCall(long callId, String predictorName, String model, Map<String, Object> inputs, Outputs outputs,
        Throwable error, Usage usage, Duration latency, List<Attempt> attempts, SignatureDescription signature,
        String module) {
    public PredictorCall {
        Objects.requireNonNull(predictorName, "predictorName");
        inputs = Map.copyOf(inputs);
        Objects.requireNonNull(usage, "usage");
        Objects.requireNonNull(latency, "latency");
        attempts = List.copyOf(attempts);
    }

    /** @return whether the call gave outputs */
    public boolean succeeded() {
        return error == null;
    }

    /** @return the failure, if the call failed */
    public Optional<Throwable> errorIfAny() {
        return Optional.ofNullable(error);
    }
}
