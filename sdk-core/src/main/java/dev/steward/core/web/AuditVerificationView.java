package dev.steward.core.web;

import dev.steward.core.audit.AuditVerifier;

/**
 * What a verification of the audit log found, as the REST resource returns it. Immutable.
 *
 * @param valid whether the log is intact
 * @param records how many records were verified
 * @param firstBadRecord the sequence number of the first record that does not fit, or {@code null} when valid
 * @param reason what is wrong, or {@code null} when valid
 * @param head the last verified record, a checkpoint to keep, or {@code null} for an empty log
 */
public record AuditVerificationView(boolean valid, long records, Long firstBadRecord, String reason, Head head) {

    /**
     * A record's place in the chain.
     *
     * @param sequence its number, from 1
     * @param hash its hash, 64 hex digits
     */
    public record Head(long sequence, String hash) {}

    /**
     * The view of a verifier result.
     *
     * @param result the result
     * @return the view
     */
    public static AuditVerificationView of(AuditVerifier.Result result) {
        return new AuditVerificationView(
                result.valid(),
                result.records(),
                result.firstBadRecord(),
                result.reason(),
                result.head() == null
                        ? null
                        : new Head(result.head().sequence(), result.head().hash()));
    }
}
