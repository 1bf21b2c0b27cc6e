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

    // one Event<Object>: observers are resolved from the payload's runtime type. No generic publish method: the javax
    // form of this jar is made by bytecode transformation, which keeps the original Jakarta signature string of a
    // method declaring type variables (see sdk-cdi-javax)
    private final Event<Object> events;

    CdiEventListener(BeanManager beanManager) {
        this.events = beanManager.getEvent();
    }

    @Override
    public void onAudit(AuditRecord record) {
        publish(new AuditRecorded(record));
    }

    @Override
    public void onApprovalRequested(ApprovalRequest request) {
        publish(new ApprovalRequested(request));
    }

    @Override
    public void onApprovalDecided(ApprovalRequest request) {
        publish(new ApprovalDecided(request));
    }

    private void publish(Object payload) {
        try {
            events.fire(payload);
        } catch (RuntimeException e) {
            // an observer is a hook: its failure must not turn a governed call that already happened into an error
            LOG.log(Level.WARNING, "An observer of " + payload.getClass().getSimpleName() + " failed", e);
        }
        events.fireAsync(payload).exceptionally(e -> {
            LOG.log(Level.WARNING, "An async observer of " + payload.getClass().getSimpleName() + " failed", e);
            return null;
        });
    }
}
