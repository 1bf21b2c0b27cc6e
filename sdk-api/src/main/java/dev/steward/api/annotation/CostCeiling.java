package dev.steward.api.annotation;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Limits what a capability may spend, per call, per user and per tenant, in tokens or money.
 *
 * <p>Each limit is written as {@code "<n> tokens"} or {@code "<amount> <ISO-4217 currency>"} (for example
 * {@code "0.50 USD"}); an empty string means no limit. The estimated cost is reserved before inference and settled
 * with the real usage after it, so concurrent calls cannot overspend. On a class, it applies to every capability
 * method that has none of its own. Configuration under {@code steward.capability.<name>.ceiling.*} overrides it.
 */
@Documented
@Inherited
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.METHOD, ElementType.TYPE})
public @interface CostCeiling {

    /**
     * The most one call may cost.
     *
     * @return a limit, or empty for none
     */
    String perCall() default "";

    /**
     * The most one user may spend in a {@link #period()}.
     *
     * @return a limit, or empty for none
     */
    String perUser() default "";

    /**
     * The most one tenant may spend in a {@link #period()}.
     *
     * @return a limit, or empty for none
     */
    String perTenant() default "";

    /**
     * The window that user and tenant limits count over (UTC calendar windows).
     *
     * @return the period
     */
    Period period() default Period.DAY;

    /**
     * What happens when a limit would be exceeded.
     *
     * @return the action
     */
    OnExceeded onExceeded() default OnExceeded.REJECT;

    /**
     * The cheaper route to use when {@link #onExceeded()} is {@link OnExceeded#DEGRADE}.
     *
     * @return a route name, required with {@code DEGRADE}
     */
    String degradeRoute() default "";

    /** The window a limit counts over. */
    enum Period {
        /** Each call on its own. */
        CALL,
        /** A UTC clock hour. */
        HOUR,
        /** A UTC calendar day. */
        DAY,
        /** A UTC calendar month. */
        MONTH
    }

    /** What a ceiling does when a call would exceed it. */
    enum OnExceeded {
        /** Refuse the call with {@code BudgetExceededException}. */
        REJECT,
        /** Answer through {@link CostCeiling#degradeRoute()} without charging the exceeded budget. */
        DEGRADE
    }
}
