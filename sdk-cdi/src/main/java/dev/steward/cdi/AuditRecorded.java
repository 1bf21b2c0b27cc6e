package dev.steward.cdi;

import dev.steward.api.AuditRecord;
import java.util.Objects;

/**
 * The CDI event fired for every audit record Steward stores: every governed call (allowed, denied, failed or held for
 * approval) and every approval decision. Fired synchronously ({@code @Observes}) on the calling thread after the record
 * was stored, and asynchronously ({@code @ObservesAsync}). An observer's exception is logged and never fails the
 * governed call. Immutable.
 *
 * @param record the stored record
 */
public record AuditRecorded(AuditRecord record) {

    /**
     * Creates the event.
     *
     * @param record the stored record
     * @throws NullPointerException if {@code record} is {@code null}
     */
    public AuditRecorded {
        Objects.requireNonNull(record, "record");
    }
}
