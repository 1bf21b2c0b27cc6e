package dev.steward.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.steward.api.AuditRecord;
import dev.steward.api.CallerContext;
import dev.steward.api.CapabilityDeniedException;
import dev.steward.api.CapabilityDescriptor;
import dev.steward.api.InferenceUnavailableException;
import dev.steward.api.Outcome;
import dev.steward.api.ProviderException;
import dev.steward.api.annotation.DataClass;
import dev.steward.api.annotation.RiskTier;
import dev.steward.api.spi.CapabilityPolicy;
import dev.steward.core.audit.InMemoryAuditSink;
import dev.steward.core.config.ConfigValues;
import dev.steward.core.prompt.InMemoryPromptRegistry;
import dev.steward.core.route.CircuitBreaker;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Risk and data classes reach policies and audit; the breaker counts only failures a retry could fix. */
class GovernanceFactsTest {

    private final InMemoryAuditSink audit = new InMemoryAuditSink(100);
    private final ScriptedProvider a = new ScriptedProvider("a");
    private final MutableClock clock = new MutableClock(Instant.parse("2026-11-23T10:00:00Z"));
    private Steward steward;

    @AfterEach
    void close() throws Exception {
        steward.close();
    }

    private Steward.Builder builder(Map<String, String> config) {
        return Steward.builder()
                .config(ConfigValues.of(config))
                .provider(a)
                .clock(clock)
                .promptRegistry(new InMemoryPromptRegistry()
                        .put("claims.summarize", "v1", "Summarize")
                        .put("claims.tag", "v1", "Tag"))
                .auditSink(audit);
    }

    /** "HIGH risk needs tenant acme" and "PHI never on route external". */
    static final class RiskPolicy implements CapabilityPolicy {
        final List<CapabilityDescriptor> seen = new CopyOnWriteArrayList<>();

        @Override
        public Decision authorize(CapabilityDescriptor capability, CallerContext caller) {
            seen.add(capability);
            if (capability.risk() == RiskTier.HIGH && !"acme".equals(caller.tenant())) {
                return Decision.deny("HIGH risk capabilities are for tenant acme only");
            }
            if (capability.dataClasses().contains(DataClass.PHI)
                    && capability.route().equals("external")) {
                return Decision.deny("PHI never leaves on route external");
            }
            return Decision.ALLOW;
        }
    }

