package dev.steward.samples.claims;

import java.math.BigDecimal;

/**
 * A payment made on a claim, as {@link ClaimTools#issuePayment} answers it.
 *
 * @param paymentId the payment's reference
 * @param claimId the claim paid
 * @param amount the amount, in euros
 */
public record Payment(String paymentId, String claimId, BigDecimal amount) {}
