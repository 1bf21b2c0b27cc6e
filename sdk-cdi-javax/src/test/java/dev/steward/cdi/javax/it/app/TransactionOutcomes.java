package dev.steward.cdi.javax.it.app;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import javax.enterprise.context.ApplicationScoped;

/** How the session beans' transactions ended, as {@code claimId|committed} or {@code claimId|rolled-back}. */
@ApplicationScoped
public class TransactionOutcomes {

    private final List<String> outcomes = new CopyOnWriteArrayList<>();

    void record(String outcome) {
        outcomes.add(outcome);
    }

    List<String> all() {
        return List.copyOf(outcomes);
    }
}
