/**
 * Prompt-injection scoring: weighted heuristics over the phrasing attacks share, read through the disguises attackers
 * use, and a logistic regression over e5-small-v2 sentence embeddings and the heuristic score, in [0, 1].
 */
package dev.steward.guard.injection;
