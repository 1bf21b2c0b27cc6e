package dev.steward.core.internal;

import dev.steward.api.ApprovalPendingException;
import dev.steward.api.ApprovalRequest;
import dev.steward.api.ApprovalStatus;
import dev.steward.api.spi.ApprovalStore;
import dev.steward.core.spi.StewardObserver;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.OptionalDouble;
import java.util.UUID;

/**
 * Holds an answer whose confidence is below the threshold (or that has none) as a persisted approval request, and
 * throws {@link ApprovalPendingException} instead of returning it.
 */
final class ApprovalGate implements InferenceStage.OutputStage {

    private final String capability;
    private final String role;
    private final double belowConfidence;
    private final Duration expiry;
    private final ApprovalStore store;
    private final StewardObserver observer;
    private final Clock clock;

    ApprovalGate(
            String capability,
            String role,
            double belowConfidence,
            Duration expiry,
            ApprovalStore store,
            StewardObserver observer,
            Clock clock) {
        this.capability = capability;
        this.role = role;
        this.belowConfidence = belowConfidence;
        this.expiry = expiry;
        this.store = store;
        this.observer = observer;
        this.clock = clock;
    }

    @Override
    public String accept(Invocation call, String text, OptionalDouble confidence) {
        boolean required = call.approvalRequired != null;
        // a threshold of 0 holds nothing by confidence, so answers without one pass too: only extensions hold them
        if (!required
                && (belowConfidence == 0 || confidence.isPresent() && confidence.getAsDouble() >= belowConfidence)) {
            return text;
        }
        Instant now = clock.instant();
        ApprovalRequest request = new ApprovalRequest(
                UUID.randomUUID().toString(),
                capability,
                call.caller,
                role,
                text,
                confidence,
                now,
                now.plus(expiry),
                ApprovalStatus.PENDING,
                null,
                null,
                null);
        try {
            store.create(request);
        } catch (dev.steward.api.StewardException e) {
            throw e;
        } catch (RuntimeException e) {
            // the answer is withheld: without a stored request nobody could ever approve it
            throw new dev.steward.api.StoreUnavailableException(
                    capability,
                    "approval store",
                    "the approval store could not hold the answer of '" + capability + "' for approval: " + e,
                    e);
        }
        call.approvalId = request.id();
        String why = required
                ? call.approvalRequired
                : confidence.isPresent()
                        ? "confidence " + confidence.getAsDouble() + " is below " + belowConfidence
                        : "answers without a confidence need approval";
        call.addReason(why);
        observer.onApprovalRequested(request);
        throw new ApprovalPendingException(
                capability, request.id(), "the answer of '" + capability + "' awaits approval by a '" + role + "'");
    }
}
