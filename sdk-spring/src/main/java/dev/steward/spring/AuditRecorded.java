package dev.steward.spring;

import dev.steward.api.AuditRecord;
import java.util.Objects;

/**
 * The Spring application event published for every audit record Steward stores. Published synchronously on the thread that caused it, after the
 * fact was stored: an {@code @EventListener} runs on that thread (add {@code @Async} to run it elsewhere), and a
 * {@code @TransactionalEventListener} runs when the caller's transaction ends. A listener's exception is logged and
 * never fails the governed call. Immutable.
 *
 * @param record  every governed call (allowed, denied, failed or held for approval) and every approval decision:the stored record
 */
public record AuditRecorded(AuditRecord record) {

    /**
     * Creates the event.
     *
     * @param record  every governed call (allowed, denied, failed or held for approval) and every approval decision:the stored record
     * @throws NullPointerException if {@code record} is {@code null}
     */
    public AuditRecorded {
        Objects.requireNonNull(record, "record");
    }
}
