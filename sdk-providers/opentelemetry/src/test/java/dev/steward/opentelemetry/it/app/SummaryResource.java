package dev.steward.opentelemetry.it.app;

import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

/** Calls the governed bean and answers with the summary and the trace tags of the call's audit record. */
@Path("summaries")
public class SummaryResource {

    @Inject
    SummaryService service;

    @Inject
    LastAuditTags audit;

    /**
     * Summarizes a claim.
     *
     * @param id the claim
     * @return {@code <summary>|<trace_id tag>|<span_id tag>}
     */
    @GET
    @Path("{id}")
    @Produces(MediaType.TEXT_PLAIN)
    public String summarize(@PathParam("id") String id) {
        String summary = service.summarize(id);
        return summary + "|" + audit.tags().get("trace_id") + "|" + audit.tags().get("span_id");
    }
}
