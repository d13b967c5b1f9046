package dev.signet;

import dev.signet.core.Field;
import dev.signet.core.FieldType;
import dev.signet.core.SignatureDescription;
import java.util.ArrayList;
import java.util.List;

/**
 * DSPy's ChainOfThought: a {@code reasoning} output (a string, no description) comes before the declared outputs,
 * so that the model reasons before it answers. The reasoning is on {@link Prediction#reasoning()}; the interface
 * method still returns only the declared outputs.
 */
final class ChainOfThought extends Module {
    /** The name of the field ChainOfThought adds, as DSPy names it. */
    public static final String REASONING = "reasoning";

    static final String NAME = "ChainOfThought";
    static final ChainOfThought INSTANCE = new ChainOfThought();

    private ChainOfThought() {}

    @Override
    public String describe() {
        return NAME;
    }

    @Override
    public SignatureDescription signature(SignatureDescription declared) {
        if (declared.input(REASONING).isPresent()) {
            throw new IllegalArgumentException(declared.name() + " has an input named '" + REASONING
                    + "', which ChainOfThought adds as an output; rename the field");
        }
        if (declared.output(REASONING).isPresent()) {
            throw new IllegalArgumentException(declared.name() + " already has an output named '" + REASONING
                    + "', which ChainOfThought adds; rename the field");
        }
        List<Field> outputs = new ArrayList<>();
        outputs.add(new Field(REASONING, "", FieldType.STRING));
        outputs.addAll(declared.outputs());
        return new SignatureDescription(declared.name(), declared.instructions(), declared.inputs(), outputs);
    }

    @Override
    Runner runner(Predictor predictor) {
        return new Single(predictor);
    }
}
