package dev.steward.cdi.rest;

import dev.steward.api.ApprovalNotAllowedException;
import dev.steward.api.ApprovalRequest;
import dev.steward.api.CallerContext;
import dev.steward.cdi.internal.StewardRuntime;
import dev.steward.core.web.ApprovalView;
import dev.steward.core.web.DecisionRequest;
import dev.steward.core.web.ErrorView;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.List;
import java.util.function.BiFunction;

/**
 * Approvers' REST resource, at {@code steward/approvals} below the application path. Not active unless the
 * application lists it in {@code Application#getClasses}; its path must be protected by a security constraint so
 * that callers are authenticated.
 *
 * <ul>
 *   <li>{@code GET steward/approvals}: the pending requests the caller may decide (those whose approver role the
 *       caller holds), oldest first.
 *   <li>{@code POST steward/approvals/{id}/approve} and {@code .../reject} with {@code {"reason": "..."}}: decides a
 *       request; the decision is audited and fires an {@code ApprovalDecided} event.
 * </ul>
 *
 * Errors are JSON {@link ErrorView}s: 401 when not authenticated, 403 when the caller may not decide the request
 * (unknown request, missing role, own request, already decided).
 */
@Path("steward/approvals")
@Produces(MediaType.APPLICATION_JSON)
public class StewardApprovalResource {

    /** Created by the JAX-RS runtime. */
    public StewardApprovalResource() {}

    /**
     * The pending requests the caller may decide.
     *
     * @return the requests, oldest first
     * @throws jakarta.ws.rs.WebApplicationException 401 when the caller is not authenticated
     */
    @GET
    public List<ApprovalView> pending() {
        StewardRuntime runtime = RestAccess.runtime();
        CallerContext caller = RestAccess.authenticatedCaller(runtime);
        return runtime.steward().approvals().pending(caller).stream()
                .map(ApprovalView::of)
                .toList();
    }

    /**
     * Approves a request, releasing its held answer.
     *
     * @param id the request id
     * @param decision the reason
     * @return the decided request
     * @throws jakarta.ws.rs.WebApplicationException 401 when not authenticated, 403 when the caller may not decide it
     */
    @POST
    @Path("{id}/approve")
    @Consumes(MediaType.APPLICATION_JSON)
    public ApprovalView approve(@PathParam("id") String id, DecisionRequest decision) {
        return decide(
                id, decision, (runtime, caller) -> runtime.steward().approvals().approve(id, caller, reason(decision)));
    }

    /**
     * Rejects a request; its held answer is never released.
     *
     * @param id the request id
     * @param decision the reason
     * @return the decided request
     * @throws jakarta.ws.rs.WebApplicationException 401 when not authenticated, 403 when the caller may not decide it
     */
    @POST
    @Path("{id}/reject")
    @Consumes(MediaType.APPLICATION_JSON)
    public ApprovalView reject(@PathParam("id") String id, DecisionRequest decision) {
        return decide(
                id, decision, (runtime, caller) -> runtime.steward().approvals().reject(id, caller, reason(decision)));
    }

    private static ApprovalView decide(
            String id, DecisionRequest decision, BiFunction<StewardRuntime, CallerContext, ApprovalRequest> action) {
        StewardRuntime runtime = RestAccess.runtime();
        CallerContext caller = RestAccess.authenticatedCaller(runtime);
        try {
            return ApprovalView.of(action.apply(runtime, caller));
        } catch (ApprovalNotAllowedException e) {
            throw RestAccess.error(
                    Response.Status.FORBIDDEN, "approval-not-allowed", e.getMessage(), e.capability(), id);
        }
    }

    private static String reason(DecisionRequest decision) {
        return decision == null ? null : decision.getReason();
    }
}
