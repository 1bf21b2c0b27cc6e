/**
 * Audit sinks: an in-memory sink that can be queried, and an asynchronous JSON-lines file sink that never drops a
 * record silently.
 */
package dev.steward.core.audit;
