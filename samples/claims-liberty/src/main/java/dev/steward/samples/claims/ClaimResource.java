package dev.steward.samples.claims;

import dev.steward.api.Answer;
import dev.steward.api.ApprovalPendingException;
import dev.steward.api.CallerContext;
import dev.steward.core.Steward;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.SecurityContext;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;

/** The claims REST API the application already had, now with four AI-assisted steps. */
@Path("claims")
@RequestScoped
@Produces(MediaType.APPLICATION_JSON)
public class ClaimResource {

    @Inject
    ClaimStore store;

    @Inject
    ClaimAssistant assistant;

    @Inject
    Steward steward;

    @Inject
    ClaimTools tools;

    /**
     * Every claim.
     *
     * @return the claims
     */
    @GET
    public List<Claim> all() {
        return store.all();
    }

    /**
     * One claim.
     *
     * @param id the claim number
     * @return the claim
     */
    @GET
    @Path("{id}")
    public Claim one(@PathParam("id") String id) {
        return claim(id);
    }

    /**
     * Routes a claim to a team.
     *
     * @param id the claim number
     * @return the team, the classifier's confidence and the examples that voted for the team
     */
    @POST
    @Path("{id}/triage")
    public Map<String, Object> triage(@PathParam("id") String id) {
        Triage triage = assistant.triage(claim(id).description());
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("claimId", id);
        out.put("team", triage.team());
        out.put("confidence", triage.confidence());
        out.put("reasons", triage.reasons());
        return out;
    }

    /**
     * Summarizes a claim.
     *
     * @param id the claim number
     * @return the summary, and whether it came from the fallback and why; or, when the claim's text looks like a
     *     prompt injection, 202 with the approval request that holds the summary
     */
    @POST
    @Path("{id}/summary")
    public Response summarize(@PathParam("id") String id) {
        Answer answer;
        try {
            answer = assistant.summarize(claim(id).description());
        } catch (ApprovalPendingException pending) {
            return Response.accepted(Map.of("claimId", id, "approvalId", pending.approvalId(), "status", "PENDING"))
                    .build();
        }
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("claimId", id);
        out.put("summary", answer.text());
        out.put("model", answer.model());
        out.put("degraded", answer.degraded());
        out.put("reason", answer.reason());
        return Response.ok(out).build();
    }

    /**
     * Drafts the letter for a decision; it is held until a supervisor approves it.
     *
     * @param id the claim number
     * @param request the decision
     * @return 202 with the approval id
     */
    @POST
    @Path("{id}/letter")
    @Consumes(MediaType.APPLICATION_JSON)
    public Response draftLetter(@PathParam("id") String id, LetterRequest request) {
        Claim c = claim(id);
        String decision = request == null || request.decision() == null ? "" : request.decision();
        try {
            String letter = assistant.draftLetter(c.policyHolder(), c.id(), decision);
            return Response.ok(Map.of("claimId", id, "letter", letter)).build();
        } catch (ApprovalPendingException pending) {
            return Response.accepted(Map.of("claimId", id, "approvalId", pending.approvalId(), "status", "PENDING"))
                    .build();
        }
    }

    /**
     * The letter of an approval request, for the adjuster who asked for it or a supervisor: 200 once approved, 202
     * while pending, 409 when rejected, 403 for anyone else (Steward audits that refusal).
     *
     * @param approvalId the approval id
     * @param security the request's security context
     * @return the letter
     */
    @GET
    @Path("letters/{approvalId}")
    public Map<String, Object> letter(@PathParam("approvalId") String approvalId, @Context SecurityContext security) {
        CallerContext reader = new CallerContext(
                security.getUserPrincipal().getName(),
                ROLES.stream().filter(security::isUserInRole).collect(Collectors.toSet()),
                null,
                UUID.randomUUID().toString());
        return Map.of(
                "approvalId",
                approvalId,
                "letter",
                steward.approvals().released(approvalId, reader).output());
    }

    /**
     * Proposes a settlement of a claim and asks to pay it; the payment is held until a supervisor approves it.
     *
     * @param id the claim number
     * @return the proposal; or 202 with the approval id when the payment is held for a supervisor
     */
    @POST
    @Path("{id}/settlement")
    public Response proposeSettlement(@PathParam("id") String id) {
        Claim c = claim(id);
        try {
            String proposal = assistant.proposeSettlement(c.id(), c.policyId(), c.amount());
            return Response.ok(Map.of("claimId", id, "proposal", proposal)).build();
        } catch (ApprovalPendingException pending) {
            return Response.accepted(Map.of("claimId", id, "approvalId", pending.approvalId(), "status", "PENDING"))
                    .build();
        }
    }

    /**
     * Resumes a settlement whose payment a supervisor has decided: once approved the payment is issued, once, and the
     * proposal says so; once rejected the proposal says it was not. Only the adjuster who asked may resume, with the
     * same tenant (Steward audits any other caller's attempt as refused); 202 while the payment still waits.
     *
     * @param approvalId the approval id of the held payment
     * @param security the request's security context
     * @param tenant the caller's tenant, read as Steward reads it ({@code steward.identity.tenant.name})
     * @return the proposal
     */
    @POST
    @Path("settlements/{approvalId}/resume")
    public Map<String, Object> resumeSettlement(
            @PathParam("approvalId") String approvalId,
            @Context SecurityContext security,
            @HeaderParam(TENANT_HEADER) String tenant) {
        CallerContext caller = new CallerContext(
                security.getUserPrincipal().getName(),
                ROLES.stream().filter(security::isUserInRole).collect(Collectors.toSet()),
                tenant,
                UUID.randomUUID().toString());
        return Map.of(
                "approvalId",
                approvalId,
                "proposal",
                steward.resume(approvalId, caller).text());
    }

    /**
     * The payments made on a claim.
     *
     * @param id the claim number
     * @return its payments, oldest first
     */
    @GET
    @Path("{id}/payments")
    public List<Payment> payments(@PathParam("id") String id) {
        return tools.payments(claim(id).id());
    }

    private static final List<String> ROLES = List.of("adjuster", "supervisor");

    // the header microprofile-config.properties names as the tenant's (steward.identity.tenant.name)
    private static final String TENANT_HEADER = "X-Tenant";

    private Claim claim(String id) {
        return store.find(id).orElseThrow(() -> new NotFoundException("no claim " + id));
    }

    /**
     * The body of a letter request.
     *
     * @param decision what was decided
     */
    public record LetterRequest(String decision) {}
}
