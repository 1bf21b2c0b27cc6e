package dev.steward.opentelemetry.internal;

import static dev.steward.opentelemetry.TelemetryConventions.APPROVAL_ID;
import static dev.steward.opentelemetry.TelemetryConventions.ATTEMPT_NUMBER;
import static dev.steward.opentelemetry.TelemetryConventions.AUDIT_RECORD_ID;
import static dev.steward.opentelemetry.TelemetryConventions.CAPABILITY;
import static dev.steward.opentelemetry.TelemetryConventions.COST;
import static dev.steward.opentelemetry.TelemetryConventions.COST_CURRENCY;
import static dev.steward.opentelemetry.TelemetryConventions.DEGRADED;
import static dev.steward.opentelemetry.TelemetryConventions.ERROR_TYPE;
import static dev.steward.opentelemetry.TelemetryConventions.GEN_AI_OPERATION_NAME;
import static dev.steward.opentelemetry.TelemetryConventions.GEN_AI_PROVIDER_NAME;
import static dev.steward.opentelemetry.TelemetryConventions.GEN_AI_REQUEST_MODEL;
import static dev.steward.opentelemetry.TelemetryConventions.GEN_AI_RESPONSE_MODEL;
import static dev.steward.opentelemetry.TelemetryConventions.GEN_AI_TOKEN_TYPE;
import static dev.steward.opentelemetry.TelemetryConventions.GEN_AI_USAGE_INPUT_TOKENS;
import static dev.steward.opentelemetry.TelemetryConventions.GEN_AI_USAGE_OUTPUT_TOKENS;
import static dev.steward.opentelemetry.TelemetryConventions.OPERATION_CHAT;
import static dev.steward.opentelemetry.TelemetryConventions.OUTCOME;
import static dev.steward.opentelemetry.TelemetryConventions.PROMPT_HASH;
import static dev.steward.opentelemetry.TelemetryConventions.PROMPT_ID;
import static dev.steward.opentelemetry.TelemetryConventions.PROMPT_VERSION;
import static dev.steward.opentelemetry.TelemetryConventions.RISK_TIER;
import static dev.steward.opentelemetry.TelemetryConventions.ROUTE;
import static dev.steward.opentelemetry.TelemetryConventions.TENANT;

import dev.steward.api.ApprovalPendingException;
import dev.steward.api.AuditRecord;
import dev.steward.api.InferenceResponse;
import dev.steward.api.TokenUsage;
import dev.steward.core.spi.AttemptContext;
import dev.steward.core.spi.CallContext;
import dev.steward.opentelemetry.TelemetryConventions;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.common.AttributesBuilder;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanContext;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.Scope;
import java.util.concurrent.TimeoutException;

/**
 * The spans of one governed call: the call's, and that of the provider try in progress. Kept in the call's
 * {@link CallContext#attribute attributes}, so confined to the calling thread like the call itself.
 *
 * <p>Each span is made current while it is open. Scopes must close in reverse order on the thread that opened them;
 * should a try end without its stop or error event (a bug elsewhere), the call's end closes it first.
 */
public final class CallTelemetry {

    /** The call attribute under which the call's telemetry is kept. */
    public static final String KEY = CallTelemetry.class.getName();

    private final Object owner;
    private final Instruments instruments;
    private final CallContext call;
    private final Span span;
    private final Scope scope;
    private String requestedModel;
    private boolean ended;

    private Span attemptSpan;
    private Scope attemptScope;
    private String attemptProvider;
    private String attemptModel;
    private long attemptStartNanos;

    private CallTelemetry(Object owner, Instruments instruments, CallContext call, Span span) {
        this.owner = owner;
        this.instruments = instruments;
        this.call = call;
        this.span = span;
        this.scope = span.makeCurrent();
    }

    /**
     * Opens the call's span as a child of the current context's span, makes it current, and tags the call with its
     * trace and span ids when they are valid (a no-op OpenTelemetry has none).
     *
     * @param owner the observer that traces the call
     * @param instruments where to report
     * @param call the call
     * @return the call's telemetry
     */
    public static CallTelemetry start(Object owner, Instruments instruments, CallContext call) {
        String capability = call.capability().name();
        io.opentelemetry.api.trace.SpanBuilder builder = instruments
                .tracer()
                .spanBuilder(TelemetryConventions.CALL_SPAN_PREFIX + capability)
                .setSpanKind(SpanKind.INTERNAL)
                .setAttribute(GEN_AI_OPERATION_NAME, OPERATION_CHAT)
                .setAttribute(CAPABILITY, capability)
                .setAttribute(RISK_TIER, call.capability().risk().name())
                .setAttribute(ROUTE, call.route());
        String tenant = call.caller().tenant();
        if (tenant != null) {
            builder.setAttribute(TENANT, tenant);
        }
        Span span = builder.startSpan();
        SpanContext context = span.getSpanContext();
        if (context.isValid()) {
            call.tag(TelemetryConventions.TRACE_ID_TAG, context.getTraceId());
            call.tag(TelemetryConventions.SPAN_ID_TAG, context.getSpanId());
        }
        return new CallTelemetry(owner, instruments, call, span);
    }

    /**
     * The observer that traces this call.
     *
     * @return the owner
     */
    public Object owner() {
        return owner;
    }

