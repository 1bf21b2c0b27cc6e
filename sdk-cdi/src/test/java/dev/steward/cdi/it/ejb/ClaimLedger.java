package dev.steward.cdi.it.ejb;

import dev.steward.api.ApprovalPendingException;
import dev.steward.api.CapabilityDeniedException;
import jakarta.annotation.Resource;
import jakarta.ejb.SessionContext;
import jakarta.ejb.Stateless;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.TransactionSynchronizationRegistry;

/**
 * The application's transactional service: each method records a row through JPA and then calls a governed session
 * bean, all in the one container transaction this bean starts.
 */
@Stateless
public class ClaimLedger {

    @PersistenceContext(unitName = "claims")
    EntityManager entities;

    @Resource
    SessionContext session;

    @Resource
    TransactionSynchronizationRegistry transactions;

    @Inject
    ProposalDesk desk;

    @Inject
    ReviewBoard board;

    @Inject
    Summarizer summarizer;

    /**
     * Records the claim, then takes the named step and catches Steward's typed exceptions itself.
     *
     * @param claimId the claim
     * @param step which governed call to make: {@code stateless}, {@code singleton}, {@code local}, {@code denied},
     *     {@code degraded}, or {@code rollback} (no call: the application dooms its own transaction)
     * @return what the step ended with, and whether the transaction is still committable
     */
    public String recordThen(String claimId, String step) {
        record(claimId);
        String outcome;
        try {
            outcome = "answered: " + take(step, claimId);
        } catch (ApprovalPendingException e) {
            outcome = "ApprovalPendingException " + e.approvalId();
        } catch (CapabilityDeniedException e) {
            outcome = "CapabilityDeniedException";
        }
        return outcome + "; rollback-only: " + transactions.getRollbackOnly();
    }

    /**
     * Records the claim, then lets a pending approval leave this transactional bean uncaught.
     *
     * @param claimId the claim
     * @return never: the proposal is always held for approval
     */
    public String recordThenPropose(String claimId) {
        record(claimId);
        return desk.propose(claimId);
    }

    /**
     * Whether a claim's row was committed, read in a transaction of its own.
     *
     * @param claimId the claim
     * @return whether the row exists
     */
    public boolean recorded(String claimId) {
        return entities.find(LedgerEntry.class, claimId) != null;
    }

    private void record(String claimId) {
        entities.persist(new LedgerEntry(claimId));
        // written to the database now, inside the transaction, not only at commit
        entities.flush();
    }

    private String take(String step, String claimId) {
        return switch (step) {
            case "stateless" -> desk.propose(claimId);
            case "singleton" -> board.review(claimId);
            case "local" -> summarizer.summarize(claimId);
            case "denied" -> board.restricted(claimId);
            case "degraded" -> summarizer.summarizeOffline(claimId);
            case "rollback" -> {
                session.setRollbackOnly();
                yield "rollback requested by the application";
            }
            default -> throw new IllegalArgumentException("unknown step " + step);
        };
    }
}
