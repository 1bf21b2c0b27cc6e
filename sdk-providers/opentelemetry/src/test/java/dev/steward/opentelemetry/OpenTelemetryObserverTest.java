package dev.steward.opentelemetry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.steward.api.ApprovalPendingException;
import dev.steward.api.AuditRecord;
import dev.steward.api.BudgetExceededException;
import dev.steward.api.CallerContext;
import dev.steward.api.CapabilityDeniedException;
import dev.steward.api.InferenceRequest;
import dev.steward.api.InferenceResponse;
import dev.steward.api.Outcome;
import dev.steward.api.ProviderException;
import dev.steward.api.TokenUsage;
import dev.steward.api.annotation.CostCeiling;
import dev.steward.api.annotation.RequiresApproval;
import dev.steward.api.annotation.RiskTier;
import dev.steward.api.spi.InferenceProvider;
import dev.steward.core.CapabilityDefinition;
import dev.steward.core.GovernedCapability;
import dev.steward.core.Steward;
import dev.steward.core.audit.InMemoryAuditSink;
import dev.steward.core.budget.CountingBudgetLedger;
import dev.steward.core.config.ConfigValues;
import dev.steward.core.prompt.InMemoryPromptRegistry;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.context.Scope;
import io.opentelemetry.sdk.OpenTelemetrySdk;
import io.opentelemetry.sdk.metrics.SdkMeterProvider;
import io.opentelemetry.sdk.metrics.data.HistogramPointData;
import io.opentelemetry.sdk.metrics.data.LongPointData;
import io.opentelemetry.sdk.metrics.data.MetricData;
import io.opentelemetry.sdk.testing.exporter.InMemoryMetricReader;
import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.opentelemetry.sdk.trace.export.SimpleSpanProcessor;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The observer in a real pipeline, reporting to the OpenTelemetry SDK with its in-memory exporters. */
class OpenTelemetryObserverTest {

    private static final CallerContext ADJUSTER = new CallerContext("adjuster1", Set.of("adjuster"), "acme", "corr-1");
    private static final CallerContext SUPERVISOR =
            new CallerContext("supervisor1", Set.of("supervisor"), "acme", "corr-2");
    private static final String PROMPT = "Summarize claim {{claim}} for the adjuster, secret-marker";

    private final InMemorySpanExporter spans = InMemorySpanExporter.create();
    private final InMemoryMetricReader metrics = InMemoryMetricReader.create();
    private final OpenTelemetrySdk otel = OpenTelemetrySdk.builder()
            .setTracerProvider(SdkTracerProvider.builder()
                    .addSpanProcessor(SimpleSpanProcessor.create(spans))
                    .build())
            .setMeterProvider(
                    SdkMeterProvider.builder().registerMetricReader(metrics).build())
            .build();
    private final InMemoryAuditSink audit = new InMemoryAuditSink(100);
    private final Scripted primary = new Scripted("primary", "m-large");
    private final Scripted backup = new Scripted("backup", null);
    private final OpenTelemetryObserver observer = new OpenTelemetryObserver(otel);
    private final CountingBudgetLedger ledger = new CountingBudgetLedger();
    private Steward steward;

    /** A provider that fails or answers as told, in order; answers once told nothing. */
    private static final class Scripted implements InferenceProvider {
        private final String name;
        private final String model;
        private final Deque<RuntimeException> failures = new ArrayDeque<>();

        Scripted(String name, String model) {
            this.name = name;
            this.model = model;
        }

        @Override
        public String name() {
            return name;
        }

        @Override
        public Optional<String> model() {
            return Optional.ofNullable(model);
        }

        @Override
        public InferenceResponse infer(InferenceRequest request) {
            RuntimeException next = failures.poll();
            if (next != null) {
                throw next;
            }
            return InferenceResponse.of(
                    "summary", model == null ? "m-small" : model + "-2025", new TokenUsage(120, 30));
        }
    }

