package dev.signet;

import dev.signet.core.Outputs;
import dev.signet.core.PromptState;
import dev.signet.core.SignatureDescription;
import dev.signet.lm.Usage;
import java.time.Duration;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * One finished predictor call, as listeners see it: the raw material of traces and optimizers.
 *
 * @param callId identifies the call, as told to {@link PredictorListener#onStart}
 * @param parentCallId the call this one was made for (a ReAct step's predictor call), or 0
 * @param predictor the predictor that made it: its name, signature, module, adapter and the prompt state it used
 * @param model the model requested (the options', else the language model's default), or {@code null} if unknown
 * @param inputs the call's inputs by field name
 * @param outputs the parsed outputs (with {@code reasoning} under ChainOfThought), or {@code null} on failure
 * @param error the failure, or {@code null} on success
 * @param usage the tokens spent, over every attempt
 * @param latency the wall time of the call
 * @param attempts the model calls made; empty when the call failed before the model answered
 */
public record PredictorCall(long callId, long parentCallId, Predictor predictor, String model,
        Map<String, Object> inputs, Outputs outputs, Throwable error, Usage usage, Duration latency,
        List<Attempt> attempts) {
    public PredictorCall {
        Objects.requireNonNull(predictor, "predictor");
        inputs = Collections.unmodifiableMap(new LinkedHashMap<>(inputs));
        Objects.requireNonNull(usage, "usage");
        Objects.requireNonNull(latency, "latency");
        attempts = List.copyOf(attempts);
    }

    /** @return the predictor's name */
    public String predictorName() {
        return predictor.name();
    }

    /** @return the signature the model saw (with {@code reasoning} under ChainOfThought) */
    public SignatureDescription signature() {
        return predictor.modelSignature();
    }

    /** @return the predictor's module, as artifacts name it ({@link Module#describe()}) */
    public String module() {
        return predictor.moduleDescription();
    }

    /** @return the instructions and demos the call used */
    public PromptState promptState() {
        return predictor.promptState();
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
