package dev.steward.core.web;

/**
 * The body of an approve or reject request: {@code {"reason": "..."}}, with a string or null reason and no other field.
 * The resource reads it itself, so that a malformed body is a 400 with a JSON error.
 */
public class DecisionRequest {

    private String reason;

    /** An empty request. */
    public DecisionRequest() {}

    /**
     * The approver's reason.
     *
     * @return the reason, or {@code null}
     */
    public String getReason() {
        return reason;
    }

    /**
     * Sets the approver's reason.
     *
     * @param reason the reason
     */
    public void setReason(String reason) {
        this.reason = reason;
    }
}