    private GovernedCapability capability(CapabilityDefinition.Builder definition, Map<String, String> extra) {
        Map<String, String> config = new HashMap<>(Map.of(
                "steward.route.default.providers", "primary,backup",
                "steward.provider.primary.retry.max-attempts", "1",
                "steward.price.m-large-2025.input-per-1k", "1.00 USD",
                "steward.price.m-large-2025.output-per-1k", "2.00 USD",
                "steward.price.m-small.input-per-1k", "0.10 USD",
                "steward.price.m-small.output-per-1k", "0.20 USD"));
        config.putAll(extra);
        steward = Steward.builder()
                .config(ConfigValues.of(config))
                .provider(primary)
                .provider(backup)
                .sleeper(d -> {})
                .promptRegistry(new InMemoryPromptRegistry().put("claims.summarize", "v3", PROMPT))
                .auditSink(audit)
                .budgetLedger(ledger)
                .observer(observer)
                .discoverExtensions(false)
                .build();
        return steward.capability(definition.build());
    }

    private static CapabilityDefinition.Builder summarize() {
        return CapabilityDefinition.builder("claims.summarize")
                .risk(RiskTier.HIGH)
                .parameterNames(List.of("claim"));
    }

    @AfterEach
    void close() throws Exception {
        if (steward != null) {
            steward.close();
        }
        otel.close();
    }

    @Test
    void tracesACallAsAChildOfTheCurrentSpanWithOneClientSpanPerTryAndTagsItsAuditRecord() {
        primary.failures.add(ProviderException.retriable("primary", "503 from upstream", null));
        GovernedCapability cap = capability(summarize(), Map.of());

        Span server = otel.getTracer("test")
                .spanBuilder("POST /claims")
                .setSpanKind(SpanKind.SERVER)
                .startSpan();
        try (Scope ignored = server.makeCurrent()) {
            assertThat(cap.invoke(ADJUSTER, new Object[] {"CLM-1"}, null)).isEqualTo("summary");
        } finally {
            server.end();
        }

        SpanData call = span("steward claims.summarize");
        SpanData failed = span("chat m-large");
        SpanData answered = span("chat");
        assertThat(call.getKind()).isEqualTo(SpanKind.INTERNAL);
        assertThat(call.getParentSpanId()).isEqualTo(server.getSpanContext().getSpanId());
        assertThat(call.getTraceId()).isEqualTo(server.getSpanContext().getTraceId());
        assertThat(failed.getParentSpanId()).isEqualTo(call.getSpanId());
        assertThat(answered.getParentSpanId()).isEqualTo(call.getSpanId());
        assertThat(failed.getKind()).isEqualTo(SpanKind.CLIENT);

        assertThat(call.getAttributes().asMap())
                .containsEntry(TelemetryConventions.GEN_AI_OPERATION_NAME, "chat")
                .containsEntry(TelemetryConventions.GEN_AI_PROVIDER_NAME, "backup")
                .containsEntry(TelemetryConventions.GEN_AI_REQUEST_MODEL, "m-large")
                .containsEntry(TelemetryConventions.GEN_AI_RESPONSE_MODEL, "m-small")
                .containsEntry(TelemetryConventions.GEN_AI_USAGE_INPUT_TOKENS, 120L)
                .containsEntry(TelemetryConventions.GEN_AI_USAGE_OUTPUT_TOKENS, 30L)
                .containsEntry(TelemetryConventions.CAPABILITY, "claims.summarize")
                .containsEntry(TelemetryConventions.RISK_TIER, "HIGH")
                .containsEntry(TelemetryConventions.ROUTE, "default")
                .containsEntry(TelemetryConventions.PROMPT_ID, "claims.summarize")
                .containsEntry(TelemetryConventions.PROMPT_VERSION, "v3")
                .containsEntry(TelemetryConventions.OUTCOME, "SUCCEEDED")
                .containsEntry(TelemetryConventions.COST_CURRENCY, "USD")
                .containsEntry(TelemetryConventions.DEGRADED, false)
                .containsEntry(TelemetryConventions.TENANT, "acme")
                .containsKey(TelemetryConventions.PROMPT_HASH)
                .doesNotContainKey(TelemetryConventions.ERROR_TYPE);
        // 120 input tokens at 0.10 USD and 30 output at 0.20 USD per thousand
        assertThat(call.getAttributes().get(TelemetryConventions.COST)).isEqualTo(0.018);
        assertThat(call.getStatus().getStatusCode()).isEqualTo(StatusCode.UNSET);

        assertThat(failed.getAttributes().asMap())
                .containsEntry(TelemetryConventions.GEN_AI_PROVIDER_NAME, "primary")
                .containsEntry(TelemetryConventions.GEN_AI_REQUEST_MODEL, "m-large")
                .containsEntry(TelemetryConventions.ERROR_TYPE, ProviderException.class.getName())
                .containsEntry(TelemetryConventions.ATTEMPT_NUMBER, 1L);
        assertThat(failed.getStatus().getStatusCode()).isEqualTo(StatusCode.ERROR);
        assertThat(failed.getStatus().getDescription()).isEmpty();
        assertThat(answered.getAttributes().asMap())
                .containsEntry(TelemetryConventions.GEN_AI_PROVIDER_NAME, "backup")
                .containsEntry(TelemetryConventions.GEN_AI_RESPONSE_MODEL, "m-small")
                .containsEntry(TelemetryConventions.GEN_AI_USAGE_INPUT_TOKENS, 120L)
                .doesNotContainKey(TelemetryConventions.GEN_AI_REQUEST_MODEL);

        AuditRecord record = audit.records().get(0);
        assertThat(record.tags())
                .containsEntry(TelemetryConventions.TRACE_ID_TAG, call.getTraceId())
                .containsEntry(TelemetryConventions.SPAN_ID_TAG, call.getSpanId());
        assertThat(call.getAttributes().get(TelemetryConventions.AUDIT_RECORD_ID))
                .isEqualTo(record.id());
        assertThat(Span.current().getSpanContext().isValid())
                .as("every scope closed")
                .isFalse();
    }

