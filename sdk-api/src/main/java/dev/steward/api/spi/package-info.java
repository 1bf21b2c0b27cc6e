/**
 * Extension points: one interface per concern, each with a default in {@code steward-core} that needs no
 * infrastructure. Implementations must be thread-safe.
 */
package dev.steward.api.spi;
