package dev.steward.core.internal;

import dev.steward.api.ApprovalPendingException;
import dev.steward.api.AuditFailedException;
import dev.steward.api.AuditRecord;
import dev.steward.api.BudgetExceededException;
import dev.steward.api.CapabilityDeniedException;
import dev.steward.api.CapabilityDisabledException;
import dev.steward.api.Money;
import dev.steward.api.Outcome;
import dev.steward.api.PromptTemplate;
import dev.steward.api.RateLimitedException;
import dev.steward.api.spi.AuditSink;
import dev.steward.core.spi.StewardObserver;
import java.time.Clock;
import java.time.Duration;
import java.util.UUID;
import java.util.function.LongSupplier;

/**
 * The outermost stage: whatever happens inside, it writes exactly one audit record for the call. If the sink refuses
 * the record, the call fails closed with {@link AuditFailedException} and its answer is withheld. Observers hear of
 * the call's start before anything else runs and of its end after the record is written.
 */
final class AuditStage implements Stage {

    private final String capability;
    private final String source;
    private final String promptId;
    private final String currency;
    private final AuditSink sink;
    private final StewardObserver observer;
    private final Clock clock;
    private final LongSupplier nanoTicker;
    private final Stage next;

    AuditStage(
            String capability,
            String source,
            String promptId,
            String currency,
            AuditSink sink,
            StewardObserver observer,
            Clock clock,
            LongSupplier nanoTicker,
            Stage next) {
        this.capability = capability;
        this.source = source;
        this.promptId = promptId;
        this.currency = currency;
        this.sink = sink;
        this.observer = observer;
        this.clock = clock;
        this.nanoTicker = nanoTicker;
        this.next = next;
    }

    @Override
    public String invoke(Invocation call) throws InterruptedException {
        java.time.Instant started = clock.instant();
        observer.onCallStart(call);
        String answer;
        try {
            answer = next.invoke(call);
        } catch (RuntimeException | InterruptedException e) {
            AuditRecord record =
                    audit(call, started, outcomeOf(e), call.reason != null ? call.reason : e.getMessage(), e);
            observer.onCallError(call, e, record);
            throw e;
        } catch (Error e) {
            AuditRecord record = audit(call, started, Outcome.FAILED, e.toString(), e);
            observer.onCallError(call, e, record);
            throw e;
        }
        AuditRecord record =
                audit(call, started, call.degraded ? Outcome.DEGRADED : Outcome.SUCCEEDED, call.reason, null);
        observer.onCallStop(call, record);
        return answer;
    }

    private AuditRecord audit(
            Invocation call, java.time.Instant started, Outcome outcome, String reason, Throwable failure) {
        PromptTemplate prompt = call.template == null ? null : call.template.prompt();
        AuditRecord record = new AuditRecord(
                recordId(),
                started,
                capability,
                source,
                promptId,
                prompt == null ? null : prompt.version(),
                prompt == null ? null : prompt.contentHash(),
                call.caller.principal(),
                call.caller.tenant(),
                call.caller.correlationId(),
                call.route,
                call.provider,
                call.model,
                call.usage,
                new Money(call.costMicros, currency),
                Duration.ofNanos(nanoTicker.getAsLong() - call.startNanos),
                outcome,
                reason,
                call.attempts,
                call.approvalId,
                null,
                call.descriptor.risk(),
                call.descriptor.dataClasses(),
                call.tags());
        try {
            sink.write(record);
        } catch (RuntimeException e) {
            AuditFailedException ex = new AuditFailedException(
                    capability,
                    "audit record " + record.id() + " of '" + capability + "' could not be stored: " + e,
                    e);
            if (failure != null) {
                ex.addSuppressed(failure);
            }
            observer.onCallError(call, ex, record);
            throw ex;
        }
        observer.onAudit(record);
        return record;
    }

    // Audit ids need uniqueness, not unpredictability; UUID.randomUUID() would serialize every call on one
    // SecureRandom.
    private static String recordId() {
        java.util.concurrent.ThreadLocalRandom r = java.util.concurrent.ThreadLocalRandom.current();
        long hi = (r.nextLong() & ~0xF000L) | 0x4000L;
        long lo = (r.nextLong() & 0x3FFFFFFFFFFFFFFFL) | 0x8000000000000000L;
        return new UUID(hi, lo).toString();
    }

    static Outcome outcomeOf(Throwable e) {
        if (e instanceof CapabilityDisabledException) {
            return Outcome.KILLED;
        }
        if (e instanceof CapabilityDeniedException) {
            return Outcome.DENIED;
        }
        if (e instanceof RateLimitedException) {
            return Outcome.RATE_LIMITED;
        }
        if (e instanceof BudgetExceededException) {
            return Outcome.BUDGET_REJECTED;
        }
        if (e instanceof ApprovalPendingException) {
            return Outcome.PENDING_APPROVAL;
        }
        return Outcome.FAILED;
    }
}
