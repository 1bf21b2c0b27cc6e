package dev.steward.api.spi;

import dev.steward.api.CallerContext;
import dev.steward.api.CapabilityDescriptor;

/**
 * Decides whether a caller may use a capability. The decision may use the capability's risk tier, data classes and
 * route as well as the caller, for example "HIGH risk only for tenant X" or "PHI never on route external".
 * Implementations must be thread-safe and fast: they run on every call. An exception thrown here fails the call, and
 * the failure is audited.
 */
public interface CapabilityPolicy {

    /**
     * Decides one call.
     *
     * @param capability the capability being called
     * @param caller who is calling
     * @return the decision
     */
    Decision authorize(CapabilityDescriptor capability, CallerContext caller);

    /**
     * Decides whether a tool the model asked for may run as the capability's caller, before it runs. A refusal goes
     * back to the model as the tool's result and is audited; the call goes on. The default allows every tool to a
     * caller the capability admitted; the configuration policy checks {@code steward.tool.<name>.allowed-roles} and
     * {@code allowed-tenants}.
     *
     * @param tool the tool's name
     * @param capability the capability whose model asked
     * @param caller who called the capability
     * @return the decision
     */
    default Decision authorizeTool(String tool, CapabilityDescriptor capability, CallerContext caller) {
        return Decision.ALLOW;
    }

    /**
     * A policy decision.
     *
     * @param allowed whether the call may go on
     * @param reason why it was refused, or {@code null} when allowed
     */
    record Decision(boolean allowed, String reason) {

        /** The decision to allow. */
        public static final Decision ALLOW = new Decision(true, null);

        /**
         * A refusal.
         *
         * @param reason why
         * @return the decision
         */
        public static Decision deny(String reason) {
            return new Decision(false, reason);
        }
    }
}
