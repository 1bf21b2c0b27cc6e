package dev.steward.providers;

import static org.assertj.core.api.Assertions.assertThat;

import dev.steward.api.spi.InferenceProviderFactory;
import java.util.HashMap;
import java.util.Map;
import java.util.ServiceLoader;
import org.junit.jupiter.api.Test;

class ProviderDiscoveryTest {

    @Test
    void registersEveryProviderTypeWithTheServiceLoader() {
        Map<String, InferenceProviderFactory> byType = new HashMap<>();
        ServiceLoader.load(InferenceProviderFactory.class).forEach(f -> byType.put(f.type(), f));

        assertThat(byType).containsOnlyKeys("gateway", "ollama", "local-llama", "local-embeddings");
    }

    @Test
    void noFactoryClaimsAKeyThatCoreOwns() {
        ServiceLoader.load(InferenceProviderFactory.class)
                .forEach(f -> assertThat(f.keys())
                        .as(f.type())
                        .doesNotContain(
                                "type",
                                "enabled",
                                "timeout",
                                "retry.max-attempts",
                                "retry.backoff",
                                "circuit-breaker.failure-threshold"));
    }
}
