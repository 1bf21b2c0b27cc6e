package dev.steward.cdi;

import dev.steward.api.ApprovalRequest;
import java.util.Objects;

/**
 * The CDI event fired when an approval request was approved, rejected or expired. Fired synchronously
 * ({@code @Observes}) and asynchronously ({@code @ObservesAsync}). Immutable.
 *
 * @param request the decided request, with who decided, when and why
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