    @Test
    void neverRecordsPromptTextAnswersOrThePrincipal() {
        GovernedCapability cap = capability(summarize(), Map.of());

        cap.invoke(ADJUSTER, new Object[] {"CLM-1"}, null);

        assertThat(spans.getFinishedSpanItems())
                .hasSize(2)
                .allSatisfy(s -> assertThat(s.getAttributes().asMap().values())
                        .noneSatisfy(v -> assertThat(String.valueOf(v))
                                .containsAnyOf("secret-marker", "CLM-1", "summary", "adjuster1")));
    }

    @Test
    void marksARefusedCallAsAnErrorWithItsExceptionTypeAndCountsItByOutcome() {
        GovernedCapability cap =
                capability(summarize(), Map.of("steward.capability.claims.summarize.allowed-roles", "supervisor"));

        assertThatThrownBy(() -> cap.invoke(ADJUSTER, new Object[] {"CLM-1"}, null))
                .isInstanceOf(CapabilityDeniedException.class);

        SpanData call = span("steward claims.summarize");
        assertThat(call.getStatus().getStatusCode()).isEqualTo(StatusCode.ERROR);
        assertThat(call.getAttributes().asMap())
                .containsEntry(TelemetryConventions.ERROR_TYPE, CapabilityDeniedException.class.getName())
                .containsEntry(TelemetryConventions.OUTCOME, "DENIED");
        assertThat(spans.getFinishedSpanItems()).as("no provider was tried").hasSize(1);
        assertThat(audit.records().get(0).tags()).containsEntry(TelemetryConventions.TRACE_ID_TAG, call.getTraceId());
        assertThat(longSum(TelemetryConventions.METRIC_CALLS))
                .containsEntry(
                        Attributes.of(
                                TelemetryConventions.CAPABILITY,
                                "claims.summarize",
                                TelemetryConventions.OUTCOME,
                                "DENIED"),
                        1L);
    }

