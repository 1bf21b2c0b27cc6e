package dev.steward.samples.claims;

/**
 * A claim as the business keeps it.
 *
 * @param id the claim number
 * @param policyHolder who claims
 * @param policyId the policy the claim is made under
 * @param description what happened, in the customer's words
 * @param amount the amount claimed, in euros
 * @param status where the claim stands
 */
public record Claim(String id, String policyHolder, String policyId, String description, long amount, String status) {}
