package dev.steward.providers.jdbc;

import dev.steward.api.spi.BudgetLedger;
import dev.steward.core.budget.BudgetLedgerContract;
import org.junit.jupiter.api.AfterAll;

/** The budget ledger contract on Postgres. */
class PostgresBudgetLedgerIT extends BudgetLedgerContract {

    private static TestDatabase db;
    private static JdbcStores stores;

    @Override
    protected BudgetLedger ledger() {
        synchronized (PostgresBudgetLedgerIT.class) {
            if (stores == null) {
                db = TestDatabase.postgres();
                stores = db.stores().open();
            }
            return stores.budgets();
        }
    }

    @AfterAll
    static void dropTables() throws Exception {
        if (stores != null) {
            stores.close();
            db.drop();
        }
    }
}
