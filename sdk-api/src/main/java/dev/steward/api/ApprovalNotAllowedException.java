package dev.steward.api;

/**
 * The would-be approver may not decide this request: unknown request, missing approver role, the requester approving
 * their own call, or a request already decided.
 */
public class ApprovalNotAllowedException extends StewardException {

    /**
     * Creates an exception.
     *
     * @param capability the capability, or {@code null} when the request is unknown
     * @param message why the decision is refused
     */
    public ApprovalNotAllowedException(String capability, String message) {
        super(capability, message, null);
    }
}
