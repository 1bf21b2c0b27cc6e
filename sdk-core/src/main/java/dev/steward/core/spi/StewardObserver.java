package dev.steward.core.spi;

import dev.steward.api.ApprovalRequest;
import dev.steward.api.AuditRecord;
import dev.steward.api.InferenceResponse;
import dev.steward.core.Steward;

/**
 * Watches governed calls and provider attempts start and end, and the records and approvals they produce: the hook
 * for tracing, metrics and application events. A tracer opens a span in {@link #onCallStart} (and may
 * {@link CallContext#tag tag} the call with its trace id, which then lands in the audit record) and closes it in
 * {@link #onCallStop} or {@link #onCallError}; likewise per attempt. {@link #onBudget} reports what a ceiling leaves,
 * and {@link #onStart} and {@link #onClose} bracket the life of the Steward instance the observer is registered on, so
 * that it can report that instance's state (its circuit breakers, for example) with no code of the application's.
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
     * An answer, or a tool call the model asked for, is now held for approval.
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

    /**
     * A ceiling of a call was settled after the call (or its reservation released, when nothing was consumed), or it
     * refused the call. Called once for each ceiling of the capability that the call reached: the settled ones in the
     * order per call, per user, per tenant; a refusing ceiling first, then the ones already reserved and now released.
     *
     * @param call the call
     * @param budget the ceiling, and what it has left
     */
    default void onBudget(CallContext call, BudgetStatus budget) {}

    /**
     * A Steward instance this observer is registered on was built and takes calls from now on. Called once per
     * instance, on the thread that built it.
     *
     * @param steward the instance
     */
    default void onStart(Steward steward) {}

    /**
     * A Steward instance this observer is registered on is closing: stop reporting its state. Called once per
     * instance, before it closes its providers and stores.
     *
     * @param steward the instance
     */
    default void onClose(Steward steward) {}
}