    @Test
    void recordsTokenUsageDurationCallsAndCostAfterTheConventions() {
        primary.failures.add(ProviderException.permanent("primary", "400 bad request", null));
        GovernedCapability cap = capability(summarize(), Map.of());

        cap.invoke(ADJUSTER, new Object[] {"CLM-1"}, null);
        cap.invoke(ADJUSTER, new Object[] {"CLM-2"}, null);

        Attributes large = Attributes.builder()
                .put(TelemetryConventions.GEN_AI_OPERATION_NAME, "chat")
                .put(TelemetryConventions.GEN_AI_PROVIDER_NAME, "primary")
                .put(TelemetryConventions.CAPABILITY, "claims.summarize")
                .put(TelemetryConventions.GEN_AI_REQUEST_MODEL, "m-large")
                .build();
        Map<Attributes, HistogramPointData> tokens = histogram(TelemetryConventions.METRIC_TOKEN_USAGE);
        HistogramPointData input = tokens.get(large.toBuilder()
                .put(TelemetryConventions.GEN_AI_RESPONSE_MODEL, "m-large-2025")
                .put(TelemetryConventions.GEN_AI_TOKEN_TYPE, "input")
                .build());
        assertThat(input.getCount()).isEqualTo(1);
        assertThat(input.getSum()).isEqualTo(120);
        assertThat(input.getBoundaries()).startsWith(1.0, 4.0, 16.0);
        HistogramPointData output = tokens.get(large.toBuilder()
                .put(TelemetryConventions.GEN_AI_RESPONSE_MODEL, "m-large-2025")
                .put(TelemetryConventions.GEN_AI_TOKEN_TYPE, "output")
                .build());
        assertThat(output.getSum()).isEqualTo(30);
        assertThat(tokens).as("two answered tries, two token types").hasSize(4);

        Map<Attributes, HistogramPointData> durations = histogram(TelemetryConventions.METRIC_OPERATION_DURATION);
        assertThat(durations
                        .get(large.toBuilder()
                                .put(TelemetryConventions.ERROR_TYPE, ProviderException.class.getName())
                                .build())
                        .getCount())
                .isEqualTo(1);
        assertThat(durations.values().stream()
                        .mapToLong(HistogramPointData::getCount)
                        .sum())
                .isEqualTo(3);
        assertThat(durations.values().iterator().next().getBoundaries()).startsWith(0.01, 0.02);

        assertThat(longSum(TelemetryConventions.METRIC_CALLS))
                .containsEntry(
                        Attributes.of(
                                TelemetryConventions.CAPABILITY,
                                "claims.summarize",
                                TelemetryConventions.OUTCOME,
                                "SUCCEEDED"),
                        2L);
        // 0.018 (backup, m-small) + 0.18 (primary, m-large-2025: 0.12 + 0.06)
        double cost = metric(TelemetryConventions.METRIC_COST)
                .getDoubleSumData()
                .getPoints()
                .iterator()
                .next()
                .getValue();
        assertThat(cost).isCloseTo(0.198, org.assertj.core.data.Offset.offset(1e-9));
    }

    @Test
    void countsAnswersHeldForApprovalUntilDecidedWithoutMarkingTheHeldCallAnError() {
        GovernedCapability cap = capability(
                summarize().approval(new CapabilityDefinition.Approval("supervisor", RequiresApproval.ALWAYS, "P1D")),
                Map.of());

        String id = null;
        try {
            cap.invoke(ADJUSTER, new Object[] {"CLM-1"}, null);
        } catch (ApprovalPendingException e) {
            id = e.approvalId();
        }
        assertThat(id).isNotNull();
        SpanData call = span("steward claims.summarize");
        assertThat(call.getStatus().getStatusCode()).isEqualTo(StatusCode.UNSET);
        assertThat(call.getAttributes().asMap())
                .containsEntry(TelemetryConventions.APPROVAL_ID, id)
                .containsEntry(TelemetryConventions.OUTCOME, Outcome.PENDING_APPROVAL.name())
                .doesNotContainKey(TelemetryConventions.ERROR_TYPE);
        Attributes byCapability = Attributes.of(TelemetryConventions.CAPABILITY, "claims.summarize");
        assertThat(longSum(TelemetryConventions.METRIC_APPROVALS_PENDING)).containsEntry(byCapability, 1L);

        steward.approvals().approve(id, SUPERVISOR, "fine");

        assertThat(longSum(TelemetryConventions.METRIC_APPROVALS_PENDING)).containsEntry(byCapability, 0L);
    }

