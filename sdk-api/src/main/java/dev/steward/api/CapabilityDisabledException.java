package dev.steward.api;

/** The capability's kill switch is off ({@code steward.capability.<name>.enabled=false}). */
public class CapabilityDisabledException extends CapabilityDeniedException {

    /**
     * Creates an exception.
     *
     * @param capability the capability switched off
     * @param principal the caller, or {@code null}
     */
    public CapabilityDisabledException(String capability, String principal) {
        super(
                capability,
                principal,
                "capability '" + capability + "' is switched off by steward.capability." + capability + ".enabled");
    }
}
