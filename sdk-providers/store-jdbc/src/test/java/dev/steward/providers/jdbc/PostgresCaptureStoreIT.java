package dev.steward.providers.jdbc;

import dev.steward.api.spi.CaptureStore;
import dev.steward.core.capture.CaptureStoreContract;
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
        CaptureStore store = store();
        db.assertCaptureStoredHere(store, "PostgreSQL");
    }
}
