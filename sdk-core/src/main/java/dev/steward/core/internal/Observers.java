package dev.steward.core.internal;

import dev.steward.api.ApprovalRequest;
import dev.steward.api.AuditRecord;
import dev.steward.api.InferenceResponse;
import dev.steward.core.Steward;
import dev.steward.core.spi.AttemptContext;
import dev.steward.core.spi.BudgetStatus;
import dev.steward.core.spi.CallContext;
import dev.steward.core.spi.StewardObserver;
import java.util.List;
import java.util.function.Consumer;

/**
 * Fans each event out to every observer in order, each isolated: an observer that throws is logged and neither stops
 * the others nor changes the call.
 */
public final class Observers implements StewardObserver {

    private static final System.Logger LOG = System.getLogger("dev.steward.core.observer");

    private final StewardObserver[] observers;

    private Observers(List<StewardObserver> observers) {
        this.observers = observers.toArray(new StewardObserver[0]);
    }

    /**
     * Combines observers.
     *
     * @param observers the observers, in the order they are told
     * @return {@link StewardObserver#NONE} for none, else an isolating fan-out
     */
    public static StewardObserver of(List<StewardObserver> observers) {
        return observers.isEmpty() ? StewardObserver.NONE : new Observers(List.copyOf(observers));
    }

    private void each(Consumer<StewardObserver> event) {
        for (StewardObserver o : observers) {
            try {
                event.accept(o);
            } catch (RuntimeException e) {
                LOG.log(
                        System.Logger.Level.WARNING,
                        "observer " + o.getClass().getName() + " failed; the call and the other observers go on",
                        e);
            }
        }
    }

    @Override
    public void onCallStart(CallContext call) {
        each(o -> o.onCallStart(call));
    }

    @Override
    public void onCallStop(CallContext call, AuditRecord record) {
        each(o -> o.onCallStop(call, record));
    }

    @Override
    public void onCallError(CallContext call, Throwable error, AuditRecord record) {
        each(o -> o.onCallError(call, error, record));
    }

    @Override
    public void onAttemptStart(AttemptContext attempt) {
        each(o -> o.onAttemptStart(attempt));
    }

    @Override
    public void onAttemptStop(AttemptContext attempt, InferenceResponse response) {
        each(o -> o.onAttemptStop(attempt, response));
    }

    @Override
    public void onAttemptError(AttemptContext attempt, Throwable error) {
        each(o -> o.onAttemptError(attempt, error));
    }

    @Override
    public void onAudit(AuditRecord record) {
        each(o -> o.onAudit(record));
    }

    @Override
    public void onApprovalRequested(ApprovalRequest request) {
        each(o -> o.onApprovalRequested(request));
    }

    @Override
    public void onApprovalDecided(ApprovalRequest request) {
        each(o -> o.onApprovalDecided(request));
    }

    @Override
    public void onBudget(CallContext call, BudgetStatus budget) {
        each(o -> o.onBudget(call, budget));
    }

    @Override
    public void onStart(Steward steward) {
        each(o -> o.onStart(steward));
    }

    @Override
    public void onClose(Steward steward) {
        each(o -> o.onClose(steward));
    }
}
