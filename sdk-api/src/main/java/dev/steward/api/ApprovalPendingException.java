package dev.steward.api;

/**
 * The answer is held for a human's approval. Not a failure: the caller keeps {@link #approvalId()} and collects the
 * answer once an approver released it.
 */
public class ApprovalPendingException extends StewardException {

    private final String approvalId;

    /**
     * Creates an exception.
     *
     * @param capability the capability
     * @param approvalId the approval request's id
     * @param message who must approve
     */
    public ApprovalPendingException(String capability, String approvalId, String message) {
        super(capability, message, null);
        this.approvalId = approvalId;
    }

    /**
     * The approval request's id.
     *
     * @return the id
     */
    public String approvalId() {
        return approvalId;
    }

    @Override
    public boolean isRetriable() {
        return true;
    }
}