    @Test
    void aPolicySeesRiskDataClassesAndRouteAndEveryRecordCarriesThem() {
        RiskPolicy policy = new RiskPolicy();
        steward = builder(Map.of("steward.route.external.providers", "a"))
                .capabilityPolicy(policy)
                .build();
        GovernedCapability high = steward.capability(CapabilityDefinition.builder("claims.summarize")
                .source("ClaimService#summarize")
                .risk(RiskTier.HIGH)
                .dataClasses(Set.of(DataClass.PII))
                .build());
        GovernedCapability phi = steward.capability(CapabilityDefinition.builder("claims.tag")
                .risk(RiskTier.LOW)
                .dataClasses(Set.of(DataClass.PHI))
                .route("external")
                .build());

        assertThat(high.invoke(Callers.ADJUSTER, new Object[0], null)).isEqualTo("answer from a");
        CallerContext otherTenant = new CallerContext("bob", Set.of("adjuster"), "globex", "corr-9");
        assertThatThrownBy(() -> high.invoke(otherTenant, new Object[0], null))
                .isInstanceOf(CapabilityDeniedException.class)
                .hasMessageContaining("tenant acme only");
        assertThatThrownBy(() -> phi.invoke(Callers.ADJUSTER, new Object[0], null))
                .isInstanceOf(CapabilityDeniedException.class)
                .hasMessageContaining("PHI never leaves");

        assertThat(policy.seen.get(0))
                .isEqualTo(new CapabilityDescriptor(
                        "claims.summarize", "ClaimService#summarize", RiskTier.HIGH, Set.of(DataClass.PII), "default"));
        List<AuditRecord> records = audit.records();
        assertThat(records)
                .extracting(AuditRecord::outcome, AuditRecord::risk, AuditRecord::dataClasses)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple(Outcome.SUCCEEDED, RiskTier.HIGH, Set.of(DataClass.PII)),
                        org.assertj.core.groups.Tuple.tuple(Outcome.DENIED, RiskTier.HIGH, Set.of(DataClass.PII)),
                        org.assertj.core.groups.Tuple.tuple(Outcome.DENIED, RiskTier.LOW, Set.of(DataClass.PHI)));
    }

    @Test
    void aCapabilitysBadRequestsDoNotOpenTheBreakerForEveryOtherCapability() {
        steward = builder(Map.of("steward.provider.a.circuit-breaker.failure-threshold", "3"))
                .build();
        GovernedCapability broken =
                steward.capability(CapabilityDefinition.builder("claims.tag").build());
        GovernedCapability healthy = steward.capability(
                CapabilityDefinition.builder("claims.summarize").build());
        a.behaves(r -> {
            if (r.capability().equals("claims.tag")) {
                throw ProviderException.permanent("a", "HTTP 400: prompt too long", null);
            }
            return dev.steward.api.InferenceResponse.of("ok", "m", dev.steward.api.TokenUsage.NONE);
        });

        for (int i = 0; i < 10; i++) {
            assertThatThrownBy(() -> broken.invoke(Callers.ADJUSTER, new Object[0], null))
                    .isInstanceOf(InferenceUnavailableException.class);
        }

        assertThat(steward.circuitBreakers().get("a").state()).isEqualTo(CircuitBreaker.State.CLOSED);
        assertThat(healthy.invoke(Callers.ADJUSTER, new Object[0], null)).isEqualTo("ok");
    }

    @Test
    void retriableFailuresStillOpenTheBreaker() {
        steward = builder(Map.of("steward.provider.a.circuit-breaker.failure-threshold", "3"))
                .build();
        GovernedCapability cap =
                steward.capability(CapabilityDefinition.builder("claims.tag").build());
        a.fails(true);

        for (int i = 0; i < 3; i++) {
            assertThatThrownBy(() -> cap.invoke(Callers.ADJUSTER, new Object[0], null))
                    .isInstanceOf(InferenceUnavailableException.class);
        }

        assertThat(steward.circuitBreakers().get("a").state()).isEqualTo(CircuitBreaker.State.OPEN);
    }

    @Test
    void recordsAllCountsEveryFailureAsBefore() {
        Map<String, String> config = new HashMap<>();
        config.put("steward.provider.a.circuit-breaker.failure-threshold", "3");
        config.put("steward.provider.a.circuit-breaker.records", "all");
        steward = builder(config).build();
        GovernedCapability cap =
                steward.capability(CapabilityDefinition.builder("claims.tag").build());
        a.fails(false);

        for (int i = 0; i < 3; i++) {
            assertThatThrownBy(() -> cap.invoke(Callers.ADJUSTER, new Object[0], null))
                    .isInstanceOf(InferenceUnavailableException.class);
        }

        assertThat(steward.circuitBreakers().get("a").state()).isEqualTo(CircuitBreaker.State.OPEN);
    }

    @Test
    void aPredicateOnTheBuilderDecidesWhatCounts() {
        steward = builder(Map.of("steward.provider.a.circuit-breaker.failure-threshold", "2"))
                .circuitBreakerRecords(e -> e.getMessage().contains("503"))
                .build();
        GovernedCapability cap =
                steward.capability(CapabilityDefinition.builder("claims.tag").build());
        a.fails(false); // "HTTP 400 from upstream"
        for (int i = 0; i < 3; i++) {
            assertThatThrownBy(() -> cap.invoke(Callers.ADJUSTER, new Object[0], null));
        }
        assertThat(steward.circuitBreakers().get("a").state()).isEqualTo(CircuitBreaker.State.CLOSED);

        a.fails(true); // "HTTP 503 from upstream"
        for (int i = 0; i < 2; i++) {
            assertThatThrownBy(() -> cap.invoke(Callers.ADJUSTER, new Object[0], null));
        }
        assertThat(steward.circuitBreakers().get("a").state()).isEqualTo(CircuitBreaker.State.OPEN);
    }

    @Test
    void anUnknownRecordsValueFailsTheBuildNamingTheKey() {
        assertThatThrownBy(() -> builder(Map.of("steward.provider.a.circuit-breaker.records", "some"))
                        .build())
                .isInstanceOf(dev.steward.api.ConfigurationException.class)
                .hasMessageContaining("steward.provider.a.circuit-breaker.records")
                .hasMessageContaining("retriable or all");
        steward = builder(Map.of()).build();
    }

    @Test
    void aBadRequestAsTheHalfOpenProbeClosesTheBreakerSinceTheProviderAnswered() {
        steward = builder(Map.of(
                        "steward.provider.a.circuit-breaker.failure-threshold", "1",
                        "steward.provider.a.circuit-breaker.open-duration", "10s"))
                .build();
        GovernedCapability cap =
                steward.capability(CapabilityDefinition.builder("claims.tag").build());
        a.fails(true);
        assertThatThrownBy(() -> cap.invoke(Callers.ADJUSTER, new Object[0], null));
        assertThat(steward.circuitBreakers().get("a").state()).isEqualTo(CircuitBreaker.State.OPEN);

        clock.advance(java.time.Duration.ofSeconds(11));
        a.fails(false);
        assertThatThrownBy(() -> cap.invoke(Callers.ADJUSTER, new Object[0], null));

        assertThat(steward.circuitBreakers().get("a").state()).isEqualTo(CircuitBreaker.State.CLOSED);
    }
}
