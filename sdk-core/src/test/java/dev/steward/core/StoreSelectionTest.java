package dev.steward.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.steward.api.ConfigurationException;
import dev.steward.api.spi.AuditSink;
import dev.steward.api.spi.BudgetLedger;
import dev.steward.api.spi.StoreFactory;
import dev.steward.core.audit.InMemoryAuditSink;
import dev.steward.core.budget.InMemoryBudgetLedger;
import dev.steward.core.config.ConfigValues;
import dev.steward.core.prompt.InMemoryPromptRegistry;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class StoreSelectionTest {

    /** A backend that keeps its stores in memory and counts how often it is opened and closed. */
    static final class CountingBackend implements StoreFactory {
        final AtomicInteger opened = new AtomicInteger();
        final AtomicInteger closed = new AtomicInteger();
        final InMemoryAuditSink sink = new InMemoryAuditSink(100);
        final InMemoryBudgetLedger ledger = new InMemoryBudgetLedger();
        volatile String url;

        @Override
        public String type() {
            return "counting";
        }

        @Override
        public Set<String> keys() {
            return Set.of("url");
        }

        @Override
        public Stores open(Context context) {
            opened.incrementAndGet();
            url = context.settings().require("url");
            return new Stores() {
                @Override
                public Optional<AuditSink> auditSink() {
                    return Optional.of(sink);
                }

                @Override
                public Optional<BudgetLedger> budgetLedger() {
                    return Optional.of(ledger);
                }

                @Override
                public void close() {
                    closed.incrementAndGet();
                }
            };
        }
    }

    private static Steward.Builder builder(CountingBackend backend, Map<String, String> config) {
        Map<String, String> all = new HashMap<>(config);
        return Steward.builder()
                .config(ConfigValues.of(all))
                .provider(new ScriptedProvider("p"))
                .storeFactory(backend)
                .promptRegistry(new InMemoryPromptRegistry().put("claims.tag", "v1", "Tag"));
    }

    @Test
    void configurationPicksTheBackendOfEachStoreAndItIsOpenedOnceAndClosedWithSteward() throws Exception {
        CountingBackend backend = new CountingBackend();
        Steward steward = builder(
                        backend,
                        Map.of(
                                "steward.audit.sink", "counting",
                                "steward.budget.ledger", "counting",
                                "steward.store.counting.url", "db://here"))
                .build();
        steward.capability(CapabilityDefinition.builder("claims.tag").build())
                .invoke(Callers.ADJUSTER, new Object[0], null);

        assertThat(backend.sink.records()).hasSize(1);
        assertThat(backend.opened.get()).isEqualTo(1);
        assertThat(backend.url).isEqualTo("db://here");
        steward.close();
        assertThat(backend.closed.get()).isEqualTo(1);
    }

    @Test
    void anUnknownBackendFailsStartupNamingTheKeyAndTheKnownOnes() {
        assertThatThrownBy(() -> builder(new CountingBackend(), Map.of("steward.budget.ledger", "redis"))
                        .build())
                .isInstanceOf(ConfigurationException.class)
                .hasMessageContaining("steward.budget.ledger")
                .hasMessageContaining("'redis'")
                .hasMessageContaining("[counting]");
    }

    @Test
    void aBackendWithoutTheStoreAskedForFailsStartupNamingTheKey() {
        CountingBackend backend = new CountingBackend();
        assertThatThrownBy(() -> builder(
                                backend,
                                Map.of("steward.approval.store", "counting", "steward.store.counting.url", "x"))
                        .build())
                .isInstanceOf(ConfigurationException.class)
                .hasMessageContaining("steward.approval.store")
                .hasMessageContaining("no approval store");
        assertThat(backend.closed.get()).isEqualTo(backend.opened.get());
    }

    @Test
    void anUnknownStoreSettingFailsStartupNamingTheKey() {
        assertThatThrownBy(() -> builder(new CountingBackend(), Map.of("steward.store.counting.uri", "x"))
                        .build())
                .isInstanceOf(ConfigurationException.class)
                .hasMessageContaining("steward.store.counting.uri")
                .hasMessageContaining("url");
        assertThatThrownBy(() -> builder(new CountingBackend(), Map.of("steward.store.mongo.url", "x"))
                        .build())
                .isInstanceOf(ConfigurationException.class)
                .hasMessageContaining("steward.store.mongo.url");
    }

    @Test
    void aMissingRequiredStoreSettingNamesTheFullKey() {
        assertThatThrownBy(() -> builder(new CountingBackend(), Map.of("steward.audit.sink", "counting"))
                        .build())
                .isInstanceOf(ConfigurationException.class)
                .hasMessageContaining("steward.store.counting.url");
    }
}
