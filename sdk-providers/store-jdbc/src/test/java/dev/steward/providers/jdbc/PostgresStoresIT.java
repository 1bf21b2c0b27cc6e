package dev.steward.providers.jdbc;

/** The JDBC stores on the local PostgreSQL. */
class PostgresStoresIT extends JdbcStoresContract {
    @Override
    TestDatabase database() {
        return TestDatabase.postgres();
    }
}
