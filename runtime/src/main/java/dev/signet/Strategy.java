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

    /** The input field Refine adds to carry advice from a failed attempt, as DSPy names it. */
    public static final String HINT = "hint_";
    /** Its description, as DSPy's. */
    public static final String HINT_DESCRIPTION = "A hint to the module from an earlier run";

    /** How attempts are made. */
    enum Mode {
        ONCE,
        BEST_OF_N,
        REFINE,
        REACT
    }

    private static final Strategy PREDICT = new Strategy("Predict", false, Mode.ONCE, 1, null, 0);
    private static final Strategy CHAIN_OF_THOUGHT = new Strategy("ChainOfThought", true, Mode.ONCE, 1, null, 0);

    private final String name;
    private final boolean reasoning;
    private final Mode mode;
    private final int attempts;
    private final Reward reward;
    private final double threshold;
    private final List<Tool> tools;

    private Strategy(String name, boolean reasoning, Mode mode, int attempts, Reward reward, double threshold) {
        this(name, reasoning, mode, attempts, reward, threshold, List.of());
    }

    private Strategy(String name, boolean reasoning, Mode mode, int attempts, Reward reward, double threshold,
            List<Tool> tools) {
        this.name = name;
        this.reasoning = reasoning;
        this.mode = mode;
        this.attempts = attempts;
        this.reward = reward;
        this.threshold = threshold;
        this.tools = tools;
    }

    /**
     * DSPy's ReAct: a loop of thought, tool call and observation, until the model calls {@code finish} or
     * {@code maxSteps} steps are made; then a ChainOfThought call extracts the outputs from the trajectory. A
     * tool that throws, or arguments that don't fit, become the observation (the model can correct itself).
     * The steps are on {@link Prediction#trajectory()}; the inner calls are traced as {@code <name>.react} and
     * {@code <name>.extract}.
     *
     * @param maxSteps the most tool calls to make
     * @param tools the tools; {@code finish} is added
     */
    public static Strategy react(int maxSteps, Tool... tools) {
        if (maxSteps < 1) {
            throw new IllegalArgumentException("ReAct needs at least one step, was " + maxSteps);
        }
        java.util.Set<String> names = new java.util.HashSet<>();
        for (Tool tool : tools) {
            if (!names.add(tool.name())) {
                throw new IllegalArgumentException("two tools are named " + tool.name());
            }
        }
        return new Strategy("ReAct", false, Mode.REACT, maxSteps, null, 0, List.of(tools));
    }

    List<Tool> tools() {
        return tools;
    }

    /**
     * DSPy's BestOfN over {@link #predict()}: {@code n} attempts run concurrently, each with its own seed (and
     * temperature 1.0 unless the handle sets one); the first, in attempt order, whose reward reaches
     * {@code threshold} wins, else the best-scored. Failed attempts are skipped; if all fail, the call fails.
     */
    public static Strategy bestOfN(int n, Reward reward, double threshold) {
        return PREDICT.thenBestOfN(n, reward, threshold);
    }

    /**
     * DSPy's Refine over {@link #predict()}: up to {@code n} attempts one after the other, stopping at the first
     * whose reward reaches {@code threshold}; each retry gets a {@code hint_} input with advice from the
     * previous attempt (its outputs, its score, or its error). Returns the best-scored attempt.
     */
    public static Strategy refine(int n, Reward reward, double threshold) {
        return PREDICT.thenRefine(n, reward, threshold);
    }

    /** This strategy (Predict or ChainOfThought) run as {@link #bestOfN}. */
    public Strategy thenBestOfN(int n, Reward reward, double threshold) {
        return repeated(Mode.BEST_OF_N, "BestOfN", n, reward, threshold);
    }

    /** This strategy (Predict or ChainOfThought) run as {@link #refine}. */
    public Strategy thenRefine(int n, Reward reward, double threshold) {
        return repeated(Mode.REFINE, "Refine", n, reward, threshold);
    }

    private Strategy repeated(Mode repeated, String label, int n, Reward reward, double threshold) {
        if (mode != Mode.ONCE) {
            throw new IllegalStateException(name + " is already repeated; start from predict() or chainOfThought()");
        }
        if (n < 1) {
            throw new IllegalArgumentException(label + " needs at least one attempt, was " + n);
        }
        return new Strategy(label + "(" + name + ", " + n + ")", reasoning, repeated, n,
                java.util.Objects.requireNonNull(reward, "reward"), threshold);
    }

    Mode mode() {
        return mode;
    }

    /**
     * @return the DSPy module this strategy corresponds to, as prompt artifacts record it: {@code Predict},
     *     {@code ChainOfThought}, {@code BestOfN}, {@code Refine} or {@code ReAct}
     */
    public String moduleName() {
        switch (mode) {
            case BEST_OF_N:
                return "BestOfN";
            case REFINE:
                return "Refine";
            case REACT:
                return "ReAct";
            default:
                return reasoning ? "ChainOfThought" : "Predict";
        }
    }

    /** @return whether the strategy adds the {@code reasoning} output */
    public boolean addsReasoning() {
        return reasoning;
    }

    int attempts() {
        return attempts;
    }

    Reward reward() {
        return reward;
    }

    double threshold() {
        return threshold;
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

    /**
     * The strategy a prompt artifact's module names, as far as it shapes the signature: ChainOfThought adds
     * {@code reasoning}; every other module sees the declared signature.
     */
    public static Strategy forModule(String module) {
        return "ChainOfThought".equals(module) ? chainOfThought() : predict();
    }

    /** @return the signature the model sees under this strategy */
    public SignatureDescription apply(SignatureDescription signature) {
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
