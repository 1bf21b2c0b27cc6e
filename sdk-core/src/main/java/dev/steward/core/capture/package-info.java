/**
 * Capture for forensics: the prompt and answer of calls whose capability opts in
 * ({@code steward.capability.<name>.capture}), hashed, redacted or in full, kept apart from the audit log in a
 * {@link dev.steward.api.spi.CaptureStore} (a JSON-lines file by default) for a retention period, linked to the audit
 * log by record id.
 */
package dev.steward.core.capture;
