package dev.steward.providers.jdbc;

/** The JDBC stores on the local MariaDB. */
class MariaDbStoresIT extends JdbcStoresContract {
    @Override
    TestDatabase database() {
        return TestDatabase.mariadb();
    }
}
