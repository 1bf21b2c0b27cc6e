package dev.steward.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.steward.api.AuditFailedException;
import dev.steward.api.AuditRecord;
import dev.steward.api.ConfigurationException;
import dev.steward.api.spi.AuditSink;
import dev.steward.core.audit.InMemoryAuditSink;
import dev.steward.core.config.ConfigValues;
import dev.steward.core.prompt.InMemoryPromptRegistry;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AuditOnOutageTest {

    @TempDir
    Path dir;

    private final ScriptedProvider provider = new ScriptedProvider("p");

    /** An audit store that is reachable or not. */
    static final class OutageSink implements AuditSink {
        volatile boolean down;
        private final List<AuditRecord> stored = new ArrayList<>();

        @Override
        public synchronized void write(AuditRecord record) {
            if (down) {
                throw new IllegalStateException("the audit database is unreachable");
            }
            stored.add(record);
        }

        synchronized List<AuditRecord> stored() {
            return List.copyOf(stored);
        }
    }

    private Steward steward(AuditSink sink, Map<String, String> extra) {
        Map<String, String> config = new HashMap<>(extra);
        config.put("steward.audit.spool.path", dir.resolve("spool").toString());
        return Steward.builder()
                .config(ConfigValues.of(config))
                .provider(provider)
                .auditSink(sink)
                .promptRegistry(new InMemoryPromptRegistry().put("claims.summarize", "v1", "Summarize {{text}}"))
                .build();
    }

    private static GovernedCapability summarize(Steward steward) {
        return steward.capability(CapabilityDefinition.builder("claims.summarize")
                .source("ClaimService#summarize")
                .parameterNames(List.of("text"))
                .build());
    }

    @Test
    void byDefaultACallWhoseRecordTheStoreRefusesFailsClosed() throws Exception {
        OutageSink sink = new OutageSink();
        sink.down = true;
        try (Steward steward = steward(sink, Map.of())) {
            assertThatThrownBy(() -> summarize(steward).invoke(Callers.ADJUSTER, new Object[] {"claim"}, null))
                    .isInstanceOf(AuditFailedException.class)
                    .hasMessageContaining("unreachable")
                    .hasMessageNotContaining("answer from p");
        }
    }

    @Test
    void withASpoolACallDuringAnOutageAnswersAndItsRecordReachesTheStoreWhenItReturns() throws Exception {
        OutageSink sink = new OutageSink();
        try (Steward steward = steward(sink, Map.of("steward.audit.on-outage", "spool"))) {
            GovernedCapability cap = summarize(steward);
            sink.down = true;
            assertThat(cap.invoke(Callers.ADJUSTER, new Object[] {"first"}, null))
                    .isEqualTo("answer from p");
            assertThat(cap.invoke(Callers.ADJUSTER, new Object[] {"second"}, null))
                    .isEqualTo("answer from p");
            assertThat(sink.stored()).isEmpty();

            sink.down = false;
            await().atMost(Duration.ofSeconds(10)).until(() -> sink.stored().size() == 2);
            assertThat(sink.stored()).allSatisfy(r -> assertThat(r.principal()).isEqualTo("adjuster1"));
            assertThat(sink.stored().get(0).timestamp())
                    .isBeforeOrEqualTo(sink.stored().get(1).timestamp());
        }
    }

    @Test
    void theAuditTrailOfTheStoreStaysReadableBehindTheSpool() throws Exception {
        InMemoryAuditSink memory = new InMemoryAuditSink(10);
        try (Steward steward = steward(memory, Map.of("steward.audit.on-outage", "spool"))) {
            assertThat(steward.auditTrail()).containsSame(memory);
        }
    }

    @Test
    void anUnknownOutageBehaviourFailsTheBuildNamingTheKey() {
        assertThatThrownBy(() -> steward(new OutageSink(), Map.of("steward.audit.on-outage", "ignore")))
                .isInstanceOfSatisfying(
                        ConfigurationException.class, e -> assertThat(e.key()).isEqualTo("steward.audit.on-outage"))
                .hasMessageContaining("fail")
                .hasMessageContaining("spool");
    }

    @Test
    void twoInstancesOnOneSpoolDirectoryFailTheSecondBuildNamingTheKey() throws Exception {
        try (Steward first = steward(new OutageSink(), Map.of("steward.audit.on-outage", "spool"))) {
            assertThatThrownBy(() -> steward(new OutageSink(), Map.of("steward.audit.on-outage", "spool")))
                    .isInstanceOfSatisfying(
                            ConfigurationException.class,
                            e -> assertThat(e.key()).isEqualTo("steward.audit.spool.path"))
                    .hasMessageContaining("in use");
        }
    }
}
