package dev.steward.api;

import java.util.Locale;

/**
 * How much of a governed call's prompt and answer is kept for forensics, per capability
 * ({@code steward.capability.<name>.capture}). Captures are kept apart from the audit log, linked to it by the audit
 * record's id.
 */
public enum CaptureMode {
    /** Nothing is captured (the default). */
    NONE,
    /** The SHA-256 of the prompt and of the answer, in lower-case hex: proves what was said without keeping it. */
    HASHED,
    /** The prompt and the answer with every value a redactor finds replaced by a placeholder such as {@code <IBAN_1>}. */
    REDACTED,
    /** The prompt and the answer as they are. */
    FULL;

    /**
     * The mode's name in configuration.
     *
     * @return for example {@code redacted}
     */
    public String configValue() {
        return name().toLowerCase(Locale.ROOT);
    }

    /**
     * Reads a mode from its name in configuration.
     *
     * @param value {@code none}, {@code hashed}, {@code redacted} or {@code full}, in any case
     * @return the mode
     * @throws IllegalArgumentException naming the valid values, if {@code value} is none of them
     * @throws NullPointerException if {@code value} is {@code null}
     */
    public static CaptureMode of(String value) {
        for (CaptureMode m : values()) {
            if (m.configValue().equalsIgnoreCase(value.strip())) {
                return m;
            }
        }
        throw new IllegalArgumentException("must be none, hashed, redacted or full, was '" + value + "'");
    }
}
