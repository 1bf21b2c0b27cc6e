package dev.steward.providers.jdbc;

import dev.steward.api.spi.CaptureStore;
import dev.steward.core.capture.CaptureStoreContract;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

/** The capture store contract on an embedded in-memory H2, with the schema migrated from nothing to the latest version. */
class H2CaptureStoreTest extends CaptureStoreContract {

    private static TestDatabase db;
    private static JdbcStores stores;

    @Override
    protected CaptureStore store() {
        synchronized (H2CaptureStoreTest.class) {
            if (stores == null) {
                db = TestDatabase.h2();
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
    void theContractRunsAgainstH2WithTheCaptureTableMigrated() throws Exception {
        CaptureStore store = store();
        db.assertCaptureStoredHere(store, "H2");
    }
}
