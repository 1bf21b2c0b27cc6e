package dev.steward.opentelemetry.it.app;

import dev.steward.cdi.AuditRecorded;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.util.Map;

/** Keeps the tags of the last audit record, which Steward publishes on the request's thread. */
@ApplicationScoped
public class LastAuditTags {

    private volatile Map<String, String> tags = Map.of();

    void onAudit(@Observes AuditRecorded event) {
        tags = event.record().tags();
    }

    Map<String, String> tags() {
        return tags;
    }
}
