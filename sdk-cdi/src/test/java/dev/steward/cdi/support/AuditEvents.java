package dev.steward.cdi.support;

import dev.steward.api.AuditRecord;
import dev.steward.cdi.ApprovalDecided;
import dev.steward.cdi.ApprovalRequested;
import dev.steward.cdi.AuditRecorded;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.ObservesAsync;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** Observes Steward's CDI events, as an application would. */
@ApplicationScoped
public class AuditEvents {

    private final List<AuditRecord> sync = new CopyOnWriteArrayList<>();
    private final List<AuditRecord> async = new CopyOnWriteArrayList<>();
    private final List<ApprovalRequested> requested = new CopyOnWriteArrayList<>();
    private final List<ApprovalDecided> decided = new CopyOnWriteArrayList<>();

    void onAudit(@Observes AuditRecorded event) {
        sync.add(event.record());
    }

    void onAuditAsync(@ObservesAsync AuditRecorded event) {
        async.add(event.record());
    }

    void onRequested(@Observes ApprovalRequested event) {
        requested.add(event);
    }

    void onDecided(@Observes ApprovalDecided event) {
        decided.add(event);
    }

    /**
     * Records observed synchronously.
     *
     * @return the records, in order
     */
    public List<AuditRecord> sync() {
        return List.copyOf(sync);
    }

    /**
     * Records observed asynchronously.
     *
     * @return the records
     */
    public List<AuditRecord> async() {
        return List.copyOf(async);
    }

    /**
     * Approval requests observed.
     *
     * @return the events
     */
    public List<ApprovalRequested> requested() {
        return List.copyOf(requested);
    }

    /**
     * Approval decisions observed.
     *
     * @return the events
     */
    public List<ApprovalDecided> decided() {
        return List.copyOf(decided);
    }
}
