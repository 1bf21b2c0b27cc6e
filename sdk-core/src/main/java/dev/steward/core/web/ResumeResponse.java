package dev.steward.core.web;

import dev.steward.api.ApprovalNotAllowedException;
import dev.steward.api.ApprovalPendingException;
import dev.steward.api.ApprovalRequest;
import dev.steward.api.ApprovalStatus;
import dev.steward.api.CallerContext;
import dev.steward.core.Steward;
import java.util.Objects;

/**
 * The HTTP answer to {@code POST .../approvals/{id}/resume}, which resumes a call held at a tool call needing
 * approval ({@link Steward#resume}), so that the Jakarta REST resource and the Spring controller answer alike.
 * Immutable.
 *
 * <ul>
 *   <li>200 with an {@link AnswerView}: the resumed call answered (the approved tool ran, or the model was told of
 *       the rejection or expiry and went on).
 *   <li>202 with the {@link ApprovalView} of a new request: another tool call of the resumed conversation needs
 *       approval; resume that one once it is decided.
 *   <li>403 {@code approval-not-allowed}: the caller is not who made the held call (same principal and tenant).
 *   <li>404 {@code approval-not-found}: no request has that id; {@code no-held-tool-call}: the caller's request holds
 *       an answer, not a tool call, or one of a capability this application does not declare (another caller gets
 *       the 403 first).
 *   <li>409 {@code approval-pending}: it still awaits a decision; {@code approval-resumed}: it has already resumed
 *       (a held tool call runs once).
 * </ul>
 *
 * Every refusal is audited by Steward. Other Steward exceptions of the resumed call (a denial, a budget, no provider)
 * are not caught here: the integrations' exception handling maps them with {@link ErrorStatus}.
 *
 * @param status the HTTP status
 * @param body an {@link AnswerView}, an {@link ApprovalView} or an {@link ErrorView}
 */
public record ResumeResponse(int status, Object body) {

    /**
     * Resumes a held call and answers as the class describes.
     *
     * @param steward the application's Steward
     * @param approvalId the approval request's id
     * @param caller the authenticated caller
     * @return the status and body
     * @throws dev.steward.api.StewardException from the resumed call other than the refusals above, for the
     *     integration to map with {@link ErrorStatus}
     */
    public static ResumeResponse resume(Steward steward, String approvalId, CallerContext caller) {
        try {
            return new ResumeResponse(200, AnswerView.of(steward.resume(approvalId, caller)));
        } catch (ApprovalPendingException e) {
            if (approvalId.equals(e.approvalId())) {
                return error(409, "approval-pending", e.getMessage(), e.capability(), approvalId);
            }
            return new ResumeResponse(202, ApprovalView.of(steward.approvals().find(e.approvalId())));
        } catch (ApprovalNotAllowedException e) {
            ApprovalRequest r = e.capability() == null ? null : find(steward, approvalId);
            if (r == null) {
                return error(404, "approval-not-found", e.getMessage(), null, approvalId);
            }
            if (!Objects.equals(r.requester().principal(), caller.principal())
                    || !Objects.equals(r.requester().tenant(), caller.tenant())) {
                return error(403, "approval-not-allowed", e.getMessage(), e.capability(), approvalId);
            }
            if (r.status() == ApprovalStatus.RESUMED) {
                return error(409, "approval-resumed", e.getMessage(), e.capability(), approvalId);
            }
            return error(404, "no-held-tool-call", e.getMessage(), e.capability(), approvalId);
        }
    }

    private static ApprovalRequest find(Steward steward, String id) {
        try {
            return steward.approvals().find(id);
        } catch (ApprovalNotAllowedException e) {
            return null;
        }
    }

    private static ResumeResponse error(int status, String code, String message, String capability, String id) {
        return new ResumeResponse(status, new ErrorView(code, message, capability, id));
    }
}
