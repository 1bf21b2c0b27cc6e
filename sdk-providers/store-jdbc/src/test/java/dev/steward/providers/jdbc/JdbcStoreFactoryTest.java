package dev.steward.providers.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.steward.api.AuditFailedException;
import dev.steward.api.AuditRecord;
import dev.steward.api.ConfigurationException;
import dev.steward.api.Outcome;
import dev.steward.api.TokenUsage;
import dev.steward.api.annotation.CostCeiling;
import dev.steward.core.CapabilityDefinition;
import dev.steward.core.Steward;
import dev.steward.core.audit.AuditQuery;
import dev.steward.core.audit.AuditVerifier;
import dev.steward.core.config.ConfigValues;
import dev.steward.core.prompt.InMemoryPromptRegistry;
import dev.steward.providers.jdbc.internal.Dialect;
import dev.steward.providers.jdbc.internal.Schema;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.Hashtable;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import java.util.logging.SimpleFormatter;
import javax.naming.Context;
import javax.naming.InitialContext;
import javax.naming.NamingException;
import javax.naming.spi.InitialContextFactory;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class JdbcStoreFactoryTest {

    private final TestDatabase db = TestDatabase.h2();

    @AfterEach
    void drop() throws Exception {
        System.clearProperty(Context.INITIAL_CONTEXT_FACTORY);
        db.drop();
    }

    private Steward.Builder steward(Map<String, String> config) {
        return Steward.builder()
                .config(ConfigValues.of(new HashMap<>(config)))
                .provider(new TestPipeline.FixedProvider("ok", 1.0))
                .tokenCounter(new TestPipeline.CharacterCounter())
                .promptRegistry(new InMemoryPromptRegistry().put("claims.tag", "v1", "x"));
    }

    @Test
    void configurationSelectsTheJdbcStoresFoundOnTheClassPath() throws Exception {
        try (Steward steward = steward(Map.of(
                        "steward.audit.sink", "jdbc",
                        "steward.budget.ledger", "jdbc",
                        "steward.approval.store", "jdbc",
                        "steward.store.jdbc.url", db.url,
                        "steward.store.jdbc.migrate", "true",
                        "steward.store.jdbc.table-prefix", db.prefix,
                        "steward.store.jdbc.checkpoint-every", "1",
                        "steward.capability.claims.tag.max-output-tokens", "9"))
                .build()) {
            var tag = steward.capability(CapabilityDefinition.builder("claims.tag")
                    .ceiling(new CapabilityDefinition.Ceiling(
                            "", "", "25 tokens", CostCeiling.Period.DAY, CostCeiling.OnExceeded.REJECT, ""))
                    .build());
            assertThat(tag.invoke(JdbcStoresContract.ADJUSTER, new Object[0], null))
                    .isEqualTo("ok");
            assertThat(tag.invoke(JdbcStoresContract.ADJUSTER, new Object[0], null))
                    .isEqualTo("ok");
            assertThatThrownBy(() -> tag.invoke(JdbcStoresContract.ADJUSTER, new Object[0], null))
                    .isInstanceOf(dev.steward.api.BudgetExceededException.class);

            assertThat(steward.auditTrail().orElseThrow().search(new AuditQuery(null, null, null, null, 10)))
                    .extracting(r -> r.outcome())
                    .containsExactly(Outcome.BUDGET_REJECTED, Outcome.SUCCEEDED, Outcome.SUCCEEDED);
            assertThat(steward.auditTrail().orElseThrow()).isInstanceOf(JdbcAuditSink.class);
        }
        try (Connection c = db.connect();
                Statement s = c.createStatement();
                var rs = s.executeQuery("SELECT spent FROM " + db.prefix + "budget")) {
            assertThat(rs.next()).isTrue();
            assertThat(rs.getLong(1)).isEqualTo(20);
        }
        assertThat(new TokenUsage(1, 9).totalTokens()).isEqualTo(10);
    }

    @Test
    void theAuditSinkLogsTheChainHeadAtInfoEveryCheckpointEveryRecordsAndOnClose() throws Exception {
        List<LogRecord> logged = Collections.synchronizedList(new ArrayList<>());
        Handler capture = new Handler() {
            @Override
            public void publish(LogRecord r) {
                logged.add(r);
            }

            @Override
            public void flush() {}

            @Override
            public void close() {}
        };
        Logger log = Logger.getLogger(JdbcAuditSink.class.getName());
        log.addHandler(capture);
        List<AuditVerifier.Checkpoint> heads = new ArrayList<>();
        try {
            try (Steward steward = steward(Map.of(
                            "steward.audit.sink", "jdbc",
                            "steward.store.jdbc.url", db.url,
                            "steward.store.jdbc.migrate", "true",
                            "steward.store.jdbc.table-prefix", db.prefix,
                            "steward.store.jdbc.checkpoint-every", "2"))
                    .build()) {
                var tag = steward.capability(
                        CapabilityDefinition.builder("claims.tag").build());
                JdbcAuditSink sink = (JdbcAuditSink) steward.auditTrail().orElseThrow();
                for (int i = 0; i < 3; i++) {
                    tag.invoke(JdbcStoresContract.ADJUSTER, new Object[0], null);
                    heads.add(sink.head().orElseThrow());
                }
            }
        } finally {
            log.removeHandler(capture);
        }
        List<String> info;
        synchronized (logged) {
            info = logged.stream()
                    .filter(r -> r.getLevel() == Level.INFO)
                    .map(r -> new SimpleFormatter().formatMessage(r))
                    .filter(m -> m.startsWith("audit checkpoint"))
                    .toList();
        }

        String table = db.prefix + "audit";
        assertThat(heads).extracting(AuditVerifier.Checkpoint::sequence).containsExactly(1L, 2L, 3L);
        assertThat(info)
                .containsExactly(
                        "audit checkpoint " + table + ": sequence 2 hash "
                                + heads.get(1).hash(),
                        "audit checkpoint " + table + ": sequence 3 hash "
                                + heads.get(2).hash() + " (sink closed)");
        assertThat(heads.get(1).hash()).matches("[0-9a-f]{64}");
    }

    @Test
    void queueCapacityBoundsTheRecordsWaitingForTheDatabase() throws Exception {
        Duration timeout = Duration.ofMillis(500);
        try (Steward steward = steward(Map.of(
                        "steward.audit.sink", "jdbc",
                        "steward.audit.write-timeout", "500ms",
                        "steward.store.jdbc.url", db.url,
                        "steward.store.jdbc.migrate", "true",
                        "steward.store.jdbc.table-prefix", db.prefix,
                        "steward.store.jdbc.queue-capacity", "1"))
                .build()) {
            JdbcAuditSink sink = (JdbcAuditSink) steward.auditTrail().orElseThrow();
            AuditRecord first = TestRecords.record(0);
            sink.write(first);
            AuditRecord queued = TestRecords.record(1);
            AuditRecord refused = TestRecords.record(2);
            try (Connection holder = db.connect()) {
                holder.setAutoCommit(false);
                try (Statement s = holder.createStatement();
                        ResultSet rs =
                                s.executeQuery("SELECT seq FROM " + db.prefix + "audit_head WHERE id = 1 FOR UPDATE")) {
                    assertThat(rs.next()).isTrue();
                }
                // the first record waits for the locked head and stays queued, filling the queue of one
                assertThatThrownBy(() -> sink.write(queued))
                        .isInstanceOf(AuditFailedException.class)
                        .hasMessageContaining("not committed within");
                long start = System.nanoTime();
                assertThatThrownBy(() -> sink.write(refused))
                        .isInstanceOf(AuditFailedException.class)
                        .hasMessageContaining(refused.id())
                        .hasMessageContaining("refused: 1 records are waiting for the database");
                assertThat(Duration.ofNanos(System.nanoTime() - start)).isGreaterThanOrEqualTo(timeout.minusMillis(50));
                holder.rollback();
            }
            await().atMost(Duration.ofSeconds(15))
                    .until(() ->
                            sink.head().map(AuditVerifier.Checkpoint::sequence).orElse(0L) == 2);
            assertThat(sink.search(new AuditQuery(null, null, null, null, 10)))
                    .extracting(AuditRecord::id)
                    .containsExactly(queued.id(), first.id());
        }
        assertThatThrownBy(() -> steward(Map.of(
                                "steward.audit.sink", "jdbc",
                                "steward.store.jdbc.url", db.url,
                                "steward.store.jdbc.migrate", "true",
                                "steward.store.jdbc.table-prefix", db.prefix,
                                "steward.store.jdbc.queue-capacity", "0"))
                        .build())
                .isInstanceOf(ConfigurationException.class)
                .hasMessageContaining("steward.store.jdbc.queue-capacity");
    }

    @Test
    void neitherOrBothOfDatasourceAndUrlFailStartupNamingBothKeys() {
        assertThatThrownBy(() -> steward(Map.of("steward.audit.sink", "jdbc")).build())
                .isInstanceOf(ConfigurationException.class)
                .hasMessageContaining("steward.store.jdbc.datasource")
                .hasMessageContaining("steward.store.jdbc.url");
        assertThatThrownBy(() -> steward(Map.of(
                                "steward.budget.ledger", "jdbc",
                                "steward.store.jdbc.url", db.url,
                                "steward.store.jdbc.datasource", "jdbc/steward"))
                        .build())
                .isInstanceOf(ConfigurationException.class)
                .hasMessageContaining("both set");
    }

    @Test
    void captureStoreJdbcKeepsCapturesInTheDatabase() throws Exception {
        try (Steward steward = steward(Map.of(
                        "steward.audit.sink", "memory",
                        "steward.capture.store", "jdbc",
                        "steward.capability.claims.tag.capture", "hashed",
                        "steward.store.jdbc.url", db.url,
                        "steward.store.jdbc.migrate", "true",
                        "steward.store.jdbc.table-prefix", db.prefix))
                .build()) {
            var tag = steward.capability(
                    CapabilityDefinition.builder("claims.tag").build());
            tag.invoke(JdbcStoresContract.ADJUSTER, new Object[0], null);
            String id = steward.auditTrail()
                    .orElseThrow()
                    .search(new AuditQuery(null, null, null, null, 10))
                    .get(0)
                    .id();

            var capture = steward.captures().read(id, JdbcStoresContract.SUPERVISOR);

            assertThat(capture).hasValueSatisfying(c -> assertThat(c.answer()).hasSize(64));
        }
        try (Connection c = db.connect();
                Statement s = c.createStatement();
                var rs = s.executeQuery("SELECT capture_mode FROM " + db.prefix + "capture")) {
            assertThat(rs.next()).isTrue();
            assertThat(rs.getString(1)).isEqualTo("HASHED");
        }
    }

    @Test
    void aMissingSchemaFailsStartupSayingHowToApplyIt() {
        assertThatThrownBy(() -> steward(Map.of(
                                "steward.approval.store", "jdbc",
                                "steward.store.jdbc.url", db.url,
                                "steward.store.jdbc.table-prefix", db.prefix))
                        .build())
                .isInstanceOf(ConfigurationException.class)
                .hasMessageContaining("steward.store.jdbc.migrate")
                .hasMessageContaining(
                        "META-INF/steward/jdbc/h2/V1__steward.sql, then META-INF/steward/jdbc/h2/V2__steward.sql");
    }

    @Test
    void invalidSettingsFailStartupNamingTheKey() {
        assertThatThrownBy(
                        () -> steward(Map.of("steward.store.jdbc.uri", db.url)).build())
                .isInstanceOf(ConfigurationException.class)
                .hasMessageContaining("steward.store.jdbc.uri");
        assertThatThrownBy(() -> steward(Map.of(
                                "steward.audit.sink", "jdbc",
                                "steward.store.jdbc.url", db.url,
                                "steward.store.jdbc.table-prefix", "Robert'); DROP TABLE x;--"))
                        .build())
                .isInstanceOf(ConfigurationException.class)
                .hasMessageContaining("steward.store.jdbc.table-prefix");
        assertThatThrownBy(() -> steward(Map.of(
                                "steward.audit.sink", "jdbc",
                                "steward.store.jdbc.url", db.url,
                                "steward.store.jdbc.pool-size", "0"))
                        .build())
                .isInstanceOf(ConfigurationException.class)
                .hasMessageContaining("steward.store.jdbc.pool-size");
        assertThatThrownBy(() -> steward(Map.of(
                                "steward.audit.sink", "jdbc",
                                "steward.store.jdbc.url", "jdbc:nosuchdriver://x"))
                        .build())
                .isInstanceOf(ConfigurationException.class)
                .hasMessageContaining("steward.store.jdbc.url");
    }

    /** Serves one H2 data source under {@code jdbc/steward}, as a server's naming service would. */
    public static final class TestNaming implements InitialContextFactory {
        static volatile JdbcDataSource dataSource;

        @Override
        public Context getInitialContext(Hashtable<?, ?> environment) throws NamingException {
            return new InitialContext(true) {
                @Override
                public Object lookup(String name) throws NamingException {
                    if (name.equals("jdbc/steward")) {
                        return dataSource;
                    }
                    throw new javax.naming.NameNotFoundException(name);
                }
            };
        }
    }

    @Test
    void aJndiNameOpensTheServersDataSourceAndAnUnknownNameFailsStartup() throws Exception {
        JdbcDataSource ds = new JdbcDataSource();
        ds.setURL(db.url);
        TestNaming.dataSource = ds;
        System.setProperty(Context.INITIAL_CONTEXT_FACTORY, TestNaming.class.getName());
        try (Steward steward = steward(Map.of(
                        "steward.approval.store", "jdbc",
                        "steward.store.jdbc.datasource", "jdbc/steward",
                        "steward.store.jdbc.migrate", "true",
                        "steward.store.jdbc.table-prefix", db.prefix))
                .build()) {
            assertThat(steward.approvals().pending(JdbcStoresContract.SUPERVISOR))
                    .isEmpty();
        }
        assertThatThrownBy(() -> steward(Map.of(
                                "steward.approval.store", "jdbc",
                                "steward.store.jdbc.datasource", "jdbc/missing"))
                        .build())
                .isInstanceOf(ConfigurationException.class)
                .hasMessageContaining("steward.store.jdbc.datasource")
                .hasMessageContaining("jdbc/missing");
        assertThatThrownBy(() -> steward(Map.of(
                                "steward.approval.store", "jdbc",
                                "steward.store.jdbc.datasource", "jdbc/steward",
                                "steward.store.jdbc.user", "sa"))
                        .build())
                .isInstanceOf(ConfigurationException.class)
                .hasMessageContaining("steward.store.jdbc.user");
    }

    @Test
    void anApplicationDataSourceServesWhenNeitherKeyIsSetAndTheUrlStillWins() throws Exception {
        JdbcDataSource ds = new JdbcDataSource();
        ds.setURL(db.url);
        try (Steward steward = steward(Map.of(
                        "steward.approval.store", "jdbc",
                        "steward.store.jdbc.migrate", "true",
                        "steward.store.jdbc.table-prefix", db.prefix))
                .storeFactory(new JdbcStoreFactory(ds))
                .build()) {
            assertThat(steward.approvals().pending(JdbcStoresContract.SUPERVISOR))
                    .isEmpty();
        }
        try (Connection c = ds.getConnection();
                Statement s = c.createStatement();
                var rs = s.executeQuery("SELECT COUNT(*) FROM " + db.prefix + "approval")) {
            assertThat(rs.next()).isTrue();
        }
        assertThatThrownBy(() -> steward(Map.of("steward.approval.store", "jdbc", "steward.store.jdbc.password", "x"))
                        .storeFactory(new JdbcStoreFactory(ds))
                        .build())
                .isInstanceOf(ConfigurationException.class)
                .hasMessageContaining("steward.store.jdbc.password")
                .hasMessageContaining("the application's DataSource");
    }

    @Test
    void theScriptsRunTwiceByHandWithoutHarmAndCountAsApplied() throws Exception {
        Schema schema = new Schema(Dialect.H2, db.prefix);
        List<String> statements = new java.util.ArrayList<>();
        for (int v = 1; v <= Schema.LATEST; v++) {
            statements.addAll(schema.statements(v));
        }
        assertThat(statements).allSatisfy(sql -> assertThat(sql).doesNotContain("steward_"));
        try (Connection c = db.connect();
                Statement s = c.createStatement()) {
            for (int run = 0; run < 2; run++) {
                for (String sql : statements) {
                    s.execute(sql);
                }
            }
        }
        try (JdbcStores stores = db.stores().migrate(false).open()) {
            assertThat(stores.approvals().pending(Set.of("supervisor"))).isEmpty();
            assertThat(stores.captures().find("none")).isEmpty();
        }
    }
}
