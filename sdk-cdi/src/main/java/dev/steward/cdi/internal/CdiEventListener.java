package dev.steward.cdi.internal;

import dev.steward.api.ApprovalRequest;
import dev.steward.api.AuditRecord;
import dev.steward.cdi.ApprovalDecided;
import dev.steward.cdi.ApprovalRequested;
import dev.steward.cdi.AuditRecorded;
import dev.steward.core.spi.StewardObserver;
import jakarta.enterprise.event.Event;
import jakarta.enterprise.inject.spi.BeanManager;
import java.lang.System.Logger.Level;

/**
 * Publishes Steward's hooks as CDI events, each both synchronously and asynchronously, so that an application
 * observes them with {@code @Observes} (same thread, same transaction) or {@code @ObservesAsync} (off the call's
 * path). Thread-safe.
 */
final class CdiEventListener implements StewardObserver {

    private static final System.Logger LOG = System.getLogger(CdiEventListener.class.getName());

    private final Event<AuditRecorded> audit;
    private final Event<ApprovalRequested> requested;
    private final Event<ApprovalDecided> decided;

    CdiEventListener(BeanManager beanManager) {
        Event<Object> events = beanManager.getEvent();
        this.audit = events.select(AuditRecorded.class);
        this.requested = events.select(ApprovalRequested.class);
        this.decided = events.select(ApprovalDecided.class);
    }

    @Override
    public void onAudit(AuditRecord record) {
        publish(audit, new AuditRecorded(record));
    }

    @Override
    public void onApprovalRequested(ApprovalRequest request) {
        publish(requested, new ApprovalRequested(request));
    }

    @Override
    public void onApprovalDecided(ApprovalRequest request) {
        publish(decided, new ApprovalDecided(request));
    }

    private static <T> void publish(Event<T> event, T payload) {
        try {
            event.fire(payload);
        } catch (RuntimeException e) {
            // an observer is a hook: its failure must not turn a governed call that already happened into an error
            LOG.log(Level.WARNING, "An observer of " + payload.getClass().getSimpleName() + " failed", e);
        }
        event.fireAsync(payload).exceptionally(e -> {
            LOG.log(Level.WARNING, "An async observer of " + payload.getClass().getSimpleName() + " failed", e);
            return null;
        });
    }
}
