package dev.signet.lm;

/**
 * Token usage of one or more completions.
 *
 * @param promptTokens tokens in the prompt
 * @param completionTokens tokens generated
 * @param totalTokens their sum, as the server reports it
 */
public record Usage(long promptTokens, long completionTokens, long totalTokens) {
    /** No tokens: what a server that reports no usage costs. */
    public static final Usage ZERO = new Usage(0, 0, 0);

    /** @return the sum of this usage and another */
    public Usage plus(Usage other) {
        return new Usage(
                promptTokens + other.promptTokens,
                completionTokens + other.completionTokens,
                totalTokens + other.totalTokens);
    }
}
