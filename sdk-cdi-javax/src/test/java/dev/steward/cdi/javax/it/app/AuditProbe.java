package dev.steward.cdi.javax.it.app;

import dev.steward.api.AuditRecord;
import dev.steward.cdi.AuditRecorded;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import javax.annotation.Resource;
import javax.enterprise.context.ApplicationScoped;
import javax.enterprise.event.Observes;
import javax.enterprise.event.ObservesAsync;
import javax.transaction.Status;
import javax.transaction.TransactionSynchronizationRegistry;

/**
 * Observes Steward's audit events in the deployed application. A synchronous observer runs on the governed call's
 * thread, so it also notes whether a container transaction was active there.
 */
@ApplicationScoped
public class AuditProbe {

    private final List<String> sync = new CopyOnWriteArrayList<>();
    private final List<String> async = new CopyOnWriteArrayList<>();

    @Resource
    TransactionSynchronizationRegistry transactions;

    void onAudit(@Observes AuditRecorded event) {
        String tx = transactions.getTransactionStatus() == Status.STATUS_ACTIVE ? "tx" : "no-tx";
        sync.add(describe(event.record()) + "|" + tx);
    }

    void onAuditAsync(@ObservesAsync AuditRecorded event) {
        async.add(describe(event.record()));
    }

    List<String> sync() {
        return List.copyOf(sync);
    }

    List<String> async() {
        return List.copyOf(async);
    }

    private static String describe(AuditRecord r) {
        return r.capability() + "|" + r.outcome() + "|" + r.principal() + "|" + r.tenant();
    }
}
