package dev.steward.api;

/** The caller may not use the capability, or the capability is switched off. The denial is audited. */
public class CapabilityDeniedException extends StewardException {

    private final String principal;

    /**
     * Creates an exception.
     *
     * @param capability the capability refused
     * @param principal the caller, or {@code null} when anonymous
     * @param message why
     */
    public CapabilityDeniedException(String capability, String principal, String message) {
        super(capability, message, null);
        this.principal = principal;
    }

    /**
     * The caller refused.
     *
     * @return the principal, or {@code null} when anonymous
     */
    public String principal() {
        return principal;
    }
}
