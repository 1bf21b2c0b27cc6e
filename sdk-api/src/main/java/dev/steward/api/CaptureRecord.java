package dev.steward.api;

import java.time.Instant;
import java.util.Objects;

/**
 * The prompt and answer of one governed call, kept for forensics as its capability's {@link CaptureMode} says, and
 * linked to the call's audit record by {@link AuditRecord#id()}. Immutable.
 *
 * @param auditRecordId the id of the call's audit record
 * @param capturedAt when the capture was taken
 * @param capability the capability called
 * @param mode how the texts are kept: {@link CaptureMode#HASHED} (SHA-256, lower-case hex),
 *     {@link CaptureMode#REDACTED} or {@link CaptureMode#FULL}
 * @param prompt the prompt the providers were sent (its messages, one per line as {@code role: content}), or
 *     {@code null} when the call ended before a prompt was rendered
 * @param answer the answer the caller was given or that was held for approval, or {@code null} when there was none
 */
public record CaptureRecord(
        String auditRecordId, Instant capturedAt, String capability, CaptureMode mode, String prompt, String answer) {

    /**
     * Validates the components.
     *
     * @throws NullPointerException if {@code auditRecordId}, {@code capturedAt}, {@code capability} or {@code mode}
     *     is {@code null}
     * @throws IllegalArgumentException if {@code mode} is {@link CaptureMode#NONE}
     */
    public CaptureRecord {
        Objects.requireNonNull(auditRecordId, "auditRecordId");
        Objects.requireNonNull(capturedAt, "capturedAt");
        Objects.requireNonNull(capability, "capability");
        Objects.requireNonNull(mode, "mode");
        if (mode == CaptureMode.NONE) {
            throw new IllegalArgumentException("a capture of mode none is never stored");
        }
    }
}
