package dev.signet;

import dev.signet.internal.Futures;
import java.util.Map;

/**
 * One attempt of BestOfN or Refine at the whole prediction: its result and reward, or why it failed (a failed
 * attempt is skipped, not fatal), and the model calls it made.
 */
record Rollout(Runner.Result result, RuntimeException failure, Call.Attempts attempts, double reward) {
    static Rollout of(Runner.Result result, Throwable failure, Call.Attempts attempts, Reward reward,
            Map<String, Object> inputs) {
        if (failure != null) {
            return new Rollout(null, Futures.unwrap(failure), attempts, 0);
        }
        double score = reward.score(inputs, result.outputs());
        attempts.rewardLast(score);
        return new Rollout(result, null, attempts, score);
    }

    /** Whether this rollout beats the best so far: reaching the threshold first wins, then the higher reward. */
    boolean beats(Rollout best, double threshold) {
        if (best.result() == null) {
            return result != null;
        }
        if (result == null || best.reward() >= threshold) {
            return false;
        }
        return reward >= threshold || reward > best.reward();
    }
}
