package dev.steward.core.register;

import java.util.List;
import java.util.Objects;

/**
 * One capability as its annotations declare it, with the prompt versions the registry held at build time. Immutable.
 *
 * @param name the capability name
 * @param source {@code Class#method} of the declaring method
 * @param owner who answers for it, or {@code null} when none is declared
 * @param risk the risk tier's name ({@code LOW}, {@code MEDIUM}, {@code HIGH})
 * @param dataClasses the data classes' names, in declaration order
 * @param route the declared route
 * @param approval the approval rule, or {@code null} when no approval is required
 * @param ceilings the declared cost ceilings, or {@code null} when none is declared
 * @param fallback the fallback method's name, or {@code null} when there is none
 * @param tools the tools the capability may call, empty when it declares none
 * @param prompt the prompt and its versions
 */
public record RegisteredCapability(
        String name,
        String source,
        String owner,
        String risk,
        List<String> dataClasses,
        String route,
        Approval approval,
        Ceilings ceilings,
        String fallback,
        List<String> tools,
        Prompt prompt) {

    /**
     * Validates and copies the components.
     *
     * @throws NullPointerException if {@code name}, {@code source}, {@code risk}, {@code route} or {@code prompt} is
     *     {@code null}
     */
    public RegisteredCapability {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(risk, "risk");
        Objects.requireNonNull(route, "route");
        Objects.requireNonNull(prompt, "prompt");
        dataClasses = dataClasses == null ? List.of() : List.copyOf(dataClasses);
        tools = tools == null ? List.of() : List.copyOf(tools);
    }

    /**
     * The approval a capability's answers need.
     *
     * @param role the role an approver must hold
     * @param belowConfidence answers below this confidence need approval; {@code null} means every answer does
     * @param expiry how long a request waits, ISO-8601
     */
    public record Approval(String role, Double belowConfidence, String expiry) {}

    /**
     * Declared cost ceilings, as written in {@code @CostCeiling} (a class-level one when the method has none).
     *
     * @param perCall the per-call limit, or {@code null}
     * @param perUser the per-user limit, or {@code null}
     * @param perTenant the per-tenant limit, or {@code null}
     * @param period the period's name ({@code CALL}, {@code HOUR}, {@code DAY}, {@code MONTH})
     * @param onExceeded {@code REJECT} or {@code DEGRADE}
     * @param degradeRoute the route used when degrading, or {@code null}
     */
    public record Ceilings(
            String perCall, String perUser, String perTenant, String period, String onExceeded, String degradeRoute) {}

    /**
     * A capability's prompt.
     *
     * @param id the prompt id
     * @param declaredVersion the version the annotation pins, or {@code null} for "latest unless configured"
     * @param versions the versions the registry listed at build time, oldest first
     */
    public record Prompt(String id, String declaredVersion, List<PromptVersion> versions) {

        /**
         * Validates and copies the components.
         *
         * @throws NullPointerException if {@code id} is {@code null}
         */
        public Prompt {
            Objects.requireNonNull(id, "id");
            versions = versions == null ? List.of() : List.copyOf(versions);
        }
    }

    /**
     * One prompt version and its content hash.
     *
     * @param version the version label
     * @param sha256 lower-case hex SHA-256 of its UTF-8 text, the hash audit records carry
     */
    public record PromptVersion(String version, String sha256) {}
}
