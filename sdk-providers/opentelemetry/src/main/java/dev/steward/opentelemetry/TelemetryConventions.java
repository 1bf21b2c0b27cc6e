package dev.steward.opentelemetry;

import io.opentelemetry.api.common.AttributeKey;

/**
 * The one place where Steward's span names, attribute keys, metric names and audit tags are defined: the OpenTelemetry
 * GenAI semantic conventions where they have a name (the {@code gen_ai.*} and {@code error.type} keys and the
 * {@code gen_ai.client.*} metrics), Steward's own under {@code steward.*}.
 *
 * <p>Spans: one {@value #CALL_SPAN_PREFIX}{@code <capability>} span (kind {@code INTERNAL}) per governed call, a child of
 * the span current when the call began (a JAX-RS server span, for example); one {@code chat <model>} span (kind
 * {@code CLIENT}) per provider try, a child of the call's span. No span or metric carries prompt text, the answer or the
 * caller's principal.
 */
public final class TelemetryConventions {

    private TelemetryConventions() {}

    /** The instrumentation scope of every span and instrument. */
    public static final String INSTRUMENTATION_SCOPE = "dev.steward";

    /** The call span's name is this followed by the capability's name. */
    public static final String CALL_SPAN_PREFIX = "steward ";

    /** The GenAI operation Steward performs: a chat completion through a provider. */
    public static final String OPERATION_CHAT = "chat";

    // --- OpenTelemetry GenAI semantic conventions ---

    /** {@code gen_ai.operation.name}: always {@value #OPERATION_CHAT}. */
    public static final AttributeKey<String> GEN_AI_OPERATION_NAME = AttributeKey.stringKey("gen_ai.operation.name");

    /** {@code gen_ai.provider.name}: the Steward provider's configured name ({@code steward.provider.<name>}). */
    public static final AttributeKey<String> GEN_AI_PROVIDER_NAME = AttributeKey.stringKey("gen_ai.provider.name");

    /** {@code gen_ai.request.model}: the model the provider declares, when it declares one. */
    public static final AttributeKey<String> GEN_AI_REQUEST_MODEL = AttributeKey.stringKey("gen_ai.request.model");

    /** {@code gen_ai.response.model}: the model that answered, as the provider reported it. */
    public static final AttributeKey<String> GEN_AI_RESPONSE_MODEL = AttributeKey.stringKey("gen_ai.response.model");

    /** {@code gen_ai.usage.input_tokens}. */
    public static final AttributeKey<Long> GEN_AI_USAGE_INPUT_TOKENS =
            AttributeKey.longKey("gen_ai.usage.input_tokens");

    /** {@code gen_ai.usage.output_tokens}. */
    public static final AttributeKey<Long> GEN_AI_USAGE_OUTPUT_TOKENS =
            AttributeKey.longKey("gen_ai.usage.output_tokens");

    /** {@code gen_ai.token.type}: {@code input} or {@code output}, on {@value #METRIC_TOKEN_USAGE}. */
    public static final AttributeKey<String> GEN_AI_TOKEN_TYPE = AttributeKey.stringKey("gen_ai.token.type");

    /**
     * {@code error.type}: on a failed try, {@code timeout} or the failure's class name; on a call that ended with an
     * exception (other than being held for approval), the exception's class name, such as
     * {@code dev.steward.api.BudgetExceededException}.
     */
    public static final AttributeKey<String> ERROR_TYPE = AttributeKey.stringKey("error.type");

    // --- Steward ---

    /** {@code steward.capability}: the capability's name. */
    public static final AttributeKey<String> CAPABILITY = AttributeKey.stringKey("steward.capability");

    /** {@code steward.risk_tier}: the capability's declared risk tier. */
    public static final AttributeKey<String> RISK_TIER = AttributeKey.stringKey("steward.risk_tier");

    /** {@code steward.route}: the route that answered (the degrade route once degraded). */
    public static final AttributeKey<String> ROUTE = AttributeKey.stringKey("steward.route");

    /** {@code steward.prompt.id}. */
    public static final AttributeKey<String> PROMPT_ID = AttributeKey.stringKey("steward.prompt.id");

    /** {@code steward.prompt.version}. */
    public static final AttributeKey<String> PROMPT_VERSION = AttributeKey.stringKey("steward.prompt.version");

    /** {@code steward.prompt.hash}: the SHA-256 of the template (never its text). */
    public static final AttributeKey<String> PROMPT_HASH = AttributeKey.stringKey("steward.prompt.hash");

    /** {@code steward.outcome}: the audit record's outcome, such as {@code SUCCEEDED} or {@code BUDGET_REJECTED}. */
    public static final AttributeKey<String> OUTCOME = AttributeKey.stringKey("steward.outcome");

