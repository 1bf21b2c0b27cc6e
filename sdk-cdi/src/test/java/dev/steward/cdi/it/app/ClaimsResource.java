package dev.steward.cdi.it.app;

import dev.steward.core.Steward;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

/** The application's own endpoint calling the governed bean. */
@Path("claims")
@RequestScoped
public class ClaimsResource {

    @Inject
    AdjustmentService adjustments;

    @Inject
    Steward steward;

    @Inject
    TriageService triage;

    @Inject
    SettlementDesk settlements;

    /**
     * Settles a claim; its payment is held, and Steward's exception mapper answers 202 with the approval id.
     *
     * @param claimId the claim
     * @return the model's answer
     */
    @POST
    @Path("{claimId}/settlement")
    @Produces(MediaType.TEXT_PLAIN)
    public String settle(@PathParam("claimId") String claimId) {
        return settlements.settle(claimId);
    }

    /**
     * Triages a claim; the governed method returns a record.
     *
     * @param claimId the claim
     * @return the record's fields, {@code team|confidence|first reason}
     */
    @POST
    @Path("{claimId}/triage")
    @Produces(MediaType.TEXT_PLAIN)
    public String triage(@PathParam("claimId") String claimId) {
        TriageService.Triage t = triage.triage(claimId);
        return t.team() + "|" + t.confidence() + "|" + t.reasons().get(0);
    }

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
}
