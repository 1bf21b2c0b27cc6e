package dev.steward.api;

/**
 * A capability's input looked like a prompt injection and the capability's injection action is {@code block}. The
 * call is refused before any provider sees the input, and the refusal is audited as a denial. Not retriable.
 */
public class InjectionSuspectedException extends CapabilityDeniedException {

    private final double score;

    /**
     * Creates the exception.
     *
     * @param capability the capability refused
     * @param principal the caller, or {@code null} when anonymous
     * @param score the injection score, in [0, 1]
     * @param threshold the capability's threshold
     */
    public InjectionSuspectedException(String capability, String principal, double score, double threshold) {
        super(
                capability,
                principal,
                "the input of '" + capability + "' looks like a prompt injection (score "
                        + String.format(java.util.Locale.ROOT, "%.2f", score) + ", threshold "
                        + String.format(java.util.Locale.ROOT, "%.2f", threshold) + ") and was refused");
        this.score = score;
    }

    /**
     * The injection score.
     *
     * @return the score, in [0, 1]
     */
    public double score() {
        return score;
    }
}
