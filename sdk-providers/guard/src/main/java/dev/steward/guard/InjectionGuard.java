package dev.steward.guard;

import dev.steward.api.ChatMessage;
import dev.steward.api.InferenceRequest;
import dev.steward.api.InjectionSuspectedException;
import dev.steward.core.spi.CallContext;
import dev.steward.core.spi.PipelineInterceptor;
import dev.steward.guard.injection.InjectionScorer;
import java.util.Locale;
import java.util.Objects;

/**
 * Scores the caller-supplied input of every call for prompt injection and acts on the capability's setting: records
 * the score ({@code steward.injection.score}) and, at or above the threshold, flags the call in the audit record
 * ({@code steward.injection=flagged}), refuses it ({@link InjectionSuspectedException}, audited as a denial) or holds
 * its answer for approval. What is scored are the values bound into the prompt, which come from outside; the prompt
 * template is the application's own text. Without bound values, the user messages are scored. Thread-safe.
 */
public final class InjectionGuard implements PipelineInterceptor, AutoCloseable {

    /** Runs first, on the input as the caller wrote it. */
    public static final int PRIORITY = 100;

    private final InjectionScorer scorer;
    private final InjectionSettings settings;

    InjectionGuard(InjectionScorer scorer, InjectionSettings settings) {
        this.scorer = Objects.requireNonNull(scorer, "scorer");
        this.settings = settings;
    }

    @Override
    public int priority() {
        return PRIORITY;
    }

    @Override
    public InferenceRequest onInput(CallContext call, InferenceRequest request) {
        String capability = call.capability().name();
        InjectionSettings.Action action = settings.action(capability);
        if (action == InjectionSettings.Action.OFF) {
            return request;
        }
        double score = 0;
        if (!request.variables().isEmpty()) {
            for (Object value : request.variables().values()) {
                score = Math.max(score, scorer.score(String.valueOf(value)));
            }
        } else {
            for (ChatMessage m : request.messages()) {
                if (m.role() == ChatMessage.Role.USER) {
                    score = Math.max(score, scorer.score(m.content()));
                }
            }
        }
        call.tag("steward.injection.score", String.format(Locale.ROOT, "%.3f", score));
        double threshold = settings.threshold(capability);
        if (score < threshold) {
            return request;
        }
        call.tag(
                "steward.injection",
                action == InjectionSettings.Action.FLAG
                        ? "flagged"
                        : action.name().toLowerCase(Locale.ROOT).replace('_', '-'));
        switch (action) {
            case BLOCK ->
                throw new InjectionSuspectedException(capability, call.caller().principal(), score, threshold);
            case REQUIRE_APPROVAL ->
                call.requireApproval(String.format(
                        Locale.ROOT, "the input scored %.2f for prompt injection (threshold %.2f)", score, threshold));
            default -> {}
        }
        return request;
    }

    /** Releases the scorer's embedding threads. */
    @Override
    public void close() {
        scorer.close();
    }
}
