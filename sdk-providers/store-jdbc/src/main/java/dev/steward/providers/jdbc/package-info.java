/**
 * Durable stores on a JDBC database: a tamper-evident audit log shared by every node (group commit, one hash chain),
 * a budget ledger atomic across JVMs and an approval store whose decisions have exactly one winner. Opened by
 * configuration ({@code steward.store.jdbc.*}) through {@link dev.steward.providers.jdbc.JdbcStoreFactory}, or in
 * code with {@link dev.steward.providers.jdbc.JdbcStores#builder(javax.sql.DataSource)}.
 */
package dev.steward.providers.jdbc;
