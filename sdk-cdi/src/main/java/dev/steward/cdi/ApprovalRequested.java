package dev.steward.cdi;

import dev.steward.api.ApprovalRequest;
import java.util.Objects;

/**
 * The CDI event fired when an answer is held for a human's approval, for example to notify approvers. Fired
 * synchronously ({@code @Observes}) and asynchronously ({@code @ObservesAsync}). Immutable.
 *
 * @param request the pending request; its {@code output} is the held answer, so observers must treat it as
 *     confidential
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
