package dev.steward.core.internal;

import dev.steward.api.CapabilityDeniedException;
import dev.steward.api.spi.CapabilityPolicy;

/** Refuses callers the capability policy does not allow. */
final class AuthorizationStage implements Stage {

    private final String capability;
    private final CapabilityPolicy policy;
    private final Stage next;

    AuthorizationStage(String capability, CapabilityPolicy policy, Stage next) {
        this.capability = capability;
        this.policy = policy;
        this.next = next;
    }

    @Override
    public String invoke(Invocation call) throws InterruptedException {
        CapabilityPolicy.Decision decision = policy.authorize(call.descriptor, call.caller);
        if (!decision.allowed()) {
            throw new CapabilityDeniedException(capability, call.caller.principal(), decision.reason());
        }
        return next.invoke(call);
    }
}
