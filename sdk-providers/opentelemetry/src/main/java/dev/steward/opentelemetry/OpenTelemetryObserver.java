package dev.steward.opentelemetry;

import dev.steward.api.ApprovalRequest;
import dev.steward.api.AuditRecord;
import dev.steward.api.InferenceResponse;
import dev.steward.core.Steward;
import dev.steward.core.route.CircuitBreaker;
import dev.steward.core.spi.AttemptContext;
import dev.steward.core.spi.BudgetStatus;
import dev.steward.core.spi.CallContext;
import dev.steward.core.spi.StewardObserver;
import dev.steward.opentelemetry.internal.CallTelemetry;
import dev.steward.opentelemetry.internal.Instruments;
import dev.steward.opentelemetry.internal.OpenTelemetryLookup;
import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.metrics.ObservableLongGauge;
import java.util.IdentityHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/**
 * Traces and measures governed calls with OpenTelemetry, after the GenAI semantic conventions (names in
 * {@link TelemetryConventions}): a span per call, a child of the span current when the call began, with a child span per
 * provider try; the metrics {@code gen_ai.client.token.usage}, {@code gen_ai.client.operation.duration},
 * {@code steward.calls}, {@code steward.cost}, {@code steward.approvals.pending}, {@code steward.budget.remaining} and
 * {@code steward.circuit.state} (the latter for every Steward instance it is registered on, until that instance
 * closes); and the call span's trace and span ids as the tags {@code trace_id} and {@code span_id} of the call's audit
 * record. Prompt text, answers and principals are never recorded.
 *
 * <p>Register it one way:
 *
 * <ul>
 *   <li>nothing to do: on the class path, Steward finds it with {@link java.util.ServiceLoader} (no-argument
 *       constructor). It then uses, from the first call on, the application's CDI bean of type {@link OpenTelemetry}
 *       when a CDI container runs and has one (Open Liberty's {@code mpTelemetry} feature provides it), otherwise
 *       {@link io.opentelemetry.api.GlobalOpenTelemetry};
 *   <li>or {@code Steward.builder().observer(new OpenTelemetryObserver(openTelemetry))}, or a CDI producer of a
 *       {@code StewardObserver} bean returning one.
 * </ul>
 *
 * When several instances see the same call, the first one traces it and the others step aside, so a found one and a
 * registered one do not produce two spans; their approval counts would both count, though, and both would report the
 * circuit states. An OpenTelemetry whose tracer and meter provider are both no-ops ({@link OpenTelemetry#noop()}, or an
 * unset global) turns the observer off: no spans, tags or metrics, and next to no cost. With metrics and no tracing, it
 * records the metrics and tags no trace ids.
 *
 * <p>Thread-safe. The span of a call is current on the calling thread from the call's start to its end, so work the
 * provider does (an instrumented HTTP client) nests under the try's span.
 */
public final class OpenTelemetryObserver implements StewardObserver {

    private final OpenTelemetry given;
    // resolved at the first event: under CDI the container's OpenTelemetry bean exists only once the application runs
    private volatile Instruments instruments;
    // the Steward instances this observer is registered on, each with its circuit-state gauge; the gauge is null until
    // the OpenTelemetry is resolved (or when it is a no-op). Guarded by this.
    private final Map<Steward, ObservableLongGauge> instances = new IdentityHashMap<>();

    /**
     * An observer that finds its {@link OpenTelemetry} at the first call: the CDI bean when a CDI container runs and
     * has one, otherwise {@link io.opentelemetry.api.GlobalOpenTelemetry}. The constructor {@link java.util.ServiceLoader}
     * uses.
     */
    public OpenTelemetryObserver() {
        this.given = null;
    }

    /**
     * An observer that reports to the given OpenTelemetry.
     *
     * @param openTelemetry where spans and metrics go
     * @throws NullPointerException if {@code openTelemetry} is {@code null}
     */
    public OpenTelemetryObserver(OpenTelemetry openTelemetry) {
        this.given = Objects.requireNonNull(openTelemetry, "openTelemetry");
        this.instruments = new Instruments(openTelemetry);
    }

    private Instruments instruments() {
        Instruments i = instruments;
        if (i == null) {
            synchronized (this) {
                i = instruments;
                if (i == null) {
                    i = new Instruments(given != null ? given : OpenTelemetryLookup.find());
                    instruments = i;
                    Instruments resolved = i;
                    instances.replaceAll((steward, gauge) -> circuitStates(resolved, steward));
                }
            }
        }
        return i;
    }

