package dev.steward.cdi.javax.it.app;

import javax.annotation.Resource;
import javax.ejb.Stateless;
import javax.ejb.TransactionAttribute;
import javax.ejb.TransactionAttributeType;
import javax.inject.Inject;
import javax.transaction.Status;
import javax.transaction.Synchronization;
import javax.transaction.TransactionSynchronizationRegistry;

/**
 * A session bean that does its own work in a container transaction and asks a governed bean on the way; it notes how
 * its transaction ended.
 */
@Stateless
public class EscalationDesk {

    @Resource
    TransactionSynchronizationRegistry transactions;

    @Inject
    EscalationService escalations;

    @Inject
    TransactionOutcomes outcomes;

    /**
     * Escalates a claim inside a new container transaction.
     *
     * @param claimId the claim
     * @return the model's draft
     */
    @TransactionAttribute(TransactionAttributeType.REQUIRED)
    public String escalate(String claimId) {
        transactions.registerInterposedSynchronization(new Synchronization() {
            @Override
            public void beforeCompletion() {}

            @Override
            public void afterCompletion(int status) {
                outcomes.record(claimId + "|" + (status == Status.STATUS_COMMITTED ? "committed" : "rolled-back"));
            }
        });
        return escalations.escalate(claimId);
    }
}
