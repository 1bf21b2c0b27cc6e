package dev.steward.spring.internal;

import dev.steward.core.spi.EventPublishingObserver;
import dev.steward.spring.ApprovalDecided;
import dev.steward.spring.ApprovalRequested;
import dev.steward.spring.AuditRecorded;
import org.springframework.context.ApplicationEventPublisher;

/**
 * Publishes Steward's hooks as Spring application events ({@link AuditRecorded}, {@link ApprovalRequested},
 * {@link ApprovalDecided}), so that an application listens with {@code @EventListener}. Thread-safe as the publisher
 * is.
 */
final class ApplicationEventObserver extends EventPublishingObserver {

    private final ApplicationEventPublisher publisher;

    ApplicationEventObserver(ApplicationEventPublisher publisher) {
        super(AuditRecorded::new, ApprovalRequested::new, ApprovalDecided::new);
        this.publisher = publisher;
    }

    @Override
    protected void publish(Object event) {
        publisher.publishEvent(event);
    }
}