    @Test
    void reportsEachCircuitBreakersStateAsAGaugeFromTheStartOfTheInstanceItObservesUntilItCloses() throws Exception {
        GovernedCapability cap = capability(
                summarize(),
                Map.of(
                        "steward.provider.primary.circuit-breaker.failure-threshold", "1",
                        "steward.provider.primary.circuit-breaker.open-duration", "1h"));

        assertThat(circuitStates())
                .as("before any call")
                .containsEntry(circuit("primary", "closed"), 1L)
                .containsEntry(circuit("backup", "closed"), 1L);

        primary.failures.add(ProviderException.retriable("primary", "503", null));
        cap.invoke(ADJUSTER, new Object[] {"CLM-1"}, null);

        assertThat(circuitStates())
                .hasSize(6)
                .containsEntry(circuit("primary", "open"), 1L)
                .containsEntry(circuit("primary", "closed"), 0L)
                .containsEntry(circuit("primary", "half_open"), 0L)
                .containsEntry(circuit("backup", "closed"), 1L)
                .containsEntry(circuit("backup", "half_open"), 0L)
                .containsEntry(circuit("backup", "open"), 0L);

        steward.close();

        assertThat(metrics.collectAllMetrics())
                .extracting(MetricData::getName)
                .doesNotContain(TelemetryConventions.METRIC_CIRCUIT_STATE);
    }

    @Test
    void reportsWhatEachCeilingHasLeftAfterCallsWithoutNamingUsersOrTenants() {
        GovernedCapability cap = capability(
                summarize()
                        .ceiling(new CapabilityDefinition.Ceiling(
                                "1000 tokens",
                                "1000 tokens",
                                "1.00 USD",
                                CostCeiling.Period.DAY,
                                CostCeiling.OnExceeded.REJECT,
                                "")),
                Map.of("steward.capability.claims.summarize.max-output-tokens", "100"));

        cap.invoke(ADJUSTER, new Object[] {"CLM-1"}, null);
        cap.invoke(ADJUSTER, new Object[] {"CLM-2"}, null);
        assertThat(ledger.spentReads()).as("not read on the calls' path").hasValue(0);

        // each call: 120 + 30 tokens, 0.12 + 0.06 USD on m-large-2025
        assertThat(budgetRemaining())
                .containsOnlyKeys(
                        budget("call", "call", "tokens"),
                        budget("user", "day", "tokens"),
                        budget("tenant", "day", "USD"))
                .containsEntry(budget("call", "call", "tokens"), 850.0)
                .containsEntry(budget("user", "day", "tokens"), 700.0)
                .hasEntrySatisfying(
                        budget("tenant", "day", "USD"),
                        v -> assertThat(v).isCloseTo(0.64, org.assertj.core.data.Offset.offset(1e-9)));
        assertThat(metric(TelemetryConventions.METRIC_BUDGET_REMAINING)
                        .getDoubleGaugeData()
                        .getPoints())
                .allSatisfy(p -> assertThat(p.getAttributes().asMap().values())
                        .doesNotContain("adjuster1", "acme")
                        .hasSize(4));
        assertThat(ledger.spentReads())
                .as("read once per user and tenant budget, at collection")
                .hasValue(2);
    }

