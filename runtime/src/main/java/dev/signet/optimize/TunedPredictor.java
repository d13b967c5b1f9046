package dev.signet.optimize;

import dev.signet.Predictor;
import dev.signet.artifact.PromptArtifact;
import dev.signet.core.PromptState;
import dev.signet.core.SignatureDescription;
import java.util.Map;
import java.util.Objects;

/**
 * One predictor of an optimized program, with the prompt the optimizer chose for it: the predictor itself (its
 * name, signature, module and adapter, as the program made it), holding the chosen prompt state, and the state it
 * started from. Its artifact is rendered by that predictor, so it holds exactly what the scored runs sent.
 *
 * @param predictor the predictor, with the chosen prompt state
 * @param baseline the prompt state it had before the optimizer ran
 */
public record TunedPredictor(Predictor predictor, PromptState baseline) {
    public TunedPredictor {
        Objects.requireNonNull(predictor, "predictor");
        Objects.requireNonNull(baseline, "baseline");
    }

    /** @return the predictor's name */
    public String name() {
        return predictor.name();
    }

    /** @return the signature the model sees */
    public SignatureDescription signature() {
        return predictor.modelSignature();
    }

    /** @return the module, as the artifact names it */
    public String module() {
        return predictor.moduleDescription();
    }

    /** @return the adapter's name */
    public String adapter() {
        return predictor.adapter().name();
    }

    /** @return the chosen instructions and demos */
    public PromptState state() {
        return predictor.promptState();
    }

    /** @return whether the optimizer changed the prompt */
    public boolean changed() {
        return !state().equals(baseline);
    }

    /**
     * @param provenance how the prompt was made ({@link OptimizationRun#provenance()})
     * @return the prompt as an artifact, rendered by the predictor
     */
    public PromptArtifact toArtifact(Map<String, ?> provenance) {
        return predictor.toArtifact(provenance);
    }
}
