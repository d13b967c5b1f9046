package dev.signet;

import dev.signet.core.SignatureDescription;
import java.util.Optional;

/**
 * How a predictor uses its signature: DSPy's modules, one type each, chosen when the predictor is created.
 *
 * <pre>{@code
 * QA direct = QAPredictor.create(signet);                                   // Predict
 * QA careful = QAPredictor.create(signet, Module.chainOfThought());         // reasons first
 * QA checked = QAPredictor.create(signet, Module.chainOfThought().thenRefine(3, reward, 1.0));
 * }</pre>
 *
 * <p>Each module owns its prompts and its algorithm; a module that changes the signature the model sees
 * (ChainOfThought adds {@code reasoning}) says so in {@link #signature}, which the predictor, its prompt
 * artifact and the Maven plugin's checks all read. Modules are immutable values.
 */
public abstract sealed class Module permits Predict, ChainOfThought, BestOfN, Refine, ReAct, NativeReAct {
    Module() {}

    /** @return Predict: the signature as declared: one call, the declared outputs (the default) */
    public static Module predict() {
        return Predict.INSTANCE;
    }

    /** @return ChainOfThought: a {@code reasoning} output first, so the model reasons before it answers */
    public static Module chainOfThought() {
        return ChainOfThought.INSTANCE;
    }

    /**
     * @return BestOfN over Predict: {@code n} attempts at once with distinct seeds; the first whose reward reaches
     *     {@code threshold} wins, else the best
     */
    public static Module bestOfN(int n, Reward reward, double threshold) {
        return predict().thenBestOfN(n, reward, threshold);
    }

    /**
     * @return Refine over Predict: up to {@code n} attempts in turn, each told why the last fell short of
     *     {@code threshold}
     */
    public static Module refine(int n, Reward reward, double threshold) {
        return predict().thenRefine(n, reward, threshold);
    }

    /** @return ReAct with these tools ({@code finish} is added) and at most {@code maxSteps} tool calls */
    public static Module react(int maxSteps, Tool... tools) {
        return new ReAct(maxSteps, tools);
    }

    /**
     * ReAct on the provider's native tool calling: the signature's own prompt (Predict's), the tools sent as
     * function definitions, tool calls and their results as messages, the several calls of one reply run at once;
     * the first reply in text is the outputs. {@link #react} keeps DSPy's text protocol, which every model follows
     * and DSPy renders byte for byte; this one needs a model client that offers tools (OpenAI's, on either API,
     * and Anthropic's).
     *
     * @return the module, with at most {@code maxSteps} tool calls, after which the model is told to answer
     */
    public static Module reactNative(int maxSteps, Tool... tools) {
        return new NativeReAct(maxSteps, tools);
    }

    /**
     * The module's name as prompt artifacts record it: {@code Predict}, {@code ChainOfThought}, {@code ReAct},
     * {@code BestOfN(Predict)}, {@code Refine(ChainOfThought)}.
     */
    public abstract String describe();

    /**
     * @param declared the signature as declared
     * @return the signature the model sees under this module
     * @throws IllegalArgumentException if the signature can't be used with this module (a field named like the one
     *     the module adds)
     */
    public abstract SignatureDescription signature(SignatureDescription declared);

    /**
     * The signature the model sees under a module named as artifacts name it ({@link #describe()}): what the
     * Maven plugin checks a prompt artifact against, without the module itself.
     *
     * @param description the module's name, {@code ChainOfThought} or {@code Refine(ChainOfThought)}
     * @param declared the signature as declared
     * @return the signature, or empty for a ReAct step, whose signature holds its tools
     * @throws IllegalArgumentException for a name no module has
     */
    public static Optional<SignatureDescription> signatureOf(String description, SignatureDescription declared) {
        String name = description.strip();
        if (name.equals(Predict.NAME) || name.equals(ReAct.NAME) || name.equals(NativeReAct.NAME)
                || name.equals(BestOfN.NAME) || name.equals(Refine.NAME)) {
            return Optional.of(declared); // BestOfN and Refine alone: artifacts of earlier versions, over Predict
        }
        if (name.equals(ChainOfThought.NAME)) {
            return Optional.of(ChainOfThought.INSTANCE.signature(declared));
        }
        if (name.equals(ReAct.STEP) || name.equals(ReAct.EXTRACT)) {
            return Optional.empty();
        }
        for (String repeated : new String[] {BestOfN.NAME, Refine.NAME}) {
            if (name.startsWith(repeated + "(") && name.endsWith(")")) {
                return signatureOf(name.substring(repeated.length() + 1, name.length() - 1), declared);
            }
        }
        throw new IllegalArgumentException("no module is named '" + description + "'; modules are Predict, "
                + "ChainOfThought, BestOfN(...), Refine(...) and ReAct");
    }

    /**
     * This module (Predict or ChainOfThought) run as BestOfN.
     *
     * @throws IllegalStateException if this module is not Predict or ChainOfThought
     */
    public Module thenBestOfN(int n, Reward reward, double threshold) {
        return new BestOfN(single("BestOfN"), n, reward, threshold);
    }

    /**
     * This module (Predict or ChainOfThought) run as Refine.
     *
     * @throws IllegalStateException if this module is not Predict or ChainOfThought
     */
    public Module thenRefine(int n, Reward reward, double threshold) {
        return new Refine(single("Refine"), n, reward, threshold);
    }

    private Module single(String repeated) {
        if (!(this instanceof Predict || this instanceof ChainOfThought)) {
            throw new IllegalStateException(repeated + " repeats Predict or ChainOfThought, not " + describe()
                    + "; start from Module.predict() or Module.chainOfThought()");
        }
        return this;
    }

    /** Prepares the module's prompts for a predictor, once, when the predictor is made. */
    abstract Runner runner(Predictor predictor);

    @Override
    public String toString() {
        return describe();
    }
}
