package dev.steward.core;

import dev.steward.api.Answer;
import dev.steward.api.CallerContext;
import dev.steward.api.StewardException;
import dev.steward.core.internal.Pipeline;
import java.util.Objects;

/**
 * A capability composed once by {@link Steward#capability}: invoke it per call. Thread-safe.
 */
public final class GovernedCapability {

    private final CapabilityDefinition definition;
    private final Pipeline pipeline;
    private final ApprovalService approvals;

    GovernedCapability(CapabilityDefinition definition, Pipeline pipeline, ApprovalService approvals) {
        this.definition = definition;
        this.pipeline = pipeline;
        this.approvals = approvals;
    }

    /**
     * What policies and extensions see of this capability: name, source, risk, data classes and route.
     *
     * @return the descriptor
     */
    public dev.steward.api.CapabilityDescriptor descriptor() {
        return pipeline.descriptor();
    }

    /**
     * The definition this was composed from.
     *
     * @return the definition
     */
    public CapabilityDefinition definition() {
        return definition;
    }

    /**
     * Runs one governed call: authorize, check the kill switch, render the prompt, reserve budget, rate-limit, infer
     * through the route (or the fallback), gate the answer for approval, settle and audit.
     *
     * @param caller who calls
     * @param args the arguments, in the order of {@link CapabilityDefinition#parameterNames()}
     * @param fallback the capability's fallback, or {@code null} when it has none
     * @return the answer: its text, the JSON of a typed answer
     * @throws dev.steward.api.CapabilityDeniedException if the caller may not use it (or
     *     {@link dev.steward.api.CapabilityDisabledException} when switched off)
     * @throws dev.steward.api.RateLimitedException if the caller exceeded the rate limit
     * @throws dev.steward.api.BudgetExceededException if a cost ceiling would be exceeded
     * @throws dev.steward.api.PromptNotFoundException if the configured prompt version does not exist
     * @throws dev.steward.api.InferenceUnavailableException if no provider answered and there is no fallback
     * @throws dev.steward.api.ApprovalPendingException if the answer awaits approval
     * @throws dev.steward.api.InvalidAnswerException if a typed answer was invalid after one repair attempt and there
     *     is no fallback
     * @throws dev.steward.api.AuditFailedException if the audit record could not be stored
     * @throws IllegalArgumentException if the number of arguments does not match the parameters
     */
    public String invoke(CallerContext caller, Object[] args, Fallback fallback) {
        return answer(caller, args, fallback).text();
    }

    /**
     * Runs one governed call like {@link #invoke}, returning the answer with its value (the text, or for a typed
     * capability the parsed and validated value of {@link CapabilityDefinition#answerType()}), confidence, model and
     * whether it was degraded.
     *
     * @param caller who calls
     * @param args the arguments, in the order of {@link CapabilityDefinition#parameterNames()}
     * @param fallback the capability's fallback, or {@code null} when it has none
     * @return the answer
     * @throws dev.steward.api.StewardException as {@link #invoke} does
     * @throws IllegalArgumentException if the number of arguments does not match the parameters
     */
    public Answer<?> answer(CallerContext caller, Object[] args, Fallback fallback) {
        Objects.requireNonNull(caller, "caller");
        Object[] a = args == null ? new Object[0] : args;
        if (a.length != definition.parameterNames().size()) {
            throw new IllegalArgumentException(
                    definition + " takes " + definition.parameterNames().size() + " arguments "
                            + definition.parameterNames() + ", got " + a.length);
        }
        try {
            return pipeline.invoke(caller, a, fallback);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new Interrupted(definition.name(), e);
        }
    }

    /**
     * Resumes this capability's call held at a tool call needing approval; see {@link Steward#resume}.
     *
     * @param approvalId the approval request's id
     * @param caller who resumes; must be who made the held call
     * @return the answer
     * @throws dev.steward.api.ApprovalNotAllowedException if no tool call of this capability is held under that id
     *     (audited as {@link dev.steward.api.Outcome#APPROVAL_REFUSED} first), or as {@link Steward#resume} says
     * @throws dev.steward.api.StewardException as {@link Steward#resume} does
     */
    public Answer<?> resume(String approvalId, CallerContext caller) {
        Objects.requireNonNull(approvalId, "approvalId");
        Objects.requireNonNull(caller, "caller");
        dev.steward.api.ApprovalRequest held = pipeline.heldToolCall(approvalId)
                .orElseThrow(() -> approvals.refusedResume(approvalId, caller, definition.name()));
        try {
            return pipeline.resume(held, caller);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new Interrupted(definition.name(), e);
        }
    }

    /** The calling thread was interrupted while waiting for a provider; the call was audited as failed. */
    public static final class Interrupted extends StewardException {
        Interrupted(String capability, InterruptedException cause) {
            super(capability, "interrupted while '" + capability + "' waited for a provider", cause);
        }
    }
}
