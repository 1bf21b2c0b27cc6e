package dev.steward.cdi.it.scan;

import dev.steward.cdi.it.app.AdjustmentService;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

/** The scanning application's own endpoint; Steward's exceptions escape it for the mapper to answer. */
@Path("claims")
@RequestScoped
public class ScannedClaimsResource {

    @Inject
    AdjustmentService adjustments;

    /**
     * Asks for an adjustment.
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
}
