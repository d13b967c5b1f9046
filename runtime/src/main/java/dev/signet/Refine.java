package dev.signet;

import dev.signet.core.Field;
import dev.signet.core.FieldType;
import dev.signet.core.SignatureDescription;
import dev.signet.internal.PythonValues;
import dev.signet.lm.Message;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;

/**
 * DSPy's Refine over {@link Predict} or {@link ChainOfThought}: up to {@code n} attempts one after the other,
 * stopping at the first whose reward reaches the threshold; each retry gets a {@code hint_} input with advice from
 * the attempt before (its outputs and score, or its error). Returns the best-scored attempt.
 */
final class Refine extends Module {
    /** The input field Refine adds to carry advice from a failed attempt, as DSPy names it. */
    public static final String HINT = "hint_";
    /** Its description, as DSPy's. */
    static final String HINT_DESCRIPTION = "A hint to the module from an earlier run";
    static final String NAME = "Refine";

    private final Module inner;
    private final int n;
    private final Reward reward;
    private final double threshold;

    Refine(Module inner, int n, Reward reward, double threshold) {
        if (n < 1) {
            throw new IllegalArgumentException("Refine needs at least one attempt, was " + n);
        }
        this.inner = inner;
        this.n = n;
        this.reward = Objects.requireNonNull(reward, "reward");
        this.threshold = threshold;
    }

    /** @return the module each attempt runs */
    public Module inner() {
        return inner;
    }

    /** @return the most attempts */
    public int n() {
        return n;
    }

    /** @return the reward that ends the attempts */
    public double threshold() {
        return threshold;
    }

    @Override
    public String describe() {
        return NAME + "(" + inner.describe() + ")";
    }

    @Override
    public SignatureDescription signature(SignatureDescription declared) {
        return inner.signature(declared);
    }

    /** The signature of a retry: one more input carrying advice, appended as DSPy's Refine appends it. */
    private static SignatureDescription withHint(SignatureDescription signature) {
        List<Field> inputs = new ArrayList<>(signature.inputs());
        inputs.add(new Field(HINT, HINT_DESCRIPTION, FieldType.STRING));
        return new SignatureDescription(signature.name(), signature.instructions(), inputs, signature.outputs());
    }

    @Override
    Runner runner(Predictor predictor) {
        Single single = (Single) inner.runner(predictor);
        Prompt hinted = single.hinted(withHint(predictor.modelSignature()));
        return new Runner() {
            @Override
            public CompletableFuture<Result> run(Call call, Map<String, Object> inputs) {
                return attempt(call, inputs, 0, null, null);
            }

            private CompletableFuture<Result> attempt(Call call, Map<String, Object> inputs, int index, String hint,
                    Rollout bestSoFar) {
                Map<String, Object> rendered = inputs;
                if (hint != null) {
                    rendered = new LinkedHashMap<>(inputs);
                    rendered.put(HINT, hint);
                }
                Call.Attempts attempts = new Call.Attempts();
                return single.step(call, hint == null ? single.prompt() : hinted, rendered,
                                BestOfN.rolloutOptions(predictor, index), attempts, call.blocking, null)
                        .handle((result, failure) -> Rollout.of(result, failure, attempts, reward, inputs))
                        .thenCompose(rollout -> {
                            call.attempts.addAll(rollout.attempts());
                            Rollout best = bestSoFar == null || rollout.beats(bestSoFar, threshold) ? rollout
                                    : bestSoFar;
                            boolean goodEnough = rollout.result() != null && rollout.reward() >= threshold;
                            if (goodEnough || index + 1 >= n) {
                                Rollout chosen = goodEnough ? rollout : best;
                                return chosen.result() != null ? CompletableFuture.completedFuture(chosen.result())
                                        : CompletableFuture.failedFuture(chosen.failure());
                            }
                            return attempt(call, inputs, index + 1, advice(predictor, rollout), best);
                        });
            }

            @Override
            public List<Message> preview(Map<String, Object> inputs) {
                return single.preview(inputs);
            }

            @Override
            public List<Message> template() {
                return single.template();
            }

            @Override
            public Prompt prompt() {
                return single.prompt();
            }
        };
    }

    /** Advice for the next attempt, from the one that fell short. */
    private String advice(Predictor predictor, Rollout rollout) {
        if (rollout.result() == null) {
            return "An earlier attempt failed: " + rollout.failure().getMessage() + ". Avoid that mistake.";
        }
        List<String> values = new ArrayList<>();
        for (Field field : predictor.modelSignature().outputs()) {
            Object value = rollout.result().outputs().asMap().get(field.name());
            if (value != null) {
                values.add(field.name() + " = " + PythonValues.format(value, field.type()));
            }
        }
        return "An earlier attempt answered " + String.join("; ", values) + ", which scored "
                + PythonValues.pythonFloat(rollout.reward()) + ", below the required "
                + PythonValues.pythonFloat(threshold) + ". Give a better answer.";
    }
}
