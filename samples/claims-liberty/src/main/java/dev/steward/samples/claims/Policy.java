package dev.steward.samples.claims;

import java.math.BigDecimal;

/**
 * An insurance policy, as the policy system answers {@link ClaimTools#lookupPolicy}.
 *
 * @param policyId the policy number
 * @param holder who holds it
 * @param coverLimit the most it pays for one claim, in euros
 * @param deductible what the holder bears of each claim, in euros
 */
public record Policy(String policyId, String holder, BigDecimal coverLimit, BigDecimal deductible) {}
