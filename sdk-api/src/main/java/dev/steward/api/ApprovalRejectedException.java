package dev.steward.api;

/** An approver rejected the held answer, or it expired; the answer is never released. */
public class ApprovalRejectedException extends StewardException {

    private final String approvalId;
    private final String approver;

    /**
     * Creates an exception.
     *
     * @param capability the capability
     * @param approvalId the approval request's id
     * @param approver who rejected it, or {@code null} when it expired
     * @param message the reason
     */
    public ApprovalRejectedException(String capability, String approvalId, String approver, String message) {
        super(capability, message, null);
        this.approvalId = approvalId;
        this.approver = approver;
    }

    /**
     * The approval request's id.
     *
     * @return the id
     */
    public String approvalId() {
        return approvalId;
    }

    /**
     * Who rejected it.
     *
     * @return the approver, or {@code null} when it expired
     */
    public String approver() {
        return approver;
    }
}
