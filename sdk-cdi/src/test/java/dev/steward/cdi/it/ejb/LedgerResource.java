package dev.steward.cdi.it.ejb;

import dev.steward.api.ApprovalPendingException;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.LinkedHashMap;
import java.util.Map;

/** Lets the test drive the transactional bean over HTTP and see what reached each caller. */
@Path("ledger")
@RequestScoped
public class LedgerResource {

    @Inject
    ClaimLedger ledger;

    /**
     * Runs one step in one container transaction.
     *
     * @param step the step, see {@link ClaimLedger#recordThen}
     * @param claimId the claim
     * @return {@code outcome} as the transactional bean saw it, or {@code escaped}: the class of what left it
     */
    @POST
    @Path("{step}/{claimId}")
    @Produces(MediaType.APPLICATION_JSON)
    public Map<String, String> step(@PathParam("step") String step, @PathParam("claimId") String claimId) {
        Map<String, String> result = new LinkedHashMap<>();
        try {
            if (step.equals("uncaught")) {
                result.put("outcome", ledger.recordThenPropose(claimId));
            } else {
                result.put("outcome", ledger.recordThen(claimId, step));
            }
        } catch (ApprovalPendingException e) {
            result.put("escaped", e.getClass().getName());
            result.put("approvalId", e.approvalId());
        } catch (RuntimeException e) {
            result.put("escaped", e.getClass().getName());
            result.put(
                    "cause",
                    e.getCause() == null ? null : e.getCause().getClass().getName());
        }
        return result;
    }

    /**
     * Whether the claim's row was committed.
     *
     * @param claimId the claim
     * @return 200 if it was, 404 if not
     */
    @GET
    @Path("entries/{claimId}")
    public Response entry(@PathParam("claimId") String claimId) {
        return Response.status(ledger.recorded(claimId) ? 200 : 404).build();
    }
}
