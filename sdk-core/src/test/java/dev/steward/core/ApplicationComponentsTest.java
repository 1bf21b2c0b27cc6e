package dev.steward.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.steward.api.ConfigurationException;
import dev.steward.api.TokenUsage;
import dev.steward.api.spi.AuditSink;
import dev.steward.core.audit.InMemoryAuditSink;
import dev.steward.core.config.ConfigValues;
import dev.steward.core.prompt.InMemoryPromptRegistry;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ApplicationComponentsTest {

    private static ApplicationComponents of(Map<Class<?>, List<?>> byType) {
        return new ApplicationComponents() {
            @Override
            @SuppressWarnings("unchecked")
            public <T> List<T> all(Class<T> type) {
                return (List<T>) byType.getOrDefault(type, List.of());
            }
        };
    }

    @Test
    void takesTheApplicationsProviderPromptsAndAuditSink() throws Exception {
        ScriptedProvider provider = new ScriptedProvider("p").answers("ok", "m", new TokenUsage(1, 1));
        InMemoryAuditSink audit = new InMemoryAuditSink(10);
        try (Steward steward = Steward.builder()
                .config(ConfigValues.of(Map.of("steward.capability.c.allow-anonymous", "true")))
                .components(of(Map.of(
                        dev.steward.api.spi.InferenceProvider.class, List.of(provider),
                        dev.steward.api.spi.PromptRegistry.class,
                                List.of(new InMemoryPromptRegistry().put("c", "v1", "x")),
                        AuditSink.class, List.of(audit))))
                .build()) {
            assertThat(steward.capability(CapabilityDefinition.builder("c").build())
                            .invoke(Callers.ANONYMOUS, new Object[0], null))
                    .isEqualTo("ok");
            assertThat(audit.records()).hasSize(1);
        }
    }

    @Test
    void rejectsTwoComponentsOfAKindTakenOnce() {
        assertThatThrownBy(() -> Steward.builder()
                        .components(of(
                                Map.of(AuditSink.class, List.of(new InMemoryAuditSink(1), new InMemoryAuditSink(1)))))
                        .build())
                .isInstanceOf(ConfigurationException.class)
                .hasMessageContaining(AuditSink.class.getName())
                .hasMessageContaining("more than one AuditSink bean");
    }
}
