package dev.signet;

import dev.signet.core.SignatureDescription;
import dev.signet.lm.LmOptions;
import dev.signet.lm.Message;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;

/**
 * DSPy's BestOfN over {@link Predict} or {@link ChainOfThought}: {@code n} attempts run at once, each with its own
 * seed (and temperature 1.0 unless the handle sets one); the first, in attempt order, whose reward reaches the
 * threshold wins, else the best-scored. Failed attempts are skipped; if all fail, the call fails with the first
 * failure. Every attempt is on {@link Prediction#attempts()}, with its reward.
 */
final class BestOfN extends Module {
    static final String NAME = "BestOfN";

    private final Module inner;
    private final int n;
    private final Reward reward;
    private final double threshold;

    BestOfN(Module inner, int n, Reward reward, double threshold) {
        if (n < 1) {
            throw new IllegalArgumentException("BestOfN needs at least one attempt, was " + n);
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

    /** @return the number of attempts */
    public int n() {
        return n;
    }

    /** @return the reward an attempt must reach to win at once */
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

    @Override
    Runner runner(Predictor predictor) {
        Single single = (Single) inner.runner(predictor);
        return new Runner() {
            @Override
            public CompletableFuture<Result> run(Call call, Map<String, Object> inputs) {
                List<CompletableFuture<Rollout>> rollouts = new ArrayList<>();
                for (int i = 0; i < n; i++) {
                    Call.Attempts attempts = new Call.Attempts();
                    rollouts.add(single.step(call, single.prompt(), inputs, rolloutOptions(predictor, i), attempts,
                                    false, null)
                            .handle((result, failure) -> Rollout.of(result, failure, attempts, reward, inputs)));
                }
                return CompletableFuture.allOf(rollouts.toArray(new CompletableFuture<?>[0])).thenCompose(all -> {
                    Rollout best = null;
                    Rollout firstFailure = null;
                    for (CompletableFuture<Rollout> future : rollouts) {
                        Rollout rollout = future.join();
                        call.attempts.addAll(rollout.attempts());
                        if (rollout.result() == null) {
                            firstFailure = firstFailure == null ? rollout : firstFailure;
                        } else if (best == null || rollout.beats(best, threshold)) {
                            best = rollout;
                        }
                    }
                    return best != null ? CompletableFuture.completedFuture(best.result())
                            : CompletableFuture.failedFuture(firstFailure.failure());
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

    /** The options of attempt {@code index}: its own seed, and temperature 1.0 unless the handle sets one. */
    static LmOptions rolloutOptions(Predictor predictor, int index) {
        LmOptions options = predictor.signet().options();
        long seed = options.seed() != null ? options.seed() + index : index;
        return options.withSeed(seed).withTemperature(options.temperature() != null ? options.temperature() : 1.0);
    }
}
