package dev.steward.opentelemetry;

import dev.steward.api.ApprovalRequest;
import dev.steward.api.AuditRecord;
import dev.steward.api.InferenceResponse;
import dev.steward.core.Steward;
import dev.steward.core.route.CircuitBreaker;
import dev.steward.core.spi.AttemptContext;
import dev.steward.core.spi.CallContext;
import dev.steward.core.spi.StewardObserver;
import dev.steward.opentelemetry.internal.CallTelemetry;
import dev.steward.opentelemetry.internal.Instruments;
import dev.steward.opentelemetry.internal.OpenTelemetryLookup;
import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.api.common.Attributes;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/**
 * Traces and measures governed calls with OpenTelemetry, after the GenAI semantic conventions (names in
 * {@link TelemetryConventions}): a span per call, a child of the span current when the call began, with a child span per
 * provider try; the metrics {@code gen_ai.client.token.usage}, {@code gen_ai.client.operation.duration},
 * {@code steward.calls}, {@code steward.cost} and {@code steward.approvals.pending}; and the call span's trace and span
 * ids as the tags {@code trace_id} and {@code span_id} of the call's audit record. Prompt text, answers and principals
 * are never recorded.
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
 * registered one do not produce two spans; their approval counts would both count, though. An OpenTelemetry whose
 * tracer is a no-op ({@link OpenTelemetry#noop()}, or an unset global) turns the observer off: no spans, tags or
 * metrics, and next to no cost.
 *
 * <p>Thread-safe. The span of a call is current on the calling thread from the call's start to its end, so work the
 * provider does (an instrumented HTTP client) nests under the try's span.
 */
public final class OpenTelemetryObserver implements StewardObserver {

    private final OpenTelemetry given;
    // resolved at the first event: under CDI the container's OpenTelemetry bean exists only once the application runs
    private volatile Instruments instruments;

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
     * Reports the state of every provider's circuit breaker of a Steward instance as the gauge
     * {@value TelemetryConventions#METRIC_CIRCUIT_STATE}: per provider ({@code gen_ai.provider.name}) and state
     * ({@code steward.circuit.state} = {@code closed}, {@code half_open}, {@code open}), 1 for the current state and 0
     * for the others. The breakers are read at each collection.
     *
     * @param steward the instance whose breakers to report
     * @return a handle that stops the reporting when closed
     * @throws NullPointerException if {@code steward} is {@code null}
     */
    public AutoCloseable observeCircuitBreakers(Steward steward) {
        Objects.requireNonNull(steward, "steward");
        return instruments()
                .meter()
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
