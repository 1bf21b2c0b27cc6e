package dev.steward.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.steward.api.ConfigurationException;
import dev.steward.api.PromptNotFoundException;
import dev.steward.api.annotation.AiCapability;
import dev.steward.api.annotation.CostCeiling;
import dev.steward.api.annotation.RequiresApproval;
import dev.steward.core.audit.InMemoryAuditSink;
import dev.steward.core.config.ConfigValues;
import dev.steward.core.prompt.InMemoryPromptRegistry;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class MisconfigurationTest {

    /** A service as an application would write it. */
    static class ClaimService {
        @AiCapability(value = "claims.summarize", fallback = "summarizeLocally")
        public String summarize(String text) {
            return null;
        }

        public String summarizeLocally(String text) {
            return text;
        }

        @AiCapability("claims.unknown-prompt")
        public String unknownPrompt(String text) {
            return null;
        }

        @AiCapability(value = "claims.summarize", route = "premium")
        public String unknownRoute(String text) {
            return null;
        }

        @AiCapability("claims.summarize")
        @CostCeiling(perUser = "-5 tokens")
        public String negativeCeiling(String text) {
            return null;
        }

        @AiCapability("claims.summarize")
        public String wrongVariable(String claim) {
            return null;
        }

        @AiCapability(value = "claims.summarize", fallback = "summarizeLocally")
        public String fallbackWithOtherParameters(String text, int length) {
            return null;
        }

        @AiCapability("claims.summarize")
        @RequiresApproval(role = "supervisor", expiry = "two days")
        public String badExpiry(String text) {
            return null;
        }
    }

    private static Steward steward(Map<String, String> config) {
        return Steward.builder()
                .config(ConfigValues.of(config))
                .provider(new ScriptedProvider("p"))
                .promptRegistry(new InMemoryPromptRegistry().put("claims.summarize", "v1", "Summarize {{text}}"))
                .auditSink(new InMemoryAuditSink(10))
                .build();
    }

    private static CapabilityDefinition method(String name) {
        return CapabilityDefinition.fromMethod(java.util.Arrays.stream(ClaimService.class.getDeclaredMethods())
                .filter(m -> m.getName().equals(name))
                .findFirst()
                .orElseThrow());
    }

    @Test
    void aWellFormedMethodComposes() throws Exception {
        try (Steward s = steward(Map.of())) {
            GovernedCapability cap = s.capability(method("summarize"));
            assertThat(cap.definition().source()).endsWith("ClaimService#summarize");
            assertThat(cap.definition().parameterNames()).containsExactly("text");
            assertThat(cap.invoke(Callers.ADJUSTER, new Object[] {"x"}, null)).isEqualTo("answer from p");
        }
    }

    @Test
    void aMissingPromptFailsAtStartupNamingTheMethod() throws Exception {
        try (Steward s = steward(Map.of())) {
            assertThatThrownBy(() -> s.capability(method("unknownPrompt")))
                    .isInstanceOf(ConfigurationException.class)
                    .hasMessageContaining("ClaimService#unknownPrompt")
                    .hasMessageContaining("claims.unknown-prompt");
        }
    }

    @Test
    void aMissingPinnedVersionFailsAtStartupNamingTheKey() throws Exception {
        try (Steward s = steward(Map.of("steward.capability.claims.summarize.prompt.version", "v9"))) {
            assertThatThrownBy(() -> s.capability(method("summarize")))
                    .isInstanceOfSatisfying(
                            ConfigurationException.class,
                            e -> assertThat(e.key()).contains("steward.capability.claims.summarize.prompt.version"))
                    .hasMessageContaining("v9")
                    .hasMessageContaining("[v1]");
        }
    }

    @Test
    void aPinChangedAtRunTimeToAMissingVersionIsATypedFailure() throws Exception {
        Map<String, String> live = new java.util.concurrent.ConcurrentHashMap<>();
        ConfigValues values = new ConfigValues() {
            @Override
            public java.util.Optional<String> get(String key) {
                return java.util.Optional.ofNullable(live.get(key));
            }

            @Override
            public Iterable<String> keys() {
                return live.keySet();
            }
        };
        try (Steward s = Steward.builder()
                .config(values)
                .provider(new ScriptedProvider("p"))
                .promptRegistry(new InMemoryPromptRegistry().put("claims.summarize", "v1", "Summarize {{text}}"))
                .auditSink(new InMemoryAuditSink(10))
                .build()) {
            GovernedCapability cap = s.capability(method("summarize"));
            live.put("steward.capability.claims.summarize.prompt.version", "v7");
            assertThatThrownBy(() -> cap.invoke(Callers.ADJUSTER, new Object[] {"x"}, null))
                    .isInstanceOf(PromptNotFoundException.class)
                    .hasMessageContaining("v7");
        }
    }

    @Test
    void anUnknownRouteFailsAtStartupNamingTheMethodAndTheRoute() throws Exception {
        try (Steward s = steward(Map.of())) {
            assertThatThrownBy(() -> s.capability(method("unknownRoute")))
                    .isInstanceOf(ConfigurationException.class)
                    .hasMessageContaining("ClaimService#unknownRoute")
                    .hasMessageContaining("unknown route 'premium'")
                    .hasMessageContaining("steward.route.premium.providers");
        }
    }

    @Test
    void aNegativeCeilingFailsAtStartupNamingTheMethodOrTheKey() throws Exception {
        try (Steward s = steward(Map.of())) {
            assertThatThrownBy(() -> s.capability(method("negativeCeiling")))
                    .isInstanceOf(ConfigurationException.class)
                    .hasMessageContaining("ClaimService#negativeCeiling")
                    .hasMessageContaining("perUser")
                    .hasMessageContaining("must not be negative");
        }
        try (Steward s = steward(Map.of("steward.capability.claims.summarize.ceiling.per-tenant", "-1.00 USD"))) {
            assertThatThrownBy(() -> s.capability(method("summarize")))
                    .isInstanceOf(ConfigurationException.class)
                    .hasMessageContaining("steward.capability.claims.summarize.ceiling.per-tenant");
        }
    }

    @Test
    void anUnknownTemplateVariableFailsAtStartupNamingTheVariableAndTheParameters() throws Exception {
        try (Steward s = steward(Map.of())) {
            assertThatThrownBy(() -> s.capability(method("wrongVariable")))
                    .isInstanceOf(ConfigurationException.class)
                    .hasMessageContaining("ClaimService#wrongVariable")
                    .hasMessageContaining("{{text}}")
                    .hasMessageContaining("[claim]");
        }
    }

    @Test
    void aFallbackWhoseParametersDoNotMatchFailsNamingTheMethod() {
        assertThatThrownBy(() -> method("fallbackWithOtherParameters"))
                .isInstanceOf(ConfigurationException.class)
                .hasMessageContaining("ClaimService#fallbackWithOtherParameters")
                .hasMessageContaining("summarizeLocally(java.lang.String, int)");
    }

    @Test
    void aBadApprovalExpiryFailsNamingTheAttribute() throws Exception {
        try (Steward s = steward(Map.of())) {
            assertThatThrownBy(() -> s.capability(method("badExpiry")))
                    .isInstanceOf(ConfigurationException.class)
                    .hasMessageContaining("@RequiresApproval.expiry")
                    .hasMessageContaining("two days");
        }
    }

    @Test
    void unknownOrMistypedKeysFailTheBuildNamingTheKey() {
        assertThatThrownBy(() -> steward(Map.of("steward.capability.claims.summarize.enabeld", "false")))
                .isInstanceOfSatisfying(
                        ConfigurationException.class,
                        e -> assertThat(e.key()).isEqualTo("steward.capability.claims.summarize.enabeld"))
                .hasMessageContaining("enabled");
        assertThatThrownBy(() -> steward(Map.of("steward.provider.p.timeout", "soon")))
                .hasMessageContaining("steward.provider.p.timeout")
                .hasMessageContaining("PT2S");
        assertThatThrownBy(() -> steward(Map.of("steward.route.default.providers", "p,q")))
                .hasMessageContaining("steward.route.default.providers")
                .hasMessageContaining("unknown provider 'q'");
        assertThatThrownBy(() -> steward(Map.of("steward.provider.x.type", "gateway")))
                .hasMessageContaining("unknown provider type 'gateway'");
        assertThatThrownBy(() -> steward(Map.of("steward.audti.sink", "memory")))
                .hasMessageContaining("steward.audti.sink");
    }

    @Test
    void configurationForACapabilityNoMethodDeclaresIsReported() throws Exception {
        Map<String, String> config = new HashMap<>(Map.of("steward.capability.claims.sumarize.enabled", "false"));
        try (Steward s = steward(config)) {
            s.capability(method("summarize"));
            assertThatThrownBy(s::verifyConfiguredCapabilities)
                    .hasMessageContaining("steward.capability.claims.sumarize.enabled")
                    .hasMessageContaining("claims.summarize");
        }
    }

    @Test
    void theDefaultRegistryReadsVersionedPromptsFromTheClasspath() throws Exception {
        try (Steward s = Steward.builder()
                .config(ConfigValues.of(Map.of("steward.audit.sink", "memory")))
                .provider(new ScriptedProvider("p").echoes())
                .build()) {
            GovernedCapability cap = s.capability(method("summarize"));
            assertThat(cap.invoke(Callers.ADJUSTER, new Object[] {"the claim"}, null))
                    .isEqualTo("Summarize in two lines: the claim\n");
            assertThat(s.auditTrail()
                            .orElseThrow()
                            .search(new dev.steward.core.audit.AuditQuery("claims.summarize", null, null, null, 5)))
                    .singleElement()
                    .satisfies(r -> assertThat(r.promptVersion()).isEqualTo("v10"));
        }
        assertThat(List.of()).isEmpty();
    }
}
