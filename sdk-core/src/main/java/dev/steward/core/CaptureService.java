package dev.steward.core;

import dev.steward.api.AuditFailedException;
import dev.steward.api.AuditRecord;
import dev.steward.api.CallerContext;
import dev.steward.api.CaptureRecord;
import dev.steward.api.Money;
import dev.steward.api.Outcome;
import dev.steward.api.TokenUsage;
import dev.steward.api.spi.AuditSink;
import dev.steward.core.capture.CaptureRecorder;
import dev.steward.core.spi.StewardObserver;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/**
 * Reads of captured prompts and answers, for auditors; every read is itself audited, so that who looked at which
 * call's text is on the record. Deciding who may read is the integration's (in Jakarta EE the roles of
 * {@code steward.cdi.rest.capture-roles}). Thread-safe.
 */
public final class CaptureService {

    /** The tag of a {@link Outcome#CAPTURE_READ} record that names the record whose capture was asked for. */
    public static final String READ_TAG = "steward.capture.audit-record-id";

    /** The capability of a read record when no capture of the asked id is stored. */
    public static final String UNKNOWN_CAPABILITY = "(unknown)";

    private final CaptureRecorder recorder;
    private final AuditSink audit;
    private final StewardObserver observer;
    private final Clock clock;
    private final String currency;

    CaptureService(CaptureRecorder recorder, AuditSink audit, StewardObserver observer, Clock clock, String currency) {
        this.recorder = recorder;
        this.audit = audit;
        this.observer = observer;
        this.clock = clock;
        this.currency = currency;
    }

    /**
     * Whether any capability captures, so that there is anything to read.
     *
     * @return {@code true} when a capability's {@code capture} key asks for it
     */
    public boolean enabled() {
        return recorder != null;
    }

    /**
     * Reads the capture of one call and audits the read: a {@link Outcome#CAPTURE_READ} record whose principal is
     * the reader and whose tag {@link #READ_TAG} is the id asked for, written before the capture is returned.
     *
     * @param auditRecordId the id of the call's audit record
     * @param reader who reads
     * @return the capture, or empty if none is stored (never captured, purged, or capture not enabled)
     * @throws AuditFailedException if the read could not be audited; the capture is then not returned
     * @throws IllegalStateException if the capture store cannot be read
     */
    public Optional<CaptureRecord> read(String auditRecordId, CallerContext reader) {
        Objects.requireNonNull(auditRecordId, "auditRecordId");
        Objects.requireNonNull(reader, "reader");
        Optional<CaptureRecord> found = recorder == null ? Optional.empty() : recorder.find(auditRecordId);
        String capability = found.map(CaptureRecord::capability).orElse(UNKNOWN_CAPABILITY);
        AuditRecord record = new AuditRecord(
                UUID.randomUUID().toString(),
                clock.instant(),
                capability,
                "capture",
                null,
                null,
                null,
                reader.principal(),
                reader.tenant(),
                reader.correlationId(),
                null,
                null,
                null,
                TokenUsage.NONE,
                Money.zero(currency),
                Duration.ZERO,
                Outcome.CAPTURE_READ,
                found.isPresent()
                        ? "read the " + found.get().mode().configValue() + " capture of audit record " + auditRecordId
                        : "asked for the capture of audit record " + auditRecordId + "; none is stored",
                List.of(),
                null,
                null,
                null,
                Set.of(),
                Map.of(READ_TAG, auditRecordId));
        try {
            audit.write(record);
        } catch (RuntimeException e) {
            throw new AuditFailedException(
                    capability,
                    "the read of the capture of audit record " + auditRecordId + " could not be audited, so the"
                            + " capture is withheld: " + e,
                    e);
        }
        observer.onAudit(record);
        return found;
    }
}
