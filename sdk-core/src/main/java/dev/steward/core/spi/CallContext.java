package dev.steward.core.spi;

import dev.steward.api.CallerContext;
import dev.steward.api.CapabilityDescriptor;
import dev.steward.api.PromptTemplate;

/**
 * What an extension may see of one governed call, and where it keeps per-call state. An instance lives for one call,
 * is confined to the calling thread and is shared by every interceptor and observer of that call, so an interceptor
 * can keep what it replaced on input (with {@link #attribute(String, Object)}) and restore it on the answer.
 */
public interface CallContext {

    /**
     * The capability being called: name, source, risk tier, data classes and configured route.
     *
     * @return the descriptor
     */
    CapabilityDescriptor capability();

    /**
     * Who is calling.
     *
     * @return the caller
     */
    CallerContext caller();

    /**
     * The prompt version chosen for this call.
     *
     * @return the prompt, or {@code null} before the prompt stage has run
     */
    PromptTemplate prompt();

    /**
     * The route this call takes: the configured one, or the degrade route once a ceiling degraded the call.
     *
     * @return the route's name
     */
    String route();

    /**
     * Whether the route this call takes is marked trusted by configuration ({@code steward.route.<name>.trusted}),
     * for example an in-process engine that no data leaves: a redactor may let such calls through unredacted. Before
     * inference picks the route this is the configured route's mark; a degraded call takes the degrade route's.
     *
     * @return {@code true} if the route is trusted
     */
    boolean routeTrusted();

    /**
     * Holds this call's answer for approval, whatever its confidence, for example because the input looked like a
     * prompt injection. The capability's approval gate ({@code @RequiresApproval}) holds it and the reason goes into
     * the audit record; a capability without an approver role fails the call closed with
     * {@link dev.steward.api.CapabilityDeniedException} instead of returning an answer nobody may approve.
     *
     * @param reason why, for the audit record; never personal data or prompt text
     * @throws NullPointerException if {@code reason} is {@code null}
     */
    void requireApproval(String reason);

    /**
     * Whether the call has been degraded (answered by the degrade route or the fallback).
     *
     * @return {@code true} once degraded
     */
    boolean degraded();

    /**
     * A value an extension stored for this call.
     *
     * @param key the key; use a name of your own, such as your class name
     * @return the value, or {@code null}
     */
    Object attribute(String key);

    /**
     * Stores a value for the rest of this call. Values never leave the process and are not audited.
     *
     * @param key the key
     * @param value the value, or {@code null} to remove it
     */
    void attribute(String key, Object value);

    /**
     * Adds a fact to this call's audit record ({@link dev.steward.api.AuditRecord#tags()}), such as a trace id or a
     * count of redacted values. Never put prompt text, answers or personal data here.
     *
     * @param key the tag's name
     * @param value its value
     * @throws NullPointerException if either is {@code null}
     */
    void tag(String key, String value);
}
