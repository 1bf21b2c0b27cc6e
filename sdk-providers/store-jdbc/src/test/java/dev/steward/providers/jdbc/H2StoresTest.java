package dev.steward.providers.jdbc;

/** The JDBC stores on an embedded in-memory H2. */
class H2StoresTest extends JdbcStoresContract {
    @Override
    TestDatabase database() {
        return TestDatabase.h2();
    }
}
