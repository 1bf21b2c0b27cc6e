package dev.steward.cdi.javax.it.app;

import dev.steward.core.Steward;
import javax.ejb.EJB;
import javax.enterprise.context.RequestScoped;
import javax.inject.Inject;
import javax.ws.rs.GET;
import javax.ws.rs.POST;
import javax.ws.rs.Path;
import javax.ws.rs.PathParam;
import javax.ws.rs.Produces;
import javax.ws.rs.core.MediaType;

/** The application's own endpoints calling its governed beans. */
@Path("claims")
@RequestScoped
public class ClaimsResource {

    @Inject
    AdjustmentService adjustments;

    @Inject
    TriageService triage;

    @EJB
    ClaimSummaries summaries;

    @EJB
    EscalationDesk escalations;

    @Inject
    Steward steward;

    /**
     * Asks for an adjustment; Steward's exception mapper answers 202 with the approval id.
     *
     * @param claimId the claim
     * @return the proposal, once approved
     */
    @POST
    @Path("{claimId}/adjustment")
    @Produces(MediaType.TEXT_PLAIN)
    public String propose(@PathParam("claimId") String claimId) {
        return adjustments.propose(claimId);
    }

    /**
     * The released proposal.
     *
     * @param approvalId the approval request
     * @return the proposal
     */
    @GET
    @Path("results/{approvalId}")
    @Produces(MediaType.TEXT_PLAIN)
    public String result(@PathParam("approvalId") String approvalId) {
        return steward.approvals().result(approvalId);
    }

    /**
     * A summary from the session bean.
     *
     * @param claimId the claim
     * @return the summary
     */
    @POST
    @Path("{claimId}/summary")
    @Produces(MediaType.TEXT_PLAIN)
    public String summarize(@PathParam("claimId") String claimId) {
        return summaries.summarize(claimId);
    }

    /**
     * A triage through Fault Tolerance's retry.
     *
     * @param claimId the claim
     * @return the triage
     */
    @POST
    @Path("{claimId}/triage")
    @Produces(MediaType.TEXT_PLAIN)
    public String triage(@PathParam("claimId") String claimId) {
        return triage.triage(claimId);
    }

    /**
     * An escalation through a session bean's transaction; Steward's exception mapper answers a refusal.
     *
     * @param claimId the claim
     * @return the draft
     */
    @POST
    @Path("{claimId}/escalation")
    @Produces(MediaType.TEXT_PLAIN)
    public String escalate(@PathParam("claimId") String claimId) {
        return escalations.escalate(claimId);
    }
}
