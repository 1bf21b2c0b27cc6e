package dev.steward.cdi.rest;

import dev.steward.api.CaptureRecord;

/**
 * The JSON form of a captured prompt and answer, as {@code GET steward/captures/{auditRecordId}} returns it.
 *
 * @param auditRecordId the id of the call's audit record
 * @param capturedAt when the capture was taken, ISO-8601
 * @param capability the capability called
 * @param mode {@code hashed} (the texts are SHA-256 hex), {@code redacted} or {@code full}
 * @param prompt the prompt as the providers received it, or {@code null}
 * @param answer the answer, or {@code null} when the call had none
 */
public record CaptureView(
        String auditRecordId, String capturedAt, String capability, String mode, String prompt, String answer) {

    static CaptureView of(CaptureRecord r) {
        return new CaptureView(
                r.auditRecordId(),
                r.capturedAt().toString(),
                r.capability(),
                r.mode().configValue(),
                r.prompt(),
                r.answer());
    }
}
