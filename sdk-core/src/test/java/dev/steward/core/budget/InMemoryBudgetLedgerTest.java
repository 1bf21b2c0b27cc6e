package dev.steward.core.budget;

import dev.steward.api.spi.BudgetLedger;

class InMemoryBudgetLedgerTest extends BudgetLedgerContract {

    @Override
    protected BudgetLedger ledger() {
        return new InMemoryBudgetLedger();
    }
}
