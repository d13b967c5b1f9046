package dev.signet;

import dev.signet.core.Outputs;
import java.util.Map;

/**
 * Scores a prediction, for BestOfN and Refine ({@link Module#bestOfN}, {@link Module#refine}): higher is better, and a
 * score at or above the module's threshold is good enough. Must be thread-safe (BestOfN scores attempts
 * concurrently).
 *
 * <pre>{@code
 * Reward oneWord = (inputs, outputs) -> outputs.<String>value("answer").split(" ").length == 1 ? 1.0 : 0.0;
 * }</pre>
 */
@FunctionalInterface
public interface Reward {
    /**
     * @param inputs the call's inputs by field name
     * @param outputs the prediction's outputs by field name
     * @return the score
     */
    double score(Map<String, Object> inputs, Outputs outputs);
}
