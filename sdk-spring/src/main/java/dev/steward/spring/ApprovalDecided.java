package dev.steward.spring;

import dev.steward.api.ApprovalRequest;
import java.util.Objects;

/**
 * The Spring application event published for an approval request that was approved, rejected or expired, with who decided, when and why. Published synchronously on the thread that caused it, after the
 * fact was stored: an {@code @EventListener} runs on that thread (add {@code @Async} to run it elsewhere), and a
 * {@code @TransactionalEventListener} runs when the caller's transaction ends. A listener's exception is logged and
 * never fails the governed call. Immutable.
 *
 * @param request the decided request
 */
public record ApprovalDecided(ApprovalRequest request) {

    /**
     * Creates the event.
     *
     * @param request the decided request
     * @throws NullPointerException if {@code request} is {@code null}
     */
    public ApprovalDecided {
        Objects.requireNonNull(request, "request");
    }
}
