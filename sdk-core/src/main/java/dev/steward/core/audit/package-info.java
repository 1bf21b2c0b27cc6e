/**
 * Audit sinks: an in-memory sink that can be queried and drops its oldest records when full, and a JSON-lines file
 * sink whose writes return once the record is written and flushed (group commit), or fail within a write timeout.
 */
package dev.steward.core.audit;
