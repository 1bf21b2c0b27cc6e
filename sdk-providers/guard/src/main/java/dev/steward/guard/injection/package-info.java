/**
 * Prompt-injection scoring: weighted heuristics over the phrasing attacks share, and a nearest-neighbour classifier
 * over all-MiniLM-L6-v2 sentence embeddings of labelled examples, combined into one score in [0, 1].
 */
package dev.steward.guard.injection;