    /**
     * Opens a try's span as a child of the call's and makes it current.
     *
     * @param attempt the try
     */
    public void attemptStarted(AttemptContext attempt) {
        closeAttempt(); // a try left open: never expected, but scopes must nest
        attemptProvider = attempt.provider();
        attemptModel = attempt.requestedModel();
        if (requestedModel == null) {
            requestedModel = attemptModel;
        }
        io.opentelemetry.api.trace.SpanBuilder builder = instruments
                .tracer()
                .spanBuilder(attemptModel == null ? OPERATION_CHAT : OPERATION_CHAT + " " + attemptModel)
                .setParent(Context.current().with(span))
                .setSpanKind(SpanKind.CLIENT)
                .setAttribute(GEN_AI_OPERATION_NAME, OPERATION_CHAT)
                .setAttribute(GEN_AI_PROVIDER_NAME, attemptProvider)
                .setAttribute(CAPABILITY, call.capability().name())
                .setAttribute(ATTEMPT_NUMBER, (long) attempt.number());
        if (attemptModel != null) {
            builder.setAttribute(GEN_AI_REQUEST_MODEL, attemptModel);
        }
        attemptStartNanos = System.nanoTime();
        attemptSpan = builder.startSpan();
        attemptScope = attemptSpan.makeCurrent();
    }

    /**
     * Ends the try's span with the answer's model and usage, and records the try's duration and tokens.
     *
     * @param response the answer
     */
    public void attemptAnswered(InferenceResponse response) {
        if (attemptSpan == null) {
            return;
        }
        TokenUsage usage = response.usage();
        attemptSpan.setAttribute(GEN_AI_RESPONSE_MODEL, response.model());
        attemptSpan.setAttribute(GEN_AI_USAGE_INPUT_TOKENS, usage.inputTokens());
        attemptSpan.setAttribute(GEN_AI_USAGE_OUTPUT_TOKENS, usage.outputTokens());
        AttributesBuilder metric = metricAttributes().put(GEN_AI_RESPONSE_MODEL, response.model());
        instruments.operationDuration.record(seconds(), metric.build());
        instruments.tokenUsage.record(
                usage.inputTokens(), metric.put(GEN_AI_TOKEN_TYPE, "input").build());
        instruments.tokenUsage.record(
                usage.outputTokens(), metric.put(GEN_AI_TOKEN_TYPE, "output").build());
        closeAttempt();
    }

    /**
     * Ends the try's span as failed and records the try's duration with its error type.
     *
     * @param error the failure
     */
    public void attemptFailed(Throwable error) {
        if (attemptSpan == null) {
            return;
        }
        String type = error.getCause() instanceof TimeoutException
                ? "timeout"
                : error.getClass().getName();
        attemptSpan.setAttribute(ERROR_TYPE, type);
        // no description: a provider's error text may echo the request
        attemptSpan.setStatus(StatusCode.ERROR);
        instruments.operationDuration.record(
                seconds(), metricAttributes().put(ERROR_TYPE, type).build());
        closeAttempt();
    }

    /**
     * Ends the call's span with what its audit record says, and counts the call and its cost. Ends only once.
     *
     * @param record the call's audit record
     * @param error what the caller receives, or {@code null} when it received an answer
     */
    public void end(AuditRecord record, Throwable error) {
        if (ended) {
            return;
        }
        ended = true;
        closeAttempt();
        String capability = record.capability();
        span.setAttribute(OUTCOME, record.outcome().name());
        span.setAttribute(AUDIT_RECORD_ID, record.id());
        span.setAttribute(DEGRADED, call.degraded());
        if (record.route() != null) {
            span.setAttribute(ROUTE, record.route());
        }
        setIfPresent(PROMPT_ID, record.promptId());
        setIfPresent(PROMPT_VERSION, record.promptVersion());
        setIfPresent(PROMPT_HASH, record.promptHash());
        setIfPresent(APPROVAL_ID, record.approvalId());
        setIfPresent(GEN_AI_PROVIDER_NAME, record.provider());
        setIfPresent(GEN_AI_REQUEST_MODEL, requestedModel);
        setIfPresent(GEN_AI_RESPONSE_MODEL, record.model());
        span.setAttribute(GEN_AI_USAGE_INPUT_TOKENS, record.usage().inputTokens());
        span.setAttribute(GEN_AI_USAGE_OUTPUT_TOKENS, record.usage().outputTokens());
        double cost = record.cost().micros() / 1_000_000.0;
        span.setAttribute(COST, cost);
        span.setAttribute(COST_CURRENCY, record.cost().currency());
        // held for approval is the expected path of a gated capability, not a failure
        if (error != null && !(error instanceof ApprovalPendingException)) {
            span.setAttribute(ERROR_TYPE, error.getClass().getName());
            span.setStatus(StatusCode.ERROR);
        }
        try {
            scope.close();
        } finally {
            span.end();
        }
        instruments.calls.add(
                1,
                Attributes.of(CAPABILITY, capability, OUTCOME, record.outcome().name()));
        if (record.cost().micros() != 0) {
            instruments.cost.add(
                    cost,
                    Attributes.of(
                            CAPABILITY, capability, COST_CURRENCY, record.cost().currency()));
        }
    }

    private void setIfPresent(io.opentelemetry.api.common.AttributeKey<String> key, String value) {
        if (value != null) {
            span.setAttribute(key, value);
        }
    }

    private AttributesBuilder metricAttributes() {
        AttributesBuilder b = Attributes.builder()
                .put(GEN_AI_OPERATION_NAME, OPERATION_CHAT)
                .put(GEN_AI_PROVIDER_NAME, attemptProvider)
                .put(CAPABILITY, call.capability().name());
        if (attemptModel != null) {
            b.put(GEN_AI_REQUEST_MODEL, attemptModel);
        }
        return b;
    }

    private double seconds() {
        return (System.nanoTime() - attemptStartNanos) / 1e9;
    }

    private void closeAttempt() {
        if (attemptSpan == null) {
            return;
        }
        try {
            attemptScope.close();
        } finally {
            attemptSpan.end();
            attemptSpan = null;
            attemptScope = null;
        }
    }
}
