/**
 * Prompt-injection scoring: weighted heuristics over the phrasing attacks share, read through the disguises attackers
 * use, and a logistic regression over all-MiniLM-L6-v2 sentence embeddings and the heuristic scores, in [0, 1].
 */
package dev.steward.guard.injection;
