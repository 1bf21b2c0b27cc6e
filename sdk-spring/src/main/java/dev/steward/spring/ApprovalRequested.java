package dev.steward.spring;

import dev.steward.api.ApprovalRequest;
import java.util.Objects;

/**
 * The Spring application event published for an answer held for a human's approval, for example to notify approvers; the request's {@code output} is the held answer, so listeners must treat it as confidential. Published synchronously on the thread that caused it, after the
 * fact was stored: an {@code @EventListener} runs on that thread (add {@code @Async} to run it elsewhere), and a
 * {@code @TransactionalEventListener} runs when the caller's transaction ends. A listener's exception is logged and
 * never fails the governed call. Immutable.
 *
 * @param request the pending request
 */
public record ApprovalRequested(ApprovalRequest request) {

    /**
     * Creates the event.
     *
     * @param request the pending request
     * @throws NullPointerException if {@code request} is {@code null}
     */
    public ApprovalRequested {
        Objects.requireNonNull(request, "request");
    }
}
