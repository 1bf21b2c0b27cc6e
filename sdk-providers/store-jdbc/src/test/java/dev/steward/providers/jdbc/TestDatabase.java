package dev.steward.providers.jdbc;

import dev.steward.providers.testing.LocalServices;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
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

    @Override
    public String toString() {
        return name;
    }
}
