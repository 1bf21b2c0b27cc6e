package dev.steward.core.web;

/** The body of an approve or reject request: {@code {"reason": "..."}}. A plain bean so every JSON binding reads it. */
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