    @Override
    public void onCallStart(CallContext call) {
        if (call.attribute(CallTelemetry.KEY) != null) {
            return; // another instance traces this call
        }
        Instruments i = instruments();
        if (i.enabled()) {
            call.attribute(CallTelemetry.KEY, CallTelemetry.start(this, i, call));
        }
    }

    @Override
    public void onCallStop(CallContext call, AuditRecord record) {
        CallTelemetry t = mine(call);
        if (t != null) {
            t.end(record, null);
        }
    }

    @Override
    public void onCallError(CallContext call, Throwable error, AuditRecord record) {
        CallTelemetry t = mine(call);
        if (t != null) {
            t.end(record, error);
        }
    }

    @Override
    public void onAttemptStart(AttemptContext attempt) {
        CallTelemetry t = mine(attempt.call());
        if (t != null) {
            t.attemptStarted(attempt);
        }
    }

    @Override
    public void onAttemptStop(AttemptContext attempt, InferenceResponse response) {
        CallTelemetry t = mine(attempt.call());
        if (t != null) {
            t.attemptAnswered(response);
        }
    }

    @Override
    public void onAttemptError(AttemptContext attempt, Throwable error) {
        CallTelemetry t = mine(attempt.call());
        if (t != null) {
            t.attemptFailed(error);
        }
    }

    @Override
    public void onApprovalRequested(ApprovalRequest request) {
        Instruments i = instruments();
        if (i.enabled()) {
            i.approvalsPending(request.capability(), 1);
        }
    }

    @Override
    public void onApprovalDecided(ApprovalRequest request) {
        Instruments i = instruments();
        if (i.enabled()) {
            i.approvalsPending(request.capability(), -1);
        }
    }

    /**
     * Records what a ceiling has left for {@value TelemetryConventions#METRIC_BUDGET_REMAINING}, when this observer
     * traces the call. The budget ledger is read when the metric is collected, not on the call's path.
     *
     * @param call the call
     * @param budget the ceiling and what it has left
     */
    @Override
    public void onBudget(CallContext call, BudgetStatus budget) {
        if (mine(call) != null) {
            instruments().budget(budget);
        }
    }

    /**
     * Starts reporting the instance's circuit breakers as the gauge {@value TelemetryConventions#METRIC_CIRCUIT_STATE}:
     * at once for an observer given its OpenTelemetry, otherwise from the first event on, once the OpenTelemetry has
     * been found (under CDI its bean can be asked for only once the application runs).
     *
     * @param steward the instance this observer is registered on
     */
    @Override
    public synchronized void onStart(Steward steward) {
        if (!instances.containsKey(steward)) {
            Instruments i = instruments;
            instances.put(steward, i == null ? null : circuitStates(i, steward));
        }
    }

    /**
     * Stops reporting the instance's circuit breakers.
     *
     * @param steward the closing instance
     */
    @Override
    public void onClose(Steward steward) {
        ObservableLongGauge gauge;
        synchronized (this) {
            gauge = instances.remove(steward);
        }
        if (gauge != null) {
            gauge.close();
        }
    }

    // Per provider and state, 1 for the breaker's current state and 0 for the others; the breakers are read at each
    // collection.
    private static ObservableLongGauge circuitStates(Instruments i, Steward steward) {
        if (!i.enabled()) {
            return null;
        }
        return i.meter()
                .gaugeBuilder(TelemetryConventions.METRIC_CIRCUIT_STATE)
                .ofLongs()
                .setDescription("Whether each provider's circuit breaker is in the given state (1) or not (0)")
                .setUnit("1")
                .buildWithCallback(m -> {
                    for (Map.Entry<String, CircuitBreaker> e :
                            steward.circuitBreakers().entrySet()) {
                        CircuitBreaker.State current = e.getValue().state();
                        for (CircuitBreaker.State s : CircuitBreaker.State.values()) {
                            m.record(
                                    s == current ? 1 : 0,
                                    Attributes.of(
                                            TelemetryConventions.GEN_AI_PROVIDER_NAME,
                                            e.getKey(),
                                            TelemetryConventions.CIRCUIT_STATE,
                                            s.name().toLowerCase(Locale.ROOT)));
                        }
                    }
                });
    }

    private CallTelemetry mine(CallContext call) {
        Object t = call.attribute(CallTelemetry.KEY);
        return t instanceof CallTelemetry c && c.owner() == this ? c : null;
    }
}
