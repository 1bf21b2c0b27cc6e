package dev.steward.api.annotation;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Declares a method as a named, versioned AI capability governed by Steward.
 *
 * <p>Each call is authorized against the caller, rendered from a versioned prompt, budgeted, routed to a
 * provider chain and audited. The method's parameters are bound by name to the prompt template's variables
 * (compile with {@code -parameters}). Invalid values fail when the container starts, naming {@code Class#method}.
 */
@Documented
@Inherited
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.METHOD)
public @interface AiCapability {

    /**
     * The capability's dotted name, unique in the application, for example {@code claims.summarize}. It is the key
     * under {@code steward.capability.<name>.*} for configuration and the name in every audit record.
     *
     * @return the capability name; lower-case segments of letters, digits and hyphens separated by dots
     */
    String value();

    /**
     * The prompt id in the prompt registry; empty means the capability name.
     *
     * @return the prompt id
     */
    String prompt() default "";

    /**
     * The prompt version to use; empty means the version configured under
     * {@code steward.capability.<name>.prompt.version}, else the latest the registry holds.
     *
     * @return the prompt version
     */
    String promptVersion() default "";

    /**
     * The named provider route that answers this capability, configured under {@code steward.route.<route>.*}.
     *
     * @return the route name
     */
    String route() default "default";

    /**
     * The risk tier, recorded in audit and usable by policies.
     *
     * @return the risk tier
     */
    RiskTier risk() default RiskTier.LOW;

    /**
     * The classes of sensitive data the capability handles, recorded in audit and usable by policies.
     *
     * @return the data classes; empty when it handles none
     */
    DataClass[] dataClasses() default {};

    /**
     * The name of a method on the same class, with the same parameters and return type, that answers when every
     * provider of the route failed. Empty means no fallback: the caller gets a typed failure instead.
     *
     * @return the fallback method name
     */
    String fallback() default "";

    /**
     * The names of the {@link AiTool}s the model may ask to call while answering; configuration
     * ({@code steward.capability.<name>.tools}) replaces the list. Every provider of the capability's route must
     * support tools.
     *
     * @return the tool names; empty for none
     */
    String[] tools() default {};

    /**
     * Who answers for this capability: a team, a role or a person, as the organisation's model risk register names
     * them. Recorded in the capability register that {@code steward-register} generates at compile time; Steward
     * does not interpret it.
     *
     * @return the owner; empty when none is declared
     */
    String owner() default "";
}
