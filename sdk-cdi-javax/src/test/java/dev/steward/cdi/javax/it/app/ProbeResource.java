package dev.steward.cdi.javax.it.app;

import java.util.List;
import java.util.Map;
import javax.enterprise.context.RequestScoped;
import javax.inject.Inject;
import javax.ws.rs.GET;
import javax.ws.rs.Path;
import javax.ws.rs.Produces;
import javax.ws.rs.core.MediaType;

/** Shows the test what the application observed. */
@Path("probe")
@RequestScoped
public class ProbeResource {

    @Inject
    AuditProbe probe;

    @Inject
    TransactionOutcomes transactions;

    /**
     * The audit events observed: synchronous ones as {@code capability|outcome|principal|tenant|tx-or-no-tx},
     * asynchronous ones as {@code capability|outcome|principal|tenant}.
     *
     * @return the synchronous and asynchronous observations
     */
    @GET
    @Path("audit-events")
    @Produces(MediaType.APPLICATION_JSON)
    public Map<String, List<String>> events() {
        return Map.of("sync", probe.sync(), "async", probe.async());
    }

    /**
     * How the session beans' transactions ended.
     *
     * @return {@code claimId|committed} or {@code claimId|rolled-back}, in order
     */
    @GET
    @Path("transactions")
    @Produces(MediaType.APPLICATION_JSON)
    public List<String> transactions() {
        return transactions.all();
    }
}
