package dev.steward.providers.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import dev.steward.api.CaptureMode;
import dev.steward.api.CaptureRecord;
import dev.steward.api.spi.CaptureStore;
import dev.steward.core.capture.CaptureStoreContract;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Instant;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

/** The capture store contract on the local PostgreSQL, with the schema migrated from nothing to the latest version. */
class PostgresCaptureStoreIT extends CaptureStoreContract {

    private static TestDatabase db;
    private static JdbcStores stores;

    @Override
    protected CaptureStore store() {
        synchronized (PostgresCaptureStoreIT.class) {
            if (stores == null) {
                db = TestDatabase.postgres();
                stores = db.stores().open();
            }
            return stores.captures();
        }
    }

    @AfterAll
    static void dropTables() throws Exception {
        if (stores != null) {
            stores.close();
            db.drop();
        }
    }

    @Test
    void theContractRunsAgainstPostgreSQLWithTheCaptureTableMigrated() throws Exception {
        String id = UUID.randomUUID().toString();
        store().write(new CaptureRecord(
                id, Instant.now(), "claims.summarize", CaptureMode.FULL, "the prompt", "the answer"));
        try (Connection c = db.connect();
                Statement s = c.createStatement();
                ResultSet r = s.executeQuery(
                        "SELECT COUNT(*) FROM " + db.prefix + "capture WHERE audit_record_id = '" + id + "'")) {
            assertThat(c.getMetaData().getDatabaseProductName()).containsIgnoringCase("PostgreSQL");
            assertThat(r.next()).isTrue();
            assertThat(r.getLong(1)).isEqualTo(1);
        }
    }
}
