package dev.steward.core.internal;

import dev.steward.api.Attempt;
import dev.steward.api.CallerContext;
import dev.steward.api.TokenUsage;
import dev.steward.core.Fallback;
import dev.steward.core.prompt.CompiledTemplate;
import java.util.ArrayList;
import java.util.List;

/**
 * The data one call carries through the stages. Confined to the calling thread; stages fill it in as they go, and the
 * audit stage reads it at the end.
 */
public final class Invocation {

    final CallerContext caller;
    final Object[] args;
    final Fallback fallback;
    final long startNanos;

    CompiledTemplate template;
    String renderedPrompt;
    String route;
    String provider;
    String model;
    TokenUsage usage = TokenUsage.NONE;
    long costMicros;
    final List<Attempt> attempts = new ArrayList<>(2);
    String reason;
    boolean degraded;
    String approvalId;
    java.util.OptionalDouble confidence = java.util.OptionalDouble.empty();

    Invocation(CallerContext caller, Object[] args, Fallback fallback, long startNanos) {
        this.caller = caller;
        this.args = args;
        this.fallback = fallback;
        this.startNanos = startNanos;
    }
}