    @Test
    void reportsWhatAnExhaustedBudgetHasLeftWhenItRefusesACall() {
        GovernedCapability cap = capability(
                summarize()
                        .ceiling(new CapabilityDefinition.Ceiling(
                                "", "", "0.50 USD", CostCeiling.Period.DAY, CostCeiling.OnExceeded.REJECT, "")),
                Map.of("steward.capability.claims.summarize.max-output-tokens", "100"));
        cap.invoke(ADJUSTER, new Object[] {"CLM-1"}, null);
        cap.invoke(ADJUSTER, new Object[] {"CLM-2"}, null);

        assertThatThrownBy(() -> cap.invoke(ADJUSTER, new Object[] {"CLM-3"}, null))
                .isInstanceOf(BudgetExceededException.class);

        // two calls of 0.18 USD spent; the third's reservation, priced at the dearest model, did not fit in 0.14
        assertThat(budgetRemaining())
                .containsOnlyKeys(budget("tenant", "day", "USD"))
                .hasEntrySatisfying(
                        budget("tenant", "day", "USD"),
                        v -> assertThat(v).isCloseTo(0.14, org.assertj.core.data.Offset.offset(1e-9)));
        assertThat(longSum(TelemetryConventions.METRIC_CALLS))
                .containsEntry(
                        Attributes.of(
                                TelemetryConventions.CAPABILITY,
                                "claims.summarize",
                                TelemetryConventions.OUTCOME,
                                Outcome.BUDGET_REJECTED.name()),
                        1L);
    }

    @Test
    void aSecondObserverOfTheSameCallStepsAsideSoTheCallHasOneSpan() {
        OpenTelemetryObserver second = new OpenTelemetryObserver(otel);
        steward = Steward.builder()
                .config(ConfigValues.of(Map.of("steward.route.default.providers", "backup")))
                .provider(backup)
                .promptRegistry(new InMemoryPromptRegistry().put("claims.summarize", "v3", PROMPT))
                .auditSink(audit)
                .observer(observer)
                .observer(second)
                .discoverExtensions(false)
                .build();

        steward.capability(summarize().build()).invoke(ADJUSTER, new Object[] {"CLM-1"}, null);

        assertThat(spans.getFinishedSpanItems())
                .extracting(SpanData::getName)
                .containsExactlyInAnyOrder("steward claims.summarize", "chat");
    }

    private Map<Attributes, Long> circuitStates() {
        Map<Attributes, Long> states = new HashMap<>();
        metric(TelemetryConventions.METRIC_CIRCUIT_STATE)
                .getLongGaugeData()
                .getPoints()
                .forEach(p -> states.put(p.getAttributes(), p.getValue()));
        return states;
    }

    private Map<Attributes, Double> budgetRemaining() {
        Map<Attributes, Double> out = new HashMap<>();
        metric(TelemetryConventions.METRIC_BUDGET_REMAINING)
                .getDoubleGaugeData()
                .getPoints()
                .forEach(p -> out.put(p.getAttributes(), p.getValue()));
        return out;
    }

    private static Attributes budget(String scope, String period, String unit) {
        return Attributes.of(
                TelemetryConventions.CAPABILITY,
                "claims.summarize",
                TelemetryConventions.BUDGET_SCOPE,
                scope,
                TelemetryConventions.BUDGET_PERIOD,
                period,
                TelemetryConventions.BUDGET_UNIT,
                unit);
    }

    private static Attributes circuit(String provider, String state) {
        return Attributes.of(
                TelemetryConventions.GEN_AI_PROVIDER_NAME, provider, TelemetryConventions.CIRCUIT_STATE, state);
    }

    private SpanData span(String name) {
        List<SpanData> named = spans.getFinishedSpanItems().stream()
                .filter(s -> s.getName().equals(name))
                .toList();
        assertThat(named)
                .as("spans named '%s' in %s", name, spans.getFinishedSpanItems())
                .hasSize(1);
        return named.get(0);
    }

    private MetricData metric(String name) {
        return metrics.collectAllMetrics().stream()
                .filter(m -> m.getName().equals(name))
                .findFirst()
                .orElseThrow(() -> new AssertionError("no metric " + name));
    }

    private Map<Attributes, Long> longSum(String name) {
        Map<Attributes, Long> out = new HashMap<>();
        for (LongPointData p : metric(name).getLongSumData().getPoints()) {
            out.put(p.getAttributes(), p.getValue());
        }
        return out;
    }

    private Map<Attributes, HistogramPointData> histogram(String name) {
        Map<Attributes, HistogramPointData> out = new HashMap<>();
        for (HistogramPointData p : metric(name).getHistogramData().getPoints()) {
            out.put(p.getAttributes(), p);
        }
        return out;
    }
}
