package dev.steward.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.steward.api.AuditRecord;
import dev.steward.api.BudgetExceededException;
import dev.steward.api.InferenceResponse;
import dev.steward.api.Outcome;
import dev.steward.api.annotation.CostCeiling;
import dev.steward.api.annotation.DataClass;
import dev.steward.api.annotation.RiskTier;
import dev.steward.core.audit.InMemoryAuditSink;
import dev.steward.core.config.ConfigValues;
import dev.steward.core.prompt.InMemoryPromptRegistry;
import dev.steward.core.spi.AttemptContext;
import dev.steward.core.spi.CallContext;
import dev.steward.core.spi.StewardObserver;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class ObservationTest {

    private final InMemoryAuditSink audit = new InMemoryAuditSink(100);
    private final ScriptedProvider a = new ScriptedProvider("a");
    private final ScriptedProvider b = new ScriptedProvider("b");
    private final List<String> events = new CopyOnWriteArrayList<>();
    private Steward steward;

    /** Stands in for a tracer: one "span" per call and per attempt, the trace id tagged onto the call. */
    private final class Tracing implements StewardObserver {
        @Override
        public void onCallStart(CallContext call) {
            events.add("call.start " + call.capability().name() + " risk="
                    + call.capability().risk());
            call.tag("trace_id", "trace-" + call.caller().correlationId());
        }

        @Override
        public void onCallStop(CallContext call, AuditRecord record) {
            events.add(
                    "call.stop " + record.outcome() + " prompt=" + call.prompt().version());
        }

        @Override
        public void onCallError(CallContext call, Throwable error, AuditRecord record) {
            events.add("call.error " + error.getClass().getSimpleName() + " " + record.outcome());
        }

        @Override
        public void onAttemptStart(AttemptContext attempt) {
            events.add("attempt.start " + attempt.provider() + "#" + attempt.number());
        }

        @Override
        public void onAttemptStop(AttemptContext attempt, InferenceResponse response) {
            events.add("attempt.stop " + attempt.provider() + " " + response.model());
        }

        @Override
        public void onAttemptError(AttemptContext attempt, Throwable error) {
            events.add("attempt.error " + attempt.provider() + "#" + attempt.number());
        }

        @Override
        public void onAudit(AuditRecord record) {
            events.add("audit " + record.outcome());
        }
    }

    private GovernedCapability capability(CapabilityDefinition.Ceiling ceiling, StewardObserver... observers) {
        Steward.Builder builder = Steward.builder()
                .config(ConfigValues.of(Map.of(
                        "steward.route.default.providers", "a,b",
                        "steward.provider.a.retry.max-attempts", "2",
                        "steward.provider.a.retry.backoff", "1ms")))
                .provider(a)
                .provider(b)
                .sleeper(d -> {})
                .promptRegistry(new InMemoryPromptRegistry().put("claims.summarize", "v3", "Summarize"))
                .auditSink(audit);
        for (StewardObserver o : observers) {
            builder.observer(o);
        }
        steward = builder.build();
        CapabilityDefinition.Builder def = CapabilityDefinition.builder("claims.summarize")
                .risk(RiskTier.HIGH)
                .dataClasses(Set.of(DataClass.PII));
        if (ceiling != null) {
            def.ceiling(ceiling);
        }
        return steward.capability(def.build());
    }

    @AfterEach
    void close() throws Exception {
        steward.close();
    }

    @Test
    void aCallAndEachOfItsAttemptsStartAndStopInOrderAndTheTraceIdLandsInTheAuditRecord() {
        a.fails(true);
        GovernedCapability cap = capability(null, new Tracing());

        cap.invoke(Callers.ADJUSTER, new Object[0], null);

        assertThat(events)
                .containsExactly(
                        "call.start claims.summarize risk=HIGH",
                        "attempt.start a#1",
                        "attempt.error a#1",
                        "attempt.start a#2",
                        "attempt.error a#2",
                        "attempt.start b#1",
                        "attempt.stop b model-b",
                        "audit SUCCEEDED",
                        "call.stop SUCCEEDED prompt=v3");
        AuditRecord record = audit.records().get(0);
        assertThat(record.tags()).containsEntry("trace_id", "trace-corr-1");
        assertThat(record.risk()).isEqualTo(RiskTier.HIGH);
        assertThat(record.dataClasses()).containsExactly(DataClass.PII);
    }

    @Test
    void aRefusedCallEndsInAnErrorEventCarryingItsRecord() {
        // admits the 512 output tokens a call reserves, not the prompt's input on top of them
        GovernedCapability cap = capability(
                new CapabilityDefinition.Ceiling(
                        "513 tokens", "", "", CostCeiling.Period.DAY, CostCeiling.OnExceeded.REJECT, ""),
                new Tracing());

        assertThatThrownBy(() -> cap.invoke(Callers.ADJUSTER, new Object[0], null))
                .isInstanceOf(BudgetExceededException.class);

        assertThat(events)
                .containsExactly(
                        "call.start claims.summarize risk=HIGH",
                        "audit BUDGET_REJECTED",
                        "call.error BudgetExceededException BUDGET_REJECTED");
    }

    @Test
    void anObserverThatThrowsNeitherStopsTheOthersNorChangesTheCall() {
        StewardObserver broken = new StewardObserver() {
            @Override
            public void onCallStart(CallContext call) {
                throw new IllegalStateException("exporter down");
            }

            @Override
            public void onAttemptStop(AttemptContext attempt, InferenceResponse response) {
                throw new IllegalStateException("exporter down");
            }

            @Override
            public void onCallStop(CallContext call, AuditRecord record) {
                throw new IllegalStateException("exporter down");
            }
        };
        GovernedCapability cap = capability(null, broken, new Tracing());

        assertThat(cap.invoke(Callers.ADJUSTER, new Object[0], null)).isEqualTo("answer from a");

        assertThat(events)
                .contains(
                        "call.start claims.summarize risk=HIGH",
                        "attempt.stop a model-a",
                        "call.stop SUCCEEDED prompt=v3");
        assertThat(audit.records())
                .singleElement()
                .satisfies(r -> assertThat(r.outcome()).isEqualTo(Outcome.SUCCEEDED));
    }
}
