package dev.signet;

import java.util.ArrayList;
import java.util.List;

/**
 * How a predictor uses its signature, chosen when it is created:
 *
 * <pre>{@code
 * QA direct = QAPredictor.create(signet);                                // Predict
 * QA careful = QAPredictor.create(signet, Strategy.chainOfThought());    // reasons first
 * }</pre>
 */
public final class Strategy {
    /** The name of the field ChainOfThought adds, as DSPy names it. */
    public static final String REASONING = "reasoning";

    private static final Strategy PREDICT = new Strategy("Predict", false);
    private static final Strategy CHAIN_OF_THOUGHT = new Strategy("ChainOfThought", true);

    private final String name;
    private final boolean reasoning;

    private Strategy(String name, boolean reasoning) {
        this.name = name;
        this.reasoning = reasoning;
    }

    /** The signature as declared: one call, the declared outputs. The default. */
    public static Strategy predict() {
        return PREDICT;
    }

    /**
     * DSPy's ChainOfThought: a {@code reasoning} output (a string, no description) comes before the declared
     * outputs, so the model reasons before it answers. The reasoning is on {@link Prediction#reasoning()}; the
     * interface method still returns only the declared outputs.
     */
    public static Strategy chainOfThought() {
        return CHAIN_OF_THOUGHT;
    }

    /** @return the signature the model sees under this strategy */
    SignatureDescription apply(SignatureDescription signature) {
        if (!reasoning) {
            return signature;
        }
        for (FieldSpec field : signature.inputs()) {
            if (field.name().equals(REASONING)) {
                throw new IllegalArgumentException(signature.name() + " has an input named '" + REASONING
                        + "', which ChainOfThought adds as an output; rename the field");
            }
        }
        List<FieldSpec> outputs = new ArrayList<>();
        outputs.add(new FieldSpec(REASONING, "", FieldType.STRING));
        for (FieldSpec field : signature.outputs()) {
            if (field.name().equals(REASONING)) {
                throw new IllegalArgumentException(signature.name() + " already has an output named '" + REASONING
                        + "', which ChainOfThought adds; rename the field");
            }
            outputs.add(field);
        }
        return new SignatureDescription(signature.name(), signature.instructions(), signature.inputs(), outputs);
    }

    @Override
    public String toString() {
        return name;
    }
}
