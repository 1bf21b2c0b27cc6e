package dev.steward.api.annotation;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Declares a bean method as a tool a model may ask to call, when a capability offers it
 * ({@link AiCapability#tools()} or {@code steward.capability.<name>.tools}). The method's parameters, bound by name
 * (compile with {@code -parameters}), are the tool's arguments; their JSON shape is derived from their types as for a
 * typed answer. Its return value goes back to the model as JSON (a {@code String} as it is).
 *
 * <p>A tool runs as the caller of the capability: before each call the capability policy authorizes the caller for
 * the tool (with the configuration policy, {@code steward.tool.<name>.allowed-roles} and {@code allowed-tenants}); a
 * refusal goes back to the model as the tool's result. Every call is audited with the tool's name, the SHA-256 of its
 * arguments, its outcome and duration. With {@link RequiresApproval} on the method, each call is held for an
 * approver: the conversation is persisted with the approval request, and resumes from that point once decided.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.METHOD)
public @interface AiTool {

    /**
     * The tool's name as the model sees it and capabilities and configuration name it; empty means the method's name.
     *
     * @return 1 to 64 letters, digits, {@code _} or {@code -}
     */
    String name() default "";

    /**
     * What the tool does and when to use it, for the model.
     *
     * @return the description
     */
    String description();
}
