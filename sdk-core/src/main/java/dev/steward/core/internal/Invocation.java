package dev.steward.core.internal;

import dev.steward.api.Attempt;
import dev.steward.api.CallerContext;
import dev.steward.api.CapabilityDescriptor;
import dev.steward.api.InferenceRequest;
import dev.steward.api.PromptTemplate;
import dev.steward.api.TokenUsage;
import dev.steward.core.Fallback;
import dev.steward.core.prompt.CompiledTemplate;
import dev.steward.core.spi.CallContext;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.OptionalDouble;

/**
 * The data one call carries through the stages, and the {@link CallContext} extensions see. Confined to the calling
 * thread; stages fill it in as they go, and the audit stage reads it at the end.
 */
final class Invocation implements CallContext {

    final CapabilityDescriptor descriptor;
    final CallerContext caller;
    final Object[] args;
    final Fallback fallback;
    final long startNanos;
    private final java.util.Set<String> trustedRoutes;

    CompiledTemplate template;
    InferenceRequest request;
    String route;
    String provider;
    String model;
    TokenUsage usage = TokenUsage.NONE;
    long costMicros;
    final List<Attempt> attempts = new ArrayList<>(2);
    String reason;
    boolean degraded;
    String approvalId;
    OptionalDouble confidence = OptionalDouble.empty();
    // a typed answer's value, once read and validated; null for text
    Object value;
    // a call that resumes a conversation held for a tool call's approval, with the decision; null otherwise
    HeldToolCall resumed;
    dev.steward.api.ApprovalRequest resumedDecision;
    String approvalRequired;
    private Map<String, Object> attributes;
    private Map<String, String> tags;

    Invocation(
            CapabilityDescriptor descriptor,
            CallerContext caller,
            Object[] args,
            Fallback fallback,
            long start,
            java.util.Set<String> trustedRoutes) {
        this.descriptor = descriptor;
        this.trustedRoutes = trustedRoutes;
        this.caller = caller;
        this.args = args;
        this.fallback = fallback;
        this.startNanos = start;
    }

    void addReason(String why) {
        reason = reason == null ? why : reason + "; " + why;
    }

    String tagValue(String key) {
        return tags == null ? null : tags.get(key);
    }

    Map<String, String> tags() {
        return tags == null ? Map.of() : tags;
    }

    @Override
    public CapabilityDescriptor capability() {
        return descriptor;
    }

    @Override
    public CallerContext caller() {
        return caller;
    }

    @Override
    public PromptTemplate prompt() {
        return template == null ? null : template.prompt();
    }

    @Override
    public String route() {
        // null until inference picks a route (the audit record keeps that), but extensions always get a name
        return route != null ? route : descriptor.route();
    }

    @Override
    public boolean routeTrusted() {
        return trustedRoutes.contains(route());
    }

    @Override
    public void requireApproval(String reason) {
        Objects.requireNonNull(reason, "reason");
        approvalRequired = approvalRequired == null ? reason : approvalRequired + "; " + reason;
    }

    @Override
    public boolean degraded() {
        return degraded;
    }

    @Override
    public Object attribute(String key) {
        return attributes == null ? null : attributes.get(key);
    }

    @Override
    public void attribute(String key, Object value) {
        if (attributes == null) {
            attributes = new HashMap<>(4);
        }
        if (value == null) {
            attributes.remove(key);
        } else {
            attributes.put(key, value);
        }
    }

    @Override
    public void tag(String key, String value) {
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(value, "value");
        if (tags == null) {
            tags = new LinkedHashMap<>(4);
        }
        tags.put(key, value);
    }
}
