package dev.steward.spring.web;

import dev.steward.api.ApprovalNotAllowedException;
import dev.steward.api.ApprovalRequest;
import dev.steward.api.CallerContext;
import dev.steward.core.web.ApprovalView;
import dev.steward.core.web.DecisionRequest;
import dev.steward.core.web.ErrorView;
import dev.steward.core.web.ResumeResponse;
import dev.steward.spring.internal.StewardRuntime;
import java.util.List;
import java.util.function.Function;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * Approvers' REST controller at {@code /steward/approvals}, registered with {@code steward.spring.rest.enabled=true};
 * the same JSON as the Jakarta EE resource.
 *
 * <ul>
 *   <li>{@code GET /steward/approvals}: the pending requests the caller may decide, oldest first.
 *   <li>{@code POST /steward/approvals/{id}/approve} and {@code .../reject} with {@code {"reason": "..."}}: decides a
 *       request; audited, and published as an {@code ApprovalDecided} event.
 *   <li>{@code GET /steward/approvals/{id}/result}: the released answer, for the requester (same principal and
 *       tenant) or a holder of the approver role only; anyone else gets 403 and the refusal is audited. 202 while
 *       pending, 409 when rejected or expired.
 *   <li>{@code POST /steward/approvals/{id}/resume}: resumes the caller's call held at a tool call, once decided; the
 *       answers are those of {@link ResumeResponse}, as in Jakarta EE.
 * </ul>
 *
 * Errors are JSON {@link ErrorView}s: 401 when not authenticated, 403 when the caller may not decide or read the
 * request.
 */
@RestController
@RequestMapping(
        path = "${steward.spring.rest.base-path:/steward}/approvals",
        produces = MediaType.APPLICATION_JSON_VALUE)
public class StewardApprovalController {

    private final StewardRuntime runtime;

    /**
     * Creates the controller.
     *
     * @param runtime the runtime
     */
    public StewardApprovalController(StewardRuntime runtime) {
        this.runtime = runtime;
    }

    /**
     * The pending requests the caller may decide.
     *
     * @return the requests, oldest first
     */
    @GetMapping
    public List<ApprovalView> pending() {
        CallerContext caller = StewardWebAccess.authenticatedCaller(runtime);
        return runtime.steward().approvals().pending(caller).stream()
                .map(ApprovalView::of)
                .toList();
    }

    /**
     * Approves a request, releasing its held answer.
     *
     * @param id the request id
     * @param decision the reason, or no body
     * @return the decided request
     */
    @PostMapping("/{id}/approve")
    public ApprovalView approve(
            @PathVariable("id") String id, @RequestBody(required = false) DecisionRequest decision) {
        return decide(id, caller -> runtime.steward().approvals().approve(id, caller, reason(decision)));
    }

    /**
     * Rejects a request; its held answer is never released.
     *
     * @param id the request id
     * @param decision the reason, or no body
     * @return the decided request
     */
    @PostMapping("/{id}/reject")
    public ApprovalView reject(@PathVariable("id") String id, @RequestBody(required = false) DecisionRequest decision) {
        return decide(id, caller -> runtime.steward().approvals().reject(id, caller, reason(decision)));
    }

    /**
     * The approved request with its released answer in {@code output}, for its requester or an approver.
     *
     * @param id the request id
     * @return the approved request
     */
    @GetMapping("/{id}/result")
    public ApprovalView result(@PathVariable("id") String id) {
        CallerContext caller = StewardWebAccess.authenticatedCaller(runtime);
        return ApprovalView.of(runtime.steward().approvals().released(id, caller));
    }

    /**
     * Resumes the caller's call held at a tool call needing approval, once it is decided: the approved tool runs, as
     * the caller, or the model is told of the rejection, and the conversation goes on.
     *
     * @param id the request id
     * @return 200 with the answer, 202 with the approval request of the next tool call held, or the error of
     *     {@link ResumeResponse} (403, 404, 409); 401 when not authenticated; other Steward exceptions of the resumed
     *     call go to {@link StewardExceptionHandler}
     */
    @PostMapping("/{id}/resume")
    public ResponseEntity<Object> resume(@PathVariable("id") String id) {
        CallerContext caller = StewardWebAccess.authenticatedCaller(runtime);
        ResumeResponse resumed = ResumeResponse.resume(runtime.steward(), id, caller);
        return ResponseEntity.status(resumed.status())
                .contentType(MediaType.APPLICATION_JSON)
                .body(resumed.body());
    }

    private ApprovalView decide(String id, Function<CallerContext, ApprovalRequest> action) {
        CallerContext caller = StewardWebAccess.authenticatedCaller(runtime);
        try {
            return ApprovalView.of(action.apply(caller));
        } catch (ApprovalNotAllowedException e) {
            throw new StewardWebAccess.HttpError(
                    403, new ErrorView("approval-not-allowed", e.getMessage(), e.capability(), id));
        }
    }

    private static String reason(DecisionRequest decision) {
        return decision == null ? null : decision.getReason();
    }
}
