package dev.steward.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import dev.steward.api.AuditRecord;
import dev.steward.api.CallerContext;
import dev.steward.api.Outcome;
import dev.steward.api.TokenUsage;
import dev.steward.api.annotation.CostCeiling;
import dev.steward.core.audit.InMemoryAuditSink;
import dev.steward.core.config.ConfigValues;
import dev.steward.core.prompt.InMemoryPromptRegistry;
import dev.steward.core.prompt.PromptHash;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class AuditCompletenessTest {

    private static final String TEMPLATE = "Summarize {{text}}";

    private final InMemoryAuditSink audit = new InMemoryAuditSink(100);
    private final Map<String, String> live = new ConcurrentHashMap<>(Map.of(
            "steward.capability.claims.summarize.allowed-roles", "adjuster",
            "steward.capability.claims.summarize.rate-limit.permits", "3",
            "steward.capability.claims.summarize.rate-limit.period", "1h",
            "steward.capability.claims.summarize.max-output-tokens", "20",
            "steward.price.gpt-x.input-per-1k", "0.50 USD",
            "steward.price.gpt-x.output-per-1k", "1.50 USD"));
    private final ScriptedProvider provider =
            new ScriptedProvider("p").answers("a summary", "gpt-x", new TokenUsage(100, 20));
    private Steward steward;

    @AfterEach
    void stop() throws Exception {
        steward.close();
    }

    private GovernedCapability capability() {
        ConfigValues values = new ConfigValues() {
            @Override
            public Optional<String> get(String key) {
                return Optional.ofNullable(live.get(key));
            }

            @Override
            public Iterable<String> keys() {
                return new HashMap<>(live).keySet();
            }
        };
        steward = Steward.builder()
                .config(values)
                .provider(provider)
                .promptRegistry(new InMemoryPromptRegistry().put("claims.summarize", "v3", TEMPLATE))
                .auditSink(audit)
                .build();
        return steward.capability(CapabilityDefinition.builder("claims.summarize")
                .source("ClaimService#summarize")
                .parameterNames(List.of("text"))
                .ceiling(new CapabilityDefinition.Ceiling(
                        "", "", "1000 tokens", CostCeiling.Period.DAY, CostCeiling.OnExceeded.REJECT, ""))
                .build());
    }

    private Outcome outcomeOfOneCall(GovernedCapability cap, CallerContext caller) {
        int before = audit.records().size();
        catchThrowable(() -> cap.invoke(caller, new Object[] {"the claim"}, null));
        List<AuditRecord> records = audit.records();
        assertThat(records).hasSize(before + 1);
        return records.get(records.size() - 1).outcome();
    }

    @Test
    void everyCallWhateverItsOutcomeYieldsExactlyOneCompleteRecord() {
        GovernedCapability cap = capability();

        assertThat(outcomeOfOneCall(cap, Callers.ADJUSTER)).isEqualTo(Outcome.SUCCEEDED);
        AuditRecord ok = audit.records().get(0);
        assertThat(ok.capability()).isEqualTo("claims.summarize");
        assertThat(ok.source()).isEqualTo("ClaimService#summarize");
        assertThat(ok.promptId()).isEqualTo("claims.summarize");
        assertThat(ok.promptVersion()).isEqualTo("v3");
        assertThat(ok.promptHash()).isEqualTo(PromptHash.of(TEMPLATE)).hasSize(64);
        assertThat(ok.principal()).isEqualTo("adjuster1");
        assertThat(ok.tenant()).isEqualTo("acme");
        assertThat(ok.correlationId()).isEqualTo("corr-1");
        assertThat(ok.model()).isEqualTo("gpt-x");
        assertThat(ok.usage()).isEqualTo(new TokenUsage(100, 20));
        // 100 × 0.50/1k + 20 × 1.50/1k = 0.05 + 0.03
        assertThat(ok.cost().toString()).isEqualTo("0.08 USD");
        assertThat(ok.latency().isNegative()).isFalse();
        assertThat(ok.route()).isEqualTo("default");

        assertThat(outcomeOfOneCall(cap, new CallerContext("clerk", Set.of("clerk"), "acme", "c")))
                .isEqualTo(Outcome.DENIED);
        assertThat(outcomeOfOneCall(cap, Callers.ANONYMOUS)).isEqualTo(Outcome.DENIED);

        live.put("steward.capability.claims.summarize.enabled", "false");
        assertThat(outcomeOfOneCall(cap, Callers.ADJUSTER)).isEqualTo(Outcome.KILLED);
        live.remove("steward.capability.claims.summarize.enabled");

        provider.fails(false);
        assertThat(outcomeOfOneCall(cap, Callers.ADJUSTER)).isEqualTo(Outcome.FAILED);
        provider.answers("a summary", "gpt-x", new TokenUsage(100, 20));
        assertThat(outcomeOfOneCall(cap, Callers.ADJUSTER)).isEqualTo(Outcome.SUCCEEDED);

        // adjuster1 has used its 3 permits (two successes and one failure; refusals before the limiter cost none)
        assertThat(outcomeOfOneCall(cap, Callers.ADJUSTER)).isEqualTo(Outcome.RATE_LIMITED);

        // the tenant then spends past its 1000 tokens, and the next call is refused before any inference
        provider.answers("a summary", "gpt-x", new TokenUsage(1000, 20));
        assertThat(outcomeOfOneCall(cap, Callers.ADJUSTER2)).isEqualTo(Outcome.SUCCEEDED);
        int inferences = provider.calls.get();
        assertThat(outcomeOfOneCall(cap, Callers.ADJUSTER2)).isEqualTo(Outcome.BUDGET_REJECTED);
        assertThat(provider.calls.get()).isEqualTo(inferences);

        assertThat(audit.records()).allSatisfy(r -> {
            assertThat(r.capability()).isEqualTo("claims.summarize");
            assertThat(r.correlationId()).isNotNull();
            assertThat(r.cost()).isNotNull();
            assertThat(r.latency()).isNotNull();
        });
        assertThat(audit.records())
                .filteredOn(r -> r.outcome() == Outcome.DENIED)
                .allSatisfy(r -> assertThat(r.reason()).isNotBlank());
    }
}
