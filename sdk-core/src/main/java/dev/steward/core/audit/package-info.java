/**
 * Audit sinks and their proof of integrity: an in-memory sink that can be queried and drops its oldest records when
 * full, a JSON-lines file sink whose writes return once the record is written and forced to the device (group commit)
 * or fail within a write timeout, and the hash chain, verifier and {@link dev.steward.core.audit.VerifiableAuditLog}
 * that let an auditor check a log was not changed.
 */
package dev.steward.core.audit;
