package dev.steward.providers.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import dev.steward.api.CaptureMode;
import dev.steward.api.CaptureRecord;
import dev.steward.api.spi.CaptureStore;
import dev.steward.providers.testing.LocalServices;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * One database the tests run against, with a table prefix of its own per test class, so that runs are repeatable
 * and never collide with other runs on the same server; {@link #drop()} removes the tables again.
 */
final class TestDatabase {

    static final List<String> TABLES =
            List.of("audit", "audit_head", "budget", "budget_reservation", "approval", "capture", "schema_version");

    final String name;
    final String url;
    final String prefix = "t" + UUID.randomUUID().toString().replace("-", "").substring(0, 10) + "_";

    private TestDatabase(String name, String url) {
        this.name = name;
        this.url = url;
    }

    static TestDatabase postgres() {
        return new TestDatabase("PostgreSQL", LocalServices.postgres());
    }

    static TestDatabase mariadb() {
        return new TestDatabase("MariaDB", LocalServices.mariadb());
    }

    static TestDatabase h2() {
        return new TestDatabase(
                "H2", "jdbc:h2:mem:steward-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1;LOCK_TIMEOUT=10000");
    }

    /** Stores on this database with the class's prefix, migrating the schema. */
    JdbcStores.Builder stores() {
        return JdbcStores.builder(url, null, null).tablePrefix(prefix).migrate(true);
    }

    Connection connect() throws SQLException {
        return DriverManager.getConnection(url);
    }

    /** Runs statements in auto-commit mode; {@code {p}} stands for the table prefix. */
    void execute(String... sql) throws SQLException {
        try (Connection c = connect();
                Statement s = c.createStatement()) {
            for (String statement : sql) {
                s.execute(statement.replace("{p}", prefix));
            }
        }
    }

    void drop() throws SQLException {
        try (Connection c = connect();
                Statement s = c.createStatement()) {
            for (String table : TABLES) {
                s.execute("DROP TABLE IF EXISTS " + prefix + table);
            }
        }
    }

    /**
     * Writes a capture through the store and checks it landed in this database's migrated capture table.
     *
     * @param store the capture store on this database
     * @param product the database product name the connection must report
     */
    void assertCaptureStoredHere(CaptureStore store, String product) throws SQLException {
        String id = UUID.randomUUID().toString();
        store.write(
                new CaptureRecord(id, Instant.now(), "claims.summarize", CaptureMode.FULL, "the prompt", "the answer"));
        try (Connection c = connect();
                Statement s = c.createStatement();
                ResultSet r = s.executeQuery(
                        "SELECT COUNT(*) FROM " + prefix + "capture WHERE audit_record_id = '" + id + "'")) {
            assertThat(c.getMetaData().getDatabaseProductName()).containsIgnoringCase(product);
            assertThat(r.next()).isTrue();
            assertThat(r.getLong(1)).isEqualTo(1);
        }
    }

    @Override
    public String toString() {
        return name;
    }
}
