package dev.steward.api.spi;

import dev.steward.api.CallerContext;

/**
 * Decides whether a caller may use a capability. Implementations must be thread-safe and fast: they run on every
 * call.
 */
public interface CapabilityPolicy {

    /**
     * Decides one call.
     *
     * @param capability the capability name
     * @param caller who is calling
     * @return the decision
     */
    Decision authorize(String capability, CallerContext caller);

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
