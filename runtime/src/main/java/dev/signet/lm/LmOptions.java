package dev.signet.lm;

import java.util.regex.Pattern;

/**
 * Sampling options of one request. A {@code null} component means "the model's or server's default".
 *
 * @param model the model name, or {@code null} for the language model's configured default
 * @param temperature the sampling temperature (reasoning models take none: a provider drops it for them)
 * @param maxTokens the maximum number of tokens to generate, reasoning tokens included (OpenAI's
 *     {@code max_completion_tokens})
 * @param seed a seed, for servers that support deterministic sampling
 * @param reasoningEffort how hard a reasoning model thinks: {@code minimal}, {@code low}, {@code medium},
 *     {@code high} (the values OpenAI's {@code reasoning_effort} takes; a provider maps them to its own), or
 *     {@code null} for the model's default
 */
public record LmOptions(String model, Double temperature, Integer maxTokens, Long seed, String reasoningEffort) {
    /** No option set: every value is the model's default. */
    public static final LmOptions DEFAULTS = new LmOptions(null, null, null, null, null);

    private static final Pattern EFFORT = Pattern.compile("[a-z]+");

    public LmOptions {
        if (temperature != null && (temperature < 0 || temperature.isNaN())) {
            throw new IllegalArgumentException("temperature must be >= 0, was " + temperature);
        }
        if (maxTokens != null && maxTokens <= 0) {
            throw new IllegalArgumentException("maxTokens must be > 0, was " + maxTokens);
        }
        if (reasoningEffort != null && !EFFORT.matcher(reasoningEffort).matches()) {
            throw new IllegalArgumentException("reasoningEffort must be a lower-case word such as minimal, low, "
                    + "medium or high, was '" + reasoningEffort + "'");
        }
    }

    /** Options without a reasoning effort. */
    public LmOptions(String model, Double temperature, Integer maxTokens, Long seed) {
        this(model, temperature, maxTokens, seed, null);
    }

    public LmOptions withModel(String model) {
        return new LmOptions(model, temperature, maxTokens, seed, reasoningEffort);
    }

    public LmOptions withTemperature(Double temperature) {
        return new LmOptions(model, temperature, maxTokens, seed, reasoningEffort);
    }

    public LmOptions withMaxTokens(Integer maxTokens) {
        return new LmOptions(model, temperature, maxTokens, seed, reasoningEffort);
    }

    public LmOptions withSeed(Long seed) {
        return new LmOptions(model, temperature, maxTokens, seed, reasoningEffort);
    }

    public LmOptions withReasoningEffort(String reasoningEffort) {
        return new LmOptions(model, temperature, maxTokens, seed, reasoningEffort);
    }
}
