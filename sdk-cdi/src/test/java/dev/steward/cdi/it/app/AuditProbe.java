package dev.steward.cdi.it.app;

import dev.steward.api.AuditRecord;
import dev.steward.cdi.AuditRecorded;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.ObservesAsync;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** Observes Steward's audit events in the deployed application. */
@ApplicationScoped
public class AuditProbe {

    private final List<String> sync = new CopyOnWriteArrayList<>();
    private final List<String> async = new CopyOnWriteArrayList<>();

    void onAudit(@Observes AuditRecorded event) {
        sync.add(describe(event.record()));
    }

    void onAuditAsync(@ObservesAsync AuditRecorded event) {
        async.add(describe(event.record()));
    }

    List<String> sync() {
        return List.copyOf(sync);
    }

    List<String> async() {
        return List.copyOf(async);
    }

    private static String describe(AuditRecord r) {
        return r.capability() + "|" + r.outcome() + "|" + r.principal() + "|" + r.tenant();
    }
}
