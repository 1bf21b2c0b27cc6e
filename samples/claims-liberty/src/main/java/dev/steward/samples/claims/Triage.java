package dev.steward.samples.claims;

import java.util.List;

/**
 * Where a claim should go, as {@code claims.triage} answers it: Steward derives the answer's JSON Schema from this
 * record, asks the classifier for an object of that shape, and checks and binds what comes back.
 *
 * @param team the team that should handle the claim
 * @param confidence how sure the classifier is, 0 to 1
 * @param reasons why: the labelled examples most like the claim that voted for the team
 */
public record Triage(String team, double confidence, List<String> reasons) {}
