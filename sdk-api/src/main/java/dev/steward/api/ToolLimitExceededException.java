package dev.steward.api;

/**
 * The model kept asking for tools beyond the capability's maximum number of tool rounds
 * ({@code steward.capability.<name>.max-tool-rounds}) without giving an answer. Every tool call made until then was
 * audited; the call is audited as failed.
 */
public class ToolLimitExceededException extends StewardException {

    private final int rounds;

    /**
     * Creates an exception.
     *
     * @param capability the capability
     * @param rounds the maximum that was reached
     */
    public ToolLimitExceededException(String capability, int rounds) {
        super(
                capability,
                "the model asked for tools in " + rounds + " rounds without answering, the most '" + capability
                        + "' allows (steward.capability." + capability + ".max-tool-rounds)",
                null);
        this.rounds = rounds;
    }

    /**
     * The maximum number of tool rounds that was reached.
     *
     * @return the rounds
     */
    public int rounds() {
        return rounds;
    }
}
