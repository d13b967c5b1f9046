package dev.signet.lm;

/**
 * Token usage of one or more completions.
 *
 * @param promptTokens tokens in the prompt
 * @param completionTokens tokens generated
 * @param totalTokens their sum, as the server reports it
 * @param cachedPromptTokens the part of {@code promptTokens} the provider read from its prompt cache (billed at a
 *     lower rate; OpenAI's {@code prompt_tokens_details.cached_tokens}); 0 when not reported
 * @param reasoningTokens the part of {@code completionTokens} a reasoning model spent thinking (not in the reply's
 *     text, but billed as output; OpenAI's {@code completion_tokens_details.reasoning_tokens}); 0 when not reported
 */
public record Usage(long promptTokens, long completionTokens, long totalTokens, long cachedPromptTokens,
        long reasoningTokens) {
    /** No tokens: what a server that reports no usage costs. */
    public static final Usage ZERO = new Usage(0, 0, 0);

    public Usage {
        if (cachedPromptTokens < 0 || reasoningTokens < 0) {
            throw new IllegalArgumentException("token counts are never negative: cached " + cachedPromptTokens
                    + ", reasoning " + reasoningTokens);
        }
    }

    /** Usage without cached or reasoning tokens. */
    public Usage(long promptTokens, long completionTokens, long totalTokens) {
        this(promptTokens, completionTokens, totalTokens, 0, 0);
    }

    /** @return the sum of this usage and another */
    public Usage plus(Usage other) {
        return new Usage(
                promptTokens + other.promptTokens,
                completionTokens + other.completionTokens,
                totalTokens + other.totalTokens,
                cachedPromptTokens + other.cachedPromptTokens,
                reasoningTokens + other.reasoningTokens);
    }
}
