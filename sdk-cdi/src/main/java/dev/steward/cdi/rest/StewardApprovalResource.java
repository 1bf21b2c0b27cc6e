package dev.steward.cdi.rest;

import dev.steward.api.ApprovalNotAllowedException;
import dev.steward.api.ApprovalPendingException;
import dev.steward.api.ApprovalRejectedException;
import dev.steward.api.ApprovalRequest;
import dev.steward.api.CallerContext;
import dev.steward.cdi.internal.StewardRuntime;
import dev.steward.core.web.ApprovalView;
import dev.steward.core.web.DecisionRequest;
import dev.steward.core.web.ErrorView;
import dev.steward.core.web.ResumeResponse;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.io.InputStream;
import java.util.List;

/**
 * Approvers' and requesters' REST resource, at {@code steward/approvals} below the application path. Active in an
 * application that relies on Jakarta REST scanning (it is found in {@code WEB-INF/lib}) or that lists it in
 * {@code Application#getClasses}; {@code steward.cdi.rest.enabled=false} turns it off (404). Its path must be
 * protected by a security constraint so that callers are authenticated.
 *
 * <ul>
 *   <li>{@code GET steward/approvals}: the pending requests the caller may decide (those whose approver role the
 *       caller holds), oldest first.
 *   <li>{@code POST steward/approvals/{id}/approve} and {@code .../reject} with {@code {"reason": "..."}} (or no
 *       body): decides a request; the decision is audited and fires an {@code ApprovalDecided} event.
 *   <li>{@code GET steward/approvals/{id}/result}: the approved request with its released answer, for its requester
 *       (same principal, and same tenant when the request has one) or an approver (holder of its approver role).
 *   <li>{@code POST steward/approvals/{id}/resume}: resumes the caller's call held at a tool call, once decided; the
 *       answers are those of {@link ResumeResponse}.
 * </ul>
 *
 * Errors are JSON {@link ErrorView}s: 400 for a body that is not {@code {"reason": "..."}} (malformed or wrongly
 * typed JSON, unknown field), 401 when not authenticated, 403 when the caller may not decide the request (unknown
 * request, missing role, own request, already decided) or read its result, 404 for the result of an unknown request
 * (or when disabled), 409 for a result not released ({@code approval-pending}, {@code approval-rejected},
 * {@code approval-expired}), 413 for a body over {@code steward.cdi.rest.max-body-bytes}; a resume answers as
 * {@link ResumeResponse} says. Refused decisions, refused reads and refused resumes are audited.
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
     * @param contentLength the body's declared length, or {@code null}
     * @param body {@code {"reason": "..."}}, or empty
     * @return the decided request
     * @throws jakarta.ws.rs.WebApplicationException 400, 401, 403 or 413 as described on the class
     */
    @POST
    @Path("{id}/approve")
    @Consumes(MediaType.APPLICATION_JSON)
    public ApprovalView approve(
            @PathParam("id") String id,
            @HeaderParam(HttpHeaders.CONTENT_LENGTH) String contentLength,
            InputStream body) {
        return decide(
                id,
                contentLength,
                body,
                (runtime, caller, reason) -> runtime.steward().approvals().approve(id, caller, reason));
    }

    /**
     * Rejects a request; its held answer is never released.
     *
     * @param id the request id
     * @param contentLength the body's declared length, or {@code null}
     * @param body {@code {"reason": "..."}}, or empty
     * @return the decided request
     * @throws jakarta.ws.rs.WebApplicationException 400, 401, 403 or 413 as described on the class
     */
    @POST
    @Path("{id}/reject")
    @Consumes(MediaType.APPLICATION_JSON)
    public ApprovalView reject(
            @PathParam("id") String id,
            @HeaderParam(HttpHeaders.CONTENT_LENGTH) String contentLength,
            InputStream body) {
        return decide(
                id,
                contentLength,
                body,
                (runtime, caller, reason) -> runtime.steward().approvals().reject(id, caller, reason));
    }

    /**
     * The approved request with its released answer in {@code output}, for its requester or an approver.
     *
     * @param id the request id
     * @return the approved request
     * @throws jakarta.ws.rs.WebApplicationException 401 when not authenticated; 403 when the caller is neither the
     *     requester nor an approver; 404 when no request has that id; 409 while pending ({@code approval-pending}),
     *     or once rejected ({@code approval-rejected}) or expired ({@code approval-expired})
     */
    @GET
    @Path("{id}/result")
    public ApprovalView result(@PathParam("id") String id) {
        StewardRuntime runtime = RestAccess.runtime();
        CallerContext caller = RestAccess.authenticatedCaller(runtime);
        try {
            return ApprovalView.of(runtime.steward().approvals().released(id, caller));
        } catch (ApprovalNotAllowedException e) {
            // a known request always has a capability: none means the id is unknown
            if (e.capability() == null) {
                throw RestAccess.error(Response.Status.NOT_FOUND, "approval-not-found", e.getMessage(), null, id);
            }
            throw RestAccess.error(
                    Response.Status.FORBIDDEN, "approval-not-allowed", e.getMessage(), e.capability(), id);
        } catch (ApprovalPendingException e) {
            throw RestAccess.error(Response.Status.CONFLICT, "approval-pending", e.getMessage(), e.capability(), id);
        } catch (ApprovalRejectedException e) {
            throw RestAccess.error(
                    Response.Status.CONFLICT,
                    e.approver() == null ? "approval-expired" : "approval-rejected",
                    e.getMessage(),
                    e.capability(),
                    id);
        }
    }

    /**
     * Resumes the caller's call held at a tool call needing approval, once it is decided: the approved tool runs, as
     * the caller, or the model is told of the rejection, and the conversation goes on.
     *
     * @param id the request id
     * @return 200 with the answer, or 202 with the approval request of the next tool call held
     * @throws jakarta.ws.rs.WebApplicationException 401 when not authenticated; 403 when the caller is not who made
     *     the held call; 404 when no request has that id ({@code approval-not-found}) or it holds no tool call
     *     ({@code no-held-tool-call}); 409 while pending ({@code approval-pending}) or once resumed
     *     ({@code approval-resumed})
     * @throws dev.steward.api.StewardException from the resumed call (a denial, a budget, no provider), which
     *     {@link StewardExceptionMapper} maps
     */
    @POST
    @Path("{id}/resume")
    public Response resume(@PathParam("id") String id) {
        StewardRuntime runtime = RestAccess.runtime();
        CallerContext caller = RestAccess.authenticatedCaller(runtime);
        ResumeResponse resumed = ResumeResponse.resume(runtime.steward(), id, caller);
        if (resumed.body() instanceof ErrorView error) {
            throw RestAccess.error(Response.Status.fromStatusCode(resumed.status()), error);
        }
        return Response.status(resumed.status())
                .type(MediaType.APPLICATION_JSON_TYPE)
                .entity(resumed.body())
                .build();
    }

    private static ApprovalView decide(String id, String contentLength, InputStream body, Decision action) {
        StewardRuntime runtime = RestAccess.runtime();
        CallerContext caller = RestAccess.authenticatedCaller(runtime);
        DecisionRequest decision =
                RequestBody.decision(body, contentLength, runtime.rest().maxBodyBytes());
        try {
            return ApprovalView.of(action.apply(runtime, caller, decision.getReason()));
        } catch (ApprovalNotAllowedException e) {
            throw RestAccess.error(
                    Response.Status.FORBIDDEN, "approval-not-allowed", e.getMessage(), e.capability(), id);
        }
    }

    @FunctionalInterface
    private interface Decision {
        ApprovalRequest apply(StewardRuntime runtime, CallerContext caller, String reason);
    }
}
