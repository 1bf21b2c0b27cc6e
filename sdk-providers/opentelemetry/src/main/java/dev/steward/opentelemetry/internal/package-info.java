/**
 * The per-call span bookkeeping and the instruments of {@link dev.steward.opentelemetry.OpenTelemetryObserver}.
 * Internal: no compatibility promise.
 */
package dev.steward.opentelemetry.internal;
