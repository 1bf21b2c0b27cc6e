package dev.steward.api.annotation;

/** How much harm a wrong answer of a capability can do; recorded in audit and visible to policies. */
public enum RiskTier {
    /** Advisory output that a person reads before acting on it. */
    LOW,
    /** Output that feeds a business decision. */
    MEDIUM,
    /** Output that acts on customers, money or health. */
    HIGH
}
