package dev.steward.core.audit;

import java.util.Iterator;
import java.util.Objects;
import java.util.Optional;

/**
 * Checks a stored audit log against its chain ({@link AuditChain}): every record must sit at the next sequence
 * number, name its predecessor's hash, and hash to what it claims. Any changed, deleted, inserted or reordered record
 * breaks that. A log cut short at its end still chains, so the verifier also compares it with a checkpoint taken
 * earlier (kept outside the log, such as in a SIEM): the log must reach the checkpoint's sequence with the same hash.
 * Stateless and thread-safe.
 */
public final class AuditVerifier {

    private AuditVerifier() {}

    /**
     * A position in the log that someone kept outside it.
     *
     * @param sequence the record's number
     * @param hash that record's hash
     */
    public record Checkpoint(long sequence, String hash) {

        /**
         * Validates the components.
         *
         * @throws IllegalArgumentException if the sequence is not positive
         * @throws NullPointerException if the hash is {@code null}
         */
        public Checkpoint {
            if (sequence < 1) {
                throw new IllegalArgumentException("sequence must be positive, was " + sequence);
            }
            Objects.requireNonNull(hash, "hash");
        }
    }

    /**
     * What a verification found.
     *
     * @param valid whether the log is intact
     * @param records how many records were read
     * @param firstBadRecord the sequence number (position from 1) of the first record that does not fit, or
     *     {@code null} when valid
     * @param reason what is wrong, or {@code null} when valid
     * @param head the last record's link, or {@code null} for an empty log; a checkpoint to keep
     */
    public record Result(boolean valid, long records, Long firstBadRecord, String reason, Checkpoint head) {}

    /**
     * Verifies a log read in storage order.
     *
     * @param links the stored records with their chain fields, first to last
     * @param checkpoint a checkpoint taken earlier, if any
     * @return the result; never throws for a bad log
     */
    public static Result verify(Iterator<AuditChain.Link> links, Optional<Checkpoint> checkpoint) {
        long position = 0;
        String previous = AuditChain.GENESIS;
        Checkpoint head = null;
        boolean checkpointSeen = false;
        while (links.hasNext()) {
            AuditChain.Link link = links.next();
            position++;
            if (link.sequence() != position) {
                return bad(
                        position - 1,
                        position,
                        "record " + position + " carries sequence " + link.sequence()
                                + ": a record was deleted, inserted or moved",
                        head);
            }
            if (!link.previousHash().equals(previous)) {
                return bad(
                        position - 1,
                        position,
                        "record " + position + " does not follow its predecessor"
                                + " (previous hash differs): a record before it was deleted, inserted or changed",
                        head);
            }
            String expected = AuditChain.hash(link.sequence(), link.previousHash(), link.record());
            if (!expected.equals(link.hash())) {
                return bad(
                        position - 1,
                        position,
                        "record " + position + " (id " + link.record().id()
                                + ") does not match its hash: it was changed",
                        head);
            }
            if (checkpoint.isPresent() && checkpoint.get().sequence() == position) {
                if (!checkpoint.get().hash().equals(link.hash())) {
                    return bad(
                            position - 1,
                            position,
                            "record " + position
                                    + " differs from the checkpoint's: the log was rewritten from there on",
                            head);
                }
                checkpointSeen = true;
            }
            previous = link.hash();
            head = new Checkpoint(position, link.hash());
        }
        if (checkpoint.isPresent() && !checkpointSeen) {
            return bad(
                    position,
                    position + 1,
                    "the log ends at record " + position + " but a checkpoint saw record "
                            + checkpoint.get().sequence() + ": its tail was cut off",
                    head);
        }
        return new Result(true, position, null, null, head);
    }

    private static Result bad(long read, long at, String reason, Checkpoint head) {
        return new Result(false, read, at, reason, head);
    }
}
