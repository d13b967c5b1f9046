package dev.signet.lm;

/**
 * Sampling options of one request. A {@code null} component means "the model's or server's default".
 *
 * @param model the model name, or {@code null} for the language model's configured default
 * @param temperature the sampling temperature
 * @param maxTokens the maximum number of tokens to generate
 * @param seed a seed, for servers that support deterministic sampling
 */
public record LmOptions(String model, Double temperature, Integer maxTokens, Long seed) {
    /** No option set: every value is the model's default. */
    public static final LmOptions DEFAULTS = new LmOptions(null, null, null, null);

    public LmOptions {
        if (temperature != null && (temperature < 0 || temperature.isNaN())) {
            throw new IllegalArgumentException("temperature must be >= 0, was " + temperature);
        }
        if (maxTokens != null && maxTokens <= 0) {
            throw new IllegalArgumentException("maxTokens must be > 0, was " + maxTokens);
        }
    }

    public LmOptions withModel(String model) {
        return new LmOptions(model, temperature, maxTokens, seed);
    }

    public LmOptions withTemperature(Double temperature) {
        return new LmOptions(model, temperature, maxTokens, seed);
    }

    public LmOptions withMaxTokens(Integer maxTokens) {
        return new LmOptions(model, temperature, maxTokens, seed);
    }

    public LmOptions withSeed(Long seed) {
        return new LmOptions(model, temperature, maxTokens, seed);
    }
}
