package dev.steward.cdi.internal;

import dev.steward.cdi.ApprovalDecided;
import dev.steward.cdi.ApprovalRequested;
import dev.steward.cdi.AuditRecorded;
import dev.steward.core.spi.EventPublishingObserver;
import jakarta.enterprise.event.Event;
import jakarta.enterprise.inject.spi.BeanManager;
import java.lang.System.Logger.Level;

/**
 * Publishes Steward's hooks as CDI events, each both synchronously and asynchronously, so that an application
 * observes them with {@code @Observes} (same thread, same transaction) or {@code @ObservesAsync} (off the call's
 * path). Thread-safe.
 */
final class CdiEventListener extends EventPublishingObserver {

    private static final System.Logger LOG = System.getLogger(CdiEventListener.class.getName());

    // one Event<Object>: observers are resolved from the payload's runtime type. No generic publish method: the javax
    // form of this jar is made by bytecode transformation, which keeps the original Jakarta signature string of a
    // method declaring type variables (see sdk-cdi-javax)
    private final Event<Object> events;

    CdiEventListener(BeanManager beanManager) {
        super(AuditRecorded::new, ApprovalRequested::new, ApprovalDecided::new);
        this.events = beanManager.getEvent();
    }

    @Override
    protected void publish(Object payload) {
        try {
            events.fire(payload);
        } finally {
            // asynchronous observers are told also when a synchronous one failed
            events.fireAsync(payload).exceptionally(e -> {
                LOG.log(
                        Level.WARNING,
                        "An async observer of " + payload.getClass().getSimpleName() + " failed",
                        e);
                return null;
            });
        }
    }
}
