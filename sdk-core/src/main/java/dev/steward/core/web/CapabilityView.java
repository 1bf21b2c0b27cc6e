package dev.steward.core.web;

import dev.steward.core.register.LiveCapability;
import dev.steward.core.register.RegisteredCapability;
import java.util.List;

/**
 * One capability of the register as the REST resource returns it: the declaration, then what the configuration makes
 * of it now. Immutable.
 *
 * @param name the capability name
 * @param source {@code Class#method} of the declaring method
 * @param owner who answers for it, or {@code null}
 * @param risk the risk tier
 * @param dataClasses the data classes
 * @param enabled whether calls are let through now (global and capability kill switches)
 * @param route the route calls take now
 * @param declaredRoute the route the annotation declares
 * @param approval the approval rule, or {@code null} when none is required
 * @param fallback the fallback method, or {@code null}
 * @param tools the tools it may call
 * @param prompt the prompt id, the version calls get now and the versions the build saw
 * @param ceilings the ceilings in force now: configuration over the declaration
 */
public record CapabilityView(
        String name,
        String source,
        String owner,
        String risk,
        List<String> dataClasses,
        boolean enabled,
        String route,
        String declaredRoute,
        Approval approval,
        String fallback,
        List<String> tools,
        Prompt prompt,
        Ceilings ceilings) {

    /**
     * The approval a capability's answers need.
     *
     * @param role the approver role
     * @param belowConfidence the threshold, or {@code null} when every answer needs approval
     * @param expiry how long a request waits, ISO-8601
     */
    public record Approval(String role, Double belowConfidence, String expiry) {}

    /**
     * The prompt.
     *
     * @param id the prompt id
     * @param version the version calls get now (outside the canary), or {@code null} when none is known
     * @param sha256 its hash as built, or {@code null} when the build did not see that version
     * @param chosenBy {@code configuration}, {@code annotation} or {@code latest}
     * @param canaryVersion the canary version, or {@code null}
     * @param canaryPercent the canary's share of calls, or {@code null}
     * @param versions the versions and hashes the build saw, oldest first
     */
    public record Prompt(
            String id,
            String version,
            String sha256,
            String chosenBy,
            String canaryVersion,
            Double canaryPercent,
            List<Version> versions) {}

    /**
     * A prompt version.
     *
     * @param version the label
     * @param sha256 the hash of its text
     */
    public record Version(String version, String sha256) {}

    /**
     * Cost ceilings.
     *
     * @param perCall per call, or {@code null}
     * @param perUser per user and period, or {@code null}
     * @param perTenant per tenant and period, or {@code null}
     * @param period the period
     * @param onExceeded {@code REJECT} or {@code DEGRADE}
     * @param degradeRoute the route when degrading, or {@code null}
     */
    public record Ceilings(
            String perCall, String perUser, String perTenant, String period, String onExceeded, String degradeRoute) {}

    /**
     * The view of a live capability.
     *
     * @param c the capability
     * @return the view
     */
    public static CapabilityView of(LiveCapability c) {
        RegisteredCapability d = c.declared();
        RegisteredCapability.Approval a = d.approval();
        RegisteredCapability.Ceilings e = c.ceilings();
        return new CapabilityView(
                d.name(),
                d.source(),
                d.owner(),
                d.risk(),
                d.dataClasses(),
                c.enabled(),
                c.route(),
                d.route(),
                a == null ? null : new Approval(a.role(), a.belowConfidence(), a.expiry()),
                d.fallback(),
                d.tools(),
                new Prompt(
                        d.prompt().id(),
                        c.prompt().version(),
                        c.prompt().sha256(),
                        c.prompt().chosenBy(),
                        c.canary() == null ? null : c.canary().version(),
                        c.canary() == null ? null : c.canary().percent(),
                        d.prompt().versions().stream()
                                .map(v -> new Version(v.version(), v.sha256()))
                                .toList()),
                new Ceilings(e.perCall(), e.perUser(), e.perTenant(), e.period(), e.onExceeded(), e.degradeRoute()));
    }
}