    /** {@code steward.cost}: what the call cost, in units of {@link #COST_CURRENCY}. */
    public static final AttributeKey<Double> COST = AttributeKey.doubleKey("steward.cost");

    /** {@code steward.cost.currency}: the ISO 4217 code of the budget currency. */
    public static final AttributeKey<String> COST_CURRENCY = AttributeKey.stringKey("steward.cost.currency");

    /** {@code steward.approval.id}: the approval request the call's answer is held in. */
    public static final AttributeKey<String> APPROVAL_ID = AttributeKey.stringKey("steward.approval.id");

    /** {@code steward.degraded}: whether the degrade route or the fallback answered. */
    public static final AttributeKey<Boolean> DEGRADED = AttributeKey.booleanKey("steward.degraded");

    /** {@code steward.audit.record_id}: the call's audit record, to jump from the trace to the record. */
    public static final AttributeKey<String> AUDIT_RECORD_ID = AttributeKey.stringKey("steward.audit.record_id");

    /** {@code steward.tenant}: the caller's tenant (spans only: too many values for a metric). */
    public static final AttributeKey<String> TENANT = AttributeKey.stringKey("steward.tenant");

    /** {@code steward.attempt.number}: the try's number for its provider within the call, from 1. */
    public static final AttributeKey<Long> ATTEMPT_NUMBER = AttributeKey.longKey("steward.attempt.number");

    /** {@code steward.circuit.state}: {@code closed}, {@code half_open} or {@code open}. */
    public static final AttributeKey<String> CIRCUIT_STATE = AttributeKey.stringKey("steward.circuit.state");

    /** {@code steward.budget.scope}: whose spend a ceiling limits: {@code call}, {@code user} or {@code tenant}. */
    public static final AttributeKey<String> BUDGET_SCOPE = AttributeKey.stringKey("steward.budget.scope");

    /** {@code steward.budget.period}: {@code call}, {@code hour}, {@code day} or {@code month}. */
    public static final AttributeKey<String> BUDGET_PERIOD = AttributeKey.stringKey("steward.budget.period");

    /**
     * {@code steward.budget.unit}: {@value #BUDGET_UNIT_TOKENS} for a token ceiling, else the ISO 4217 code of the
     * budget currency, such as {@code USD}.
     */
    public static final AttributeKey<String> BUDGET_UNIT = AttributeKey.stringKey("steward.budget.unit");

    /** The {@link #BUDGET_UNIT} of a token ceiling. */
    public static final String BUDGET_UNIT_TOKENS = "tokens";

    // --- metrics ---

    /** Histogram of tokens per provider try that answered, by {@link #GEN_AI_TOKEN_TYPE} ({@code {token}}). */
    public static final String METRIC_TOKEN_USAGE = "gen_ai.client.token.usage";

    /** Histogram of provider try durations, in seconds, with {@link #ERROR_TYPE} on failures. */
    public static final String METRIC_OPERATION_DURATION = "gen_ai.client.operation.duration";

    /** Counter of governed calls, by {@link #CAPABILITY} and {@link #OUTCOME} ({@code {call}}). */
    public static final String METRIC_CALLS = "steward.calls";

    /** Counter of money spent, by {@link #CAPABILITY} and {@link #COST_CURRENCY}, in units of that currency. */
    public static final String METRIC_COST = "steward.cost";

    /**
     * Up-down counter of answers held for approval, by {@link #CAPABILITY}: requests this process saw held minus those
     * it saw decided or expired ({@code {request}}).
     */
    public static final String METRIC_APPROVALS_PENDING = "steward.approvals.pending";

    /**
     * Gauge per provider and {@link #CIRCUIT_STATE}: 1 for the breaker's current state, 0 for the others, for every
     * Steward instance the observer is registered on, from its start (or its first call, for an observer that finds its
     * OpenTelemetry) until it closes.
     */
    public static final String METRIC_CIRCUIT_STATE = "steward.circuit.state";

    /**
     * Gauge of what a ceiling has left, by {@link #CAPABILITY}, {@link #BUDGET_SCOPE}, {@link #BUDGET_PERIOD} and
     * {@link #BUDGET_UNIT}, in tokens or in units of the currency: the last value observed, that is, what the budget
     * the latest settled or refused call touched had left. Users and tenants are not attributes (too many values), so
     * for per-user and per-tenant ceilings it follows whichever user's or tenant's budget was touched last; the
     * per-call value is what the latest call left under its own limit.
     */
    public static final String METRIC_BUDGET_REMAINING = "steward.budget.remaining";

    // --- audit record tags ---

    /** The audit record tag holding the call span's trace id (32 hex digits). */
    public static final String TRACE_ID_TAG = "trace_id";

    /** The audit record tag holding the call span's id (16 hex digits). */
    public static final String SPAN_ID_TAG = "span_id";
}
