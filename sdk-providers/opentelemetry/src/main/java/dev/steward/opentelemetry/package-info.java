/**
 * OpenTelemetry spans and metrics of governed calls after the GenAI semantic conventions, and the trace id in each
 * audit record: {@link dev.steward.opentelemetry.OpenTelemetryObserver}, with every name in
 * {@link dev.steward.opentelemetry.TelemetryConventions}.
 */
package dev.steward.opentelemetry;
