package dev.steward.spring.internal;

import dev.steward.api.ApprovalRequest;
import dev.steward.api.AuditRecord;
import dev.steward.core.spi.StewardObserver;
import dev.steward.spring.ApprovalDecided;
import dev.steward.spring.ApprovalRequested;
import dev.steward.spring.AuditRecorded;
import java.lang.System.Logger.Level;
import org.springframework.context.ApplicationEventPublisher;

/**
 * Publishes Steward's hooks as Spring application events ({@link AuditRecorded}, {@link ApprovalRequested},
 * {@link ApprovalDecided}), so that an application listens with {@code @EventListener}. Thread-safe as the publisher
 * is.
 */
final class ApplicationEventObserver implements StewardObserver {

    private static final System.Logger LOG = System.getLogger(ApplicationEventObserver.class.getName());

    private final ApplicationEventPublisher publisher;

    ApplicationEventObserver(ApplicationEventPublisher publisher) {
        this.publisher = publisher;
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

    private void publish(Object event) {
        try {
            publisher.publishEvent(event);
        } catch (RuntimeException e) {
            // a listener is a hook: its failure must not turn a governed call that already happened into an error
            LOG.log(Level.WARNING, "A listener of " + event.getClass().getSimpleName() + " failed", e);
        }
    }
}
