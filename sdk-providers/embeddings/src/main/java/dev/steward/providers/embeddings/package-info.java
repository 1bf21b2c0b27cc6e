/**
 * The {@code local-embeddings} provider: a classifier that labels text by its nearest labelled examples under the
 * all-MiniLM-L6-v2 sentence embedding, computed offline in-process.
 */
package dev.steward.providers.embeddings;
