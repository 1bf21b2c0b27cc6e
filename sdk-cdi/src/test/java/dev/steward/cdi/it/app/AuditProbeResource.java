package dev.steward.cdi.it.app;

import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.List;
import java.util.Map;

/** Shows the test what the application observed. */
@Path("probe")
@RequestScoped
public class AuditProbeResource {

    @Inject
    AuditProbe probe;

    /**
     * The audit events observed, as {@code capability|outcome|principal|tenant}.
     *
     * @return the synchronous and asynchronous observations
     */
    @GET
    @Path("audit-events")
    @Produces(MediaType.APPLICATION_JSON)
    public Map<String, List<String>> events() {
        return Map.of("sync", probe.sync(), "async", probe.async());
    }
}
