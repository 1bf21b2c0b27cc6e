package dev.steward.core.audit;

import java.util.Optional;

/**
 * An audit log that can prove it is intact: a sink that keeps its records in an {@link AuditChain} implements this,
 * so that auditors (the REST endpoint, the command line, a scheduled job) verify any such sink the same way.
 * Implementations must be thread-safe; a verification may run while records are being written, and then covers at
 * least the records written before it started.
 */
public interface VerifiableAuditLog {

    /**
     * Reads the whole log in storage order and checks it with {@link AuditVerifier#verify}.
     *
     * @param checkpoint a checkpoint kept outside the log (the sequence and hash of a record seen earlier), to find a
     *     cut tail or a log rewritten from the start; empty to check the chain alone
     * @return the result; a tampered log is a result with {@code valid == false}, never an exception
     * @throws java.io.UncheckedIOException if the log's storage cannot be read at all (an unchecked storage exception
     *     of the implementation's kind for logs not kept in files)
     */
    AuditVerifier.Result verify(Optional<AuditVerifier.Checkpoint> checkpoint);
}
