package dev.steward.opentelemetry.internal;

import static dev.steward.opentelemetry.TelemetryConventions.CAPABILITY;
import static dev.steward.opentelemetry.TelemetryConventions.INSTRUMENTATION_SCOPE;

import dev.steward.core.spi.BudgetStatus;
import dev.steward.opentelemetry.TelemetryConventions;
import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.metrics.DoubleCounter;
import io.opentelemetry.api.metrics.DoubleHistogram;
import io.opentelemetry.api.metrics.LongCounter;
import io.opentelemetry.api.metrics.LongHistogram;
import io.opentelemetry.api.metrics.LongUpDownCounter;
import io.opentelemetry.api.metrics.Meter;
import io.opentelemetry.api.metrics.MeterProvider;
import io.opentelemetry.api.trace.Tracer;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** The tracer and the instruments of one OpenTelemetry instance, created once. Thread-safe. */
public final class Instruments {

    private static final System.Logger LOG = System.getLogger(Instruments.class.getName());

    // the bucket boundaries the GenAI conventions advise for these two histograms
    private static final List<Long> TOKEN_BUCKETS = List.of(
            1L, 4L, 16L, 64L, 256L, 1024L, 4096L, 16384L, 65536L, 262144L, 1048576L, 4194304L, 16777216L, 67108864L);
    private static final List<Double> DURATION_BUCKETS =
            List.of(0.01, 0.02, 0.04, 0.08, 0.16, 0.32, 0.64, 1.28, 2.56, 5.12, 10.24, 20.48, 40.96, 81.92);

    private final Tracer tracer;
    private final Meter meter;
    final LongHistogram tokenUsage;
    final DoubleHistogram operationDuration;
    final LongCounter calls;
    final DoubleCounter cost;
    private final LongUpDownCounter approvalsPending;
    // the latest budget status per attribute set, read at collection: the map is bounded by configuration
    // (capabilities x scopes x periods x units), and the ledger is read off the call path
    private final Map<Attributes, BudgetStatus> budgets = new ConcurrentHashMap<>();
    private final boolean enabled;

    /**
     * Creates the tracer and the instruments.
     *
     * @param openTelemetry where they report
     */
    public Instruments(OpenTelemetry openTelemetry) {
        tracer = openTelemetry.getTracer(INSTRUMENTATION_SCOPE);
        // A no-op tracer (OpenTelemetry.noop(), or GlobalOpenTelemetry when nothing set it) starts spans without ids;
        // then the observer does nothing at all, so the jar on a class path without an SDK costs next to nothing.
        // The probe span is never ended, so a real SDK never exports it.
        // An SDK with metrics and no tracing gets the metrics; its spans are no-ops and the audit carries no ids.
        boolean tracing = tracer.spanBuilder("steward.probe")
                .setNoParent()
                .startSpan()
                .getSpanContext()
                .isValid();
        enabled = tracing || openTelemetry.getMeterProvider() != MeterProvider.noop();
        meter = openTelemetry.getMeter(INSTRUMENTATION_SCOPE);
        tokenUsage = meter.histogramBuilder(TelemetryConventions.METRIC_TOKEN_USAGE)
                .ofLongs()
                .setDescription("Number of input and output tokens used")
                .setUnit("{token}")
                .setExplicitBucketBoundariesAdvice(TOKEN_BUCKETS)
                .build();
        operationDuration = meter.histogramBuilder(TelemetryConventions.METRIC_OPERATION_DURATION)
                .setDescription("GenAI operation duration")
                .setUnit("s")
                .setExplicitBucketBoundariesAdvice(DURATION_BUCKETS)
                .build();
        calls = meter.counterBuilder(TelemetryConventions.METRIC_CALLS)
                .setDescription("Governed calls by capability and outcome")
                .setUnit("{call}")
                .build();
        cost = meter.counterBuilder(TelemetryConventions.METRIC_COST)
                .ofDoubles()
                .setDescription("Money governed calls cost, in the budget currency")
                .setUnit("{currency_unit}")
                .build();
        approvalsPending = meter.upDownCounterBuilder(TelemetryConventions.METRIC_APPROVALS_PENDING)
                .setDescription("Answers held for approval and not yet decided")
                .setUnit("{request}")
                .build();
        meter.gaugeBuilder(TelemetryConventions.METRIC_BUDGET_REMAINING)
                .setDescription("What a ceiling has left after the latest call it settled or refused, in tokens or in"
                        + " units of the currency named by steward.budget.unit")
                .setUnit("{budget_unit}")
                .buildWithCallback(m -> budgets.forEach((attributes, status) -> {
                    try {
                        long left = status.remaining();
                        m.record(status.isTokens() ? left : left / 1_000_000.0, attributes);
                    } catch (RuntimeException e) {
                        // a ledger that cannot be read leaves this point out of this collection; the calls go on
                        LOG.log(System.Logger.Level.DEBUG, "budget ledger not readable for " + attributes + ": " + e);
                    }
                }));
    }

    /**
     * Whether this OpenTelemetry records anything: {@code false} when its tracer is a no-op.
     *
     * @return whether to report
     */
    public boolean enabled() {
        return enabled;
    }

    Tracer tracer() {
        return tracer;
    }

    /**
     * The meter, for instruments registered later (circuit breaker states).
     *
     * @return the meter
     */
    public Meter meter() {
        return meter;
    }

    /**
     * Counts an approval request held (+1) or decided (-1).
     *
     * @param capability the capability
     * @param delta +1 or -1
     */
    public void approvalsPending(String capability, long delta) {
        approvalsPending.add(delta, Attributes.of(CAPABILITY, capability));
    }

    /**
     * Keeps a ceiling's latest status for {@value TelemetryConventions#METRIC_BUDGET_REMAINING}; what it has left is
     * read at the next collection.
     *
     * @param status the ceiling's status
     */
    public void budget(BudgetStatus status) {
        budgets.put(
                Attributes.of(
                        CAPABILITY,
                        status.capability(),
                        TelemetryConventions.BUDGET_SCOPE,
                        status.scope().name().toLowerCase(Locale.ROOT),
                        TelemetryConventions.BUDGET_PERIOD,
                        status.period().name().toLowerCase(Locale.ROOT),
                        TelemetryConventions.BUDGET_UNIT,
                        status.isTokens() ? TelemetryConventions.BUDGET_UNIT_TOKENS : status.currency()),
                status);
    }
}
