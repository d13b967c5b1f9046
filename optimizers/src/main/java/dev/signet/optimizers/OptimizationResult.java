package dev.signet.optimize;

import dev.signet.PromptState;
import java.util.Map;

/**
 * What an optimizer produced: a prompt state per predictor name (for {@code Signet.withPrompts}), in the order
 * the program calls them, and a report.
 *
 * @param prompts the optimized prompt states by predictor name
 * @param report what the optimizer did
 */
public record OptimizationResult(Map<String, PromptState> prompts, Report report) {
    public OptimizationResult {
        prompts = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(prompts)); // program order
    }

    /**
     * @param optimizer the optimizer's name
     * @param seed its seed
     * @param tried training examples the teacher ran on
     * @param passed those whose metric passed
     * @param bootstrapped demos bootstrapped per predictor name
     * @param rounds rounds made
     */
    public record Report(String optimizer, long seed, int tried, int passed, Map<String, Integer> bootstrapped,
            int rounds) {
        public Report {
            bootstrapped = Map.copyOf(bootstrapped);
        }
    }
}
