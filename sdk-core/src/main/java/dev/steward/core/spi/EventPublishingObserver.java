package dev.steward.core.spi;

import dev.steward.api.ApprovalRequest;
import dev.steward.api.AuditRecord;
import java.util.Objects;
import java.util.function.Function;

/**
 * An observer that turns Steward's audit and approval hooks into an integration's own event objects and hands them
 * to its event bus (CDI events, Spring application events): the integration names its three event types and how to
 * publish, and a publisher that throws is logged, never failing the governed call that already happened. Thread-safe
 * when {@link #publish} is.
 */
public abstract class EventPublishingObserver implements StewardObserver {

    private static final System.Logger LOG = System.getLogger(EventPublishingObserver.class.getName());

    private final Function<AuditRecord, Object> audited;
    private final Function<ApprovalRequest, Object> requested;
    private final Function<ApprovalRequest, Object> decided;

    /**
     * An observer publishing these events.
     *
     * @param audited the event of a stored audit record
     * @param requested the event of an answer held for approval
     * @param decided the event of a decision on a held answer
     */
    protected EventPublishingObserver(
            Function<AuditRecord, Object> audited,
            Function<ApprovalRequest, Object> requested,
            Function<ApprovalRequest, Object> decided) {
        this.audited = Objects.requireNonNull(audited, "audited");
        this.requested = Objects.requireNonNull(requested, "requested");
        this.decided = Objects.requireNonNull(decided, "decided");
    }

    /**
     * Hands one event to the integration's listeners.
     *
     * @param event the event
     * @throws RuntimeException if a listener failed; it is logged here
     */
    protected abstract void publish(Object event);

    @Override
    public final void onAudit(AuditRecord record) {
        deliver(audited.apply(record));
    }

    @Override
    public final void onApprovalRequested(ApprovalRequest request) {
        deliver(requested.apply(request));
    }

    @Override
    public final void onApprovalDecided(ApprovalRequest request) {
        deliver(decided.apply(request));
    }

    private void deliver(Object event) {
        try {
            publish(event);
        } catch (RuntimeException e) {
            // a listener is a hook: its failure must not turn a governed call that already happened into an error
            LOG.log(
                    System.Logger.Level.WARNING,
                    "A listener of " + event.getClass().getSimpleName() + " failed",
                    e);
        }
    }
}
