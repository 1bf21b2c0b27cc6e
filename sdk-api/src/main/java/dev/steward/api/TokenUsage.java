package dev.steward.api;

/**
 * Tokens a model consumed for one answer. Immutable.
 *
 * @param inputTokens tokens of the prompt, not negative
 * @param outputTokens tokens of the answer, not negative
 */
public record TokenUsage(long inputTokens, long outputTokens) {

    /** No usage, as for an answer that came from a fallback. */
    public static final TokenUsage NONE = new TokenUsage(0, 0);

    /**
     * Validates the counts.
     *
     * @throws IllegalArgumentException if a count is negative
     */
    public TokenUsage {
        if (inputTokens < 0 || outputTokens < 0) {
            throw new IllegalArgumentException(
                    "token counts must not be negative, were " + inputTokens + " and " + outputTokens);
        }
    }

    /**
     * The sum of input and output tokens.
     *
     * @return the total
     */
    public long totalTokens() {
        return inputTokens + outputTokens;
    }
}
