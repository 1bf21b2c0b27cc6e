package dev.steward.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.steward.api.ConfigurationException;
import dev.steward.api.RateLimitedException;
import dev.steward.api.spi.RateLimiter;
import dev.steward.api.spi.StoreFactory;
import dev.steward.core.config.ConfigValues;
import dev.steward.core.prompt.InMemoryPromptRegistry;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class RateLimiterSelectionTest {

    /** A backend whose limiter grants a fixed number of permits in all and records what it was asked. */
    static final class LimitingBackend implements StoreFactory {
        final List<String> asked = new CopyOnWriteArrayList<>();
        final AtomicInteger left = new AtomicInteger(2);
        final AtomicInteger closed = new AtomicInteger();
        final boolean offersLimiter;

        LimitingBackend(boolean offersLimiter) {
            this.offersLimiter = offersLimiter;
        }

        @Override
        public String type() {
            return "shared";
        }

        @Override
        public Set<String> keys() {
            return Set.of();
        }

        @Override
        public Stores open(Context context) {
            RateLimiter limiter = (key, permits, period) -> {
                asked.add(key + " " + permits + "/" + period);
                return left.getAndDecrement() > 0 ? Duration.ZERO : Duration.ofSeconds(7);
            };
            return new Stores() {
                @Override
                public Optional<RateLimiter> rateLimiter() {
                    return offersLimiter ? Optional.of(limiter) : Optional.empty();
                }

                @Override
                public void close() {
                    closed.incrementAndGet();
                }
            };
        }
    }

    private static Steward.Builder builder(StoreFactory backend, String store) {
        return Steward.builder()
                .config(ConfigValues.of(Map.of(
                        "steward.rate-limit.store", store,
                        "steward.audit.sink", "memory",
                        "steward.capability.claims.tag.rate-limit.permits", "5",
                        "steward.capability.claims.tag.rate-limit.period", "1h")))
                .provider(new ScriptedProvider("p"))
                .storeFactory(backend)
                .promptRegistry(new InMemoryPromptRegistry().put("claims.tag", "v1", "Tag"));
    }

    @Test
    void theConfiguredBackendsLimiterDecidesWithTheCapabilityAndUserAsKey() throws Exception {
        LimitingBackend backend = new LimitingBackend(true);
        Steward steward = builder(backend, "shared").build();
        GovernedCapability cap =
                steward.capability(CapabilityDefinition.builder("claims.tag").build());

        cap.invoke(Callers.ADJUSTER, new Object[0], null);
        cap.invoke(Callers.ADJUSTER, new Object[0], null);
        assertThatThrownBy(() -> cap.invoke(Callers.ADJUSTER, new Object[0], null))
                .isInstanceOfSatisfying(
                        RateLimitedException.class,
                        e -> assertThat(e.retryAfter()).isEqualTo(Duration.ofSeconds(7)))
                .hasMessageContaining("adjuster1");
        assertThat(backend.asked).containsOnly("claims.tag:adjuster1 5/PT1H");
        steward.close();
        assertThat(backend.closed.get()).isEqualTo(1);
    }

    @Test
    void theMemoryLimiterIsTheDefaultAndCountsPerUser() throws Exception {
        LimitingBackend backend = new LimitingBackend(true);
        try (Steward steward = builder(backend, "memory").build()) {
            GovernedCapability cap = steward.capability(
                    CapabilityDefinition.builder("claims.tag").build());
            for (int i = 0; i < 5; i++) {
                cap.invoke(Callers.ADJUSTER, new Object[0], null);
            }
            assertThatThrownBy(() -> cap.invoke(Callers.ADJUSTER, new Object[0], null))
                    .isInstanceOf(RateLimitedException.class);
            cap.invoke(Callers.ADJUSTER2, new Object[0], null);
        }
        assertThat(backend.asked).isEmpty();
    }

    @Test
    void aBackendWithoutARateLimiterFailsStartupNamingTheKey() {
        LimitingBackend backend = new LimitingBackend(false);
        assertThatThrownBy(() -> builder(backend, "shared").build())
                .isInstanceOf(ConfigurationException.class)
                .hasMessageContaining("steward.rate-limit.store")
                .hasMessageContaining("no rate limiter");
        assertThat(backend.closed.get()).isEqualTo(1);
    }

    @Test
    void anUnknownBackendFailsStartupNamingTheKey() {
        assertThatThrownBy(() -> builder(new LimitingBackend(true), "redis").build())
                .isInstanceOf(ConfigurationException.class)
                .hasMessageContaining("steward.rate-limit.store")
                .hasMessageContaining("'redis'");
    }

    @Test
    void aLimiterSetOnTheBuilderWinsOverConfiguration() throws Exception {
        LimitingBackend backend = new LimitingBackend(true);
        AtomicInteger asked = new AtomicInteger();
        try (Steward steward = builder(backend, "shared")
                .rateLimiter((key, permits, period) -> {
                    asked.incrementAndGet();
                    return Duration.ZERO;
                })
                .build()) {
            steward.capability(CapabilityDefinition.builder("claims.tag").build())
                    .invoke(Callers.ADJUSTER, new Object[0], null);
        }
        assertThat(asked.get()).isEqualTo(1);
        assertThat(backend.asked).isEmpty();
    }
}
