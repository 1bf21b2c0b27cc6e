package dev.steward.core;

import static org.assertj.core.api.Assertions.assertThat;

import dev.steward.api.AuditRecord;
import dev.steward.core.audit.InMemoryAuditSink;
import dev.steward.core.config.ConfigValues;
import dev.steward.core.prompt.InMemoryPromptRegistry;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class CanaryTest {

    private static final int CALLS = 10_000;

    private long v2Share(Map<String, String> config) throws Exception {
        InMemoryAuditSink audit = new InMemoryAuditSink(CALLS);
        ScriptedProvider provider = new ScriptedProvider("p").echoes();
        try (Steward steward = Steward.builder()
                .config(ConfigValues.of(config))
                .provider(provider)
                .promptRegistry(new InMemoryPromptRegistry()
                        .put("claims.triage", "v1", "one {{text}}")
                        .put("claims.triage", "v2", "two {{text}}"))
                .auditSink(audit)
                .build()) {
            GovernedCapability cap = steward.capability(CapabilityDefinition.builder("claims.triage")
                    .prompt("", "v1")
                    .parameterNames(java.util.List.of("text"))
                    .build());
            long answeredByV2 = 0;
            for (int i = 0; i < CALLS; i++) {
                if (cap.invoke(Callers.ADJUSTER, new Object[] {"x"}, null).startsWith("two")) {
                    answeredByV2++;
                }
            }
            long auditedAsV2 = audit.records().stream()
                    .map(AuditRecord::promptVersion)
                    .filter("v2"::equals)
                    .count();
            assertThat(auditedAsV2).isEqualTo(answeredByV2);
            return answeredByV2;
        }
    }

    @Test
    void tenPercentCanarySendsAboutATenthOfCallsToTheNewVersion() throws Exception {
        long v2 = v2Share(Map.of(
                "steward.capability.claims.triage.prompt.canary.version", "v2",
                "steward.capability.claims.triage.prompt.canary.percent", "10"));
        assertThat(v2).isBetween(850L, 1150L);
    }

    @Test
    void aPinOverridesTheCanary() throws Exception {
        Map<String, String> config = new HashMap<>(Map.of(
                "steward.capability.claims.triage.prompt.canary.version", "v2",
                "steward.capability.claims.triage.prompt.canary.percent", "10",
                "steward.capability.claims.triage.prompt.version", "v1"));
        assertThat(v2Share(config)).isZero();
        config.put("steward.capability.claims.triage.prompt.version", "v2");
        assertThat(v2Share(config)).isEqualTo(CALLS);
    }
}
