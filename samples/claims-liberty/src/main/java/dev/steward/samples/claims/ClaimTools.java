package dev.steward.samples.claims;

import dev.steward.api.annotation.AiTool;
import dev.steward.api.annotation.RequiresApproval;
import jakarta.enterprise.context.ApplicationScoped;
import java.math.BigDecimal;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * What the settlement capability's model may do in the application: look a policy up, and pay a claim. Steward
 * registers these {@code @AiTool} methods at deployment and runs them only as the capability's caller, authorized by
 * {@code steward.tool.<name>.allowed-roles} and {@code allowed-tenants}; every payment waits for a supervisor.
 */
@ApplicationScoped
public class ClaimTools {

    // the policy system; in a real application, a call to it
    private static final Map<String, Policy> POLICIES = Map.of(
            "P-2001", new Policy("P-2001", "Maria Keller", new BigDecimal("5000"), new BigDecimal("250")),
            "P-2002", new Policy("P-2002", "Jonas Weber", new BigDecimal("10000"), new BigDecimal("300")),
            "P-2003", new Policy("P-2003", "Ana Costa", new BigDecimal("8000"), new BigDecimal("0")),
            "P-2004", new Policy("P-2004", "Lena Fischer", new BigDecimal("3000"), new BigDecimal("200")),
            "P-2005", new Policy("P-2005", "Tomas Novak", new BigDecimal("5000"), new BigDecimal("150")),
            "P-2006", new Policy("P-2006", "Petra Lang", new BigDecimal("4000"), new BigDecimal("100")));

    private final List<Payment> payments = new CopyOnWriteArrayList<>();
    private final AtomicInteger sequence = new AtomicInteger();

    /**
     * Looks a policy up.
     *
     * @param policyId the policy number
     * @return the policy
     * @throws IllegalArgumentException if there is no such policy
     */
    @AiTool(description = "Finds an insurance policy by its id: its holder, cover limit and deductible in euros")
    public Policy lookupPolicy(String policyId) {
        Policy policy = POLICIES.get(policyId);
        if (policy == null) {
            throw new IllegalArgumentException("no policy " + policyId);
        }
        return policy;
    }

    /**
     * Pays an amount on a claim; runs only once a supervisor has approved the call.
     *
     * @param claimId the claim number
     * @param amount the amount in euros, positive
     * @return the payment
     * @throws IllegalArgumentException if the amount is not positive
     */
    @AiTool(description = "Pays an amount in euros on a claim")
    @RequiresApproval(role = "supervisor", expiry = "P2D")
    public Payment issuePayment(String claimId, BigDecimal amount) {
        if (amount.signum() <= 0) {
            throw new IllegalArgumentException("the amount must be positive, was " + amount);
        }
        Payment payment = new Payment(String.format("PAY-%04d", sequence.incrementAndGet()), claimId, amount);
        payments.add(payment);
        return payment;
    }

    /**
     * The payments made on a claim, oldest first. Kept in memory, like the claims.
     *
     * @param claimId the claim number
     * @return its payments
     */
    public List<Payment> payments(String claimId) {
        return payments.stream().filter(p -> p.claimId().equals(claimId)).toList();
    }
}
