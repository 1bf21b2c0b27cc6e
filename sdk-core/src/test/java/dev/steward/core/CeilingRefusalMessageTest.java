package dev.steward.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.steward.api.BudgetExceededException;
import dev.steward.api.ConfigurationException;
import dev.steward.api.TokenUsage;
import dev.steward.api.annotation.CostCeiling;
import dev.steward.core.audit.InMemoryAuditSink;
import dev.steward.core.config.ConfigValues;
import dev.steward.core.prompt.InMemoryPromptRegistry;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * A refusal says why: a ceiling that was really spent says so; a call whose reservation alone exceeds the ceiling says
 * that, with both amounts, and not that anything was spent. A rejecting ceiling below the smallest reservation fails
 * at startup, naming the capability's source and the key.
 */
class CeilingRefusalMessageTest {

    private static final String SOURCE = "com.example.Claims#draftLetter";
    private static final int MAX_OUTPUT = 50;

    private final InMemoryAuditSink audit = new InMemoryAuditSink(100);

    private Steward steward(Map<String, String> extra) {
        Map<String, String> config = new HashMap<>(extra);
        config.put("steward.capability.claims.letter.max-output-tokens", Integer.toString(MAX_OUTPUT));
        return Steward.builder()
                .config(ConfigValues.of(config))
                // charged exactly what it was allowed: 30 tokens of input, the 50 of output
                .provider(new ScriptedProvider("p").answers("Dear claimant", "m", new TokenUsage(30, MAX_OUTPUT)))
                .promptRegistry(new InMemoryPromptRegistry().put("claims.letter", "v1", "Letter: {{text}}"))
                .auditSink(audit)
                .build();
    }

    private static CapabilityDefinition letter(String perUser) {
        return CapabilityDefinition.builder("claims.letter")
                .source(SOURCE)
                .parameterNames(List.of("text"))
                .ceiling(new CapabilityDefinition.Ceiling(
                        "", perUser, "", CostCeiling.Period.DAY, CostCeiling.OnExceeded.REJECT, ""))
                .build();
    }

    @Test
    void aSpentCeilingSaysItWasSpentAndWhatThisCallNeeded() throws Exception {
        // each call reserves 50 output tokens plus the prompt's bound (its 16 bytes plus 32): 98 tokens;
        // each is charged 80, so after two calls 40 are left, less than the next reservation
        try (Steward steward = steward(Map.of())) {
            GovernedCapability cap = steward.capability(letter("200 tokens"));
            cap.invoke(Callers.ADJUSTER, new Object[] {"approved"}, null);
            cap.invoke(Callers.ADJUSTER, new Object[] {"approved"}, null);

            assertThatThrownBy(() -> cap.invoke(Callers.ADJUSTER, new Object[] {"approved"}, null))
                    .isInstanceOf(BudgetExceededException.class)
                    .hasMessage("'adjuster1' has spent the DAY ceiling of 200 tokens for 'claims.letter': what was"
                            + " spent and what calls in flight reserve leave less than this call's reservation of 98"
                            + " tokens")
                    .satisfies(e ->
                            assertThat(((BudgetExceededException) e).budget()).isEqualTo("user:adjuster1/DAY"));
        }
    }

    @Test
    void aReservationLargerThanTheCeilingSaysSoAndThatNothingWasSpent() throws Exception {
        // a prompt of 68 bytes: a reservation of 50 + 68 + 32 = 150 tokens against a ceiling of 120, on a fresh day
        try (Steward steward = steward(Map.of())) {
            GovernedCapability cap = steward.capability(letter("120 tokens"));

            assertThatThrownBy(() -> cap.invoke(Callers.ADJUSTER, new Object[] {"x".repeat(60)}, null))
                    .isInstanceOf(BudgetExceededException.class)
                    .hasMessageStartingWith("the reservation of 150 tokens for one call of 'claims.letter' exceeds"
                            + " the DAY ceiling of 120 tokens of 'adjuster1'; nothing was spent")
                    .hasMessageNotContaining("has spent");
        }
        assertThat(audit.records())
                .singleElement()
                .satisfies(r -> assertThat(r.reason()).startsWith("the reservation of 150 tokens"));
    }

    @Test
    void aTenantCeilingSaysTheSameOfItsTenant() throws Exception {
        try (Steward steward = steward(Map.of("steward.capability.claims.letter.ceiling.per-tenant", "120 tokens"))) {
            GovernedCapability cap = steward.capability(letter(""));

            assertThatThrownBy(() -> cap.invoke(Callers.ADJUSTER, new Object[] {"x".repeat(60)}, null))
                    .isInstanceOf(BudgetExceededException.class)
                    .hasMessageStartingWith("the reservation of 150 tokens for one call of 'claims.letter' exceeds"
                            + " the DAY ceiling of 120 tokens of tenant 'acme'");
        }
    }

    @Test
    void aCeilingBelowTheOutputCapFailsAtStartupNamingTheMethodAndTheAnnotation() throws Exception {
        try (Steward steward = steward(Map.of())) {
            assertThatThrownBy(() -> steward.capability(letter("40 tokens")))
                    .isInstanceOf(ConfigurationException.class)
                    .hasMessageStartingWith(
                            SOURCE + " @CostCeiling.perUser: the ceiling of 40 tokens of" + " 'claims.letter'")
                    .hasMessageContaining("can never admit a call")
                    .hasMessageContaining("max-output-tokens of 50")
                    .hasMessageContaining("steward.capability.claims.letter.max-output-tokens");
        }
    }

    @Test
    void aConfiguredCeilingBelowTheOutputCapFailsAtStartupNamingTheKey() throws Exception {
        try (Steward steward = steward(Map.of("steward.capability.claims.letter.ceiling.per-call", "49 tokens"))) {
            assertThatThrownBy(() -> steward.capability(letter("")))
                    .isInstanceOf(ConfigurationException.class)
                    .hasMessageStartingWith("steward.capability.claims.letter.ceiling.per-call: the ceiling of 49"
                            + " tokens of 'claims.letter' (" + SOURCE + ") can never admit a call");
        }
    }

    @Test
    void aDegradingCeilingBelowTheOutputCapIsAllowedSinceEveryCallThenTakesTheCheaperRoute() throws Exception {
        try (Steward steward = steward(Map.of())) {
            GovernedCapability cap = steward.capability(CapabilityDefinition.builder("claims.letter")
                    .source(SOURCE)
                    .parameterNames(List.of("text"))
                    .ceiling(new CapabilityDefinition.Ceiling(
                            "", "1 tokens", "", CostCeiling.Period.DAY, CostCeiling.OnExceeded.DEGRADE, "default"))
                    .build());
            assertThat(cap).isNotNull();
        }
    }
}
