package dev.steward.api.annotation;

/** A class of regulated data a capability may handle. */
public enum DataClass {
    /** Personally identifiable information. */
    PII,
    /** Protected health information. */
    PHI,
    /** Payment card data. */
    PCI,
    /** Confidential business or financial data. */
    CONFIDENTIAL
}
