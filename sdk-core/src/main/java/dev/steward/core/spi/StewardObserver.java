package dev.steward.core.spi;

import dev.steward.api.ApprovalRequest;
import dev.steward.api.AuditRecord;
import dev.steward.api.InferenceResponse;

/**
 * Watches governed calls and provider attempts start and end, and the records and approvals they produce: the hook
 * for tracing, metrics and application events. A tracer opens a span in {@link #onCallStart} (and may
 * {@link CallContext#tag tag} the call with its trace id, which then lands in the audit record) and closes it in
 * {@link #onCallStop} or {@link #onCallError}; likewise per attempt.
 *
 * <p>All methods are called on the calling thread, in registration order (those added to the builder, in Jakarta EE the
 * application's CDI beans, before those found with {@link java.util.ServiceLoader}). An exception from an observer is logged
 * and affects neither the call nor the other observers. Implementations must be thread-safe.
 */
public interface StewardObserver {

    /** An observer that does nothing. */
    StewardObserver NONE = new StewardObserver() {};

    /**
     * A call starts, before authorization.
     *
     * @param call the call
     */
    default void onCallStart(CallContext call) {}

    /**
     * A call returned an answer (possibly degraded); its audit record is stored.
     *
     * @param call the call
     * @param record its audit record
     */
    default void onCallStop(CallContext call, AuditRecord record) {}

    /**
     * A call ended with an exception: refused, held for approval, failed, or its record could not be stored. The
     * record's outcome says which.
     *
     * @param call the call
     * @param error what the caller receives
     * @param record its audit record (not stored if {@code error} is an {@link dev.steward.api.AuditFailedException})
     */
    default void onCallError(CallContext call, Throwable error, AuditRecord record) {}

    /**
     * A provider try starts, after its circuit breaker let it through.
     *
     * @param attempt the try
     */
    default void onAttemptStart(AttemptContext attempt) {}

    /**
     * A provider try answered.
     *
     * @param attempt the try
     * @param response the answer
     */
    default void onAttemptStop(AttemptContext attempt, InferenceResponse response) {}

    /**
     * A provider try failed or timed out.
     *
     * @param attempt the try
     * @param error the failure
     */
    default void onAttemptError(AttemptContext attempt, Throwable error) {}

    /**
     * An audit record was stored: of a call, or of an approval decision.
     *
     * @param record the record
     */
    default void onAudit(AuditRecord record) {}

    /**
     * An answer is now held for approval.
     *
     * @param request the pending request
     */
    default void onApprovalRequested(ApprovalRequest request) {}

    /**
     * An approval request was decided or expired.
     *
     * @param request the decided request
     */
    default void onApprovalDecided(ApprovalRequest request) {}
}
