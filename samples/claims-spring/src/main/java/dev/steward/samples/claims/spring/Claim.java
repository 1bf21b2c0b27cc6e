package dev.steward.samples.claims.spring;

import org.springframework.data.annotation.Id;
import org.springframework.data.relational.core.mapping.Table;

/**
 * An insurance claim, as the {@code claim} table holds it (names derived, so each database spells them its own way).
 *
 * @param id the claim number
 * @param policyHolder who claims
 * @param description what happened, in the policy holder's words
 * @param amount the amount claimed
 * @param status the claim's status
 */
@Table
public record Claim(@Id String id, String policyHolder, String description, long amount, String status) {}
