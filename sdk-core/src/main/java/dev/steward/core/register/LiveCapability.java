package dev.steward.core.register;

import dev.steward.core.config.ConfigReader;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * A registered capability merged with the configuration as it is now. Immutable; a snapshot, read again for a newer
 * one.
 *
 * @param declared the capability as the code declares it
 * @param enabled whether calls are let through: both {@code steward.enabled} and
 *     {@code steward.capability.<name>.enabled} are on
 * @param route the route calls take: {@code steward.capability.<name>.route}, else the declared one
 * @param prompt the prompt version calls get, and what chose it
 * @param canary the canary version and its share of calls, or {@code null} when none is configured
 * @param ceilings the cost ceilings in force: configuration over the declaration
 */
public record LiveCapability(
        RegisteredCapability declared,
        boolean enabled,
        String route,
        ChosenPrompt prompt,
        Canary canary,
        RegisteredCapability.Ceilings ceilings) {

    /**
     * The prompt version calls get outside the canary.
     *
     * @param version the version, or {@code null} when neither configuration nor the annotation pins one and the
     *     register lists none
     * @param sha256 its hash as the register recorded it, or {@code null} when the register does not list the version
     * @param chosenBy {@code configuration} (the pin in {@code steward.capability.<name>.prompt.version}),
     *     {@code annotation} ({@code promptVersion}) or {@code latest} (the latest version the register lists)
     */
    public record ChosenPrompt(String version, String sha256, String chosenBy) {}

    /**
     * A canary rollout.
     *
     * @param version the canary version
     * @param sha256 its hash as the register recorded it, or {@code null} when the register does not list it
     * @param percent the share of calls that get it, in [0, 100]
     */
    public record Canary(String version, String sha256, double percent) {}

    /**
     * Merges one capability with the configuration.
     *
     * @param declared the registered capability
     * @param config the configuration
     * @return the merged view
     * @throws dev.steward.api.ConfigurationException if a read value is malformed (the kill switch not a boolean, the
     *     canary percentage not in [0, 100])
     */
    public static LiveCapability of(RegisteredCapability declared, ConfigReader config) {
        String p = "steward.capability." + declared.name() + ".";
        boolean enabled = config.bool("steward.enabled", true) && config.bool(p + "enabled", true);
        String route = config.string(p + "route").orElse(declared.route());

        List<RegisteredCapability.PromptVersion> versions = declared.prompt().versions();
        ChosenPrompt prompt;
        Optional<String> pin = config.string(p + "prompt.version");
        if (pin.isPresent()) {
            prompt = new ChosenPrompt(pin.get(), hash(versions, pin.get()), "configuration");
        } else if (declared.prompt().declaredVersion() != null) {
            String v = declared.prompt().declaredVersion();
            prompt = new ChosenPrompt(v, hash(versions, v), "annotation");
        } else if (!versions.isEmpty()) {
            RegisteredCapability.PromptVersion latest = versions.get(versions.size() - 1);
            prompt = new ChosenPrompt(latest.version(), latest.sha256(), "latest");
        } else {
            prompt = new ChosenPrompt(null, null, "latest");
        }

        Canary canary = config.string(p + "prompt.canary.version")
                .map(v -> new Canary(v, hash(versions, v), config.decimal(p + "prompt.canary.percent", 0, 0, 100)))
                .orElse(null);

        RegisteredCapability.Ceilings d = declared.ceilings();
        RegisteredCapability.Ceilings ceilings = new RegisteredCapability.Ceilings(
                config.string(p + "ceiling.per-call").orElse(d == null ? null : d.perCall()),
                config.string(p + "ceiling.per-user").orElse(d == null ? null : d.perUser()),
                config.string(p + "ceiling.per-tenant").orElse(d == null ? null : d.perTenant()),
                config.string(p + "ceiling.period")
                        .map(s -> s.toUpperCase(Locale.ROOT))
                        .orElse(d == null ? "DAY" : d.period()),
                d == null ? "REJECT" : d.onExceeded(),
                d == null ? null : d.degradeRoute());
        return new LiveCapability(declared, enabled, route, prompt, canary, ceilings);
    }

    private static String hash(List<RegisteredCapability.PromptVersion> versions, String version) {
        return versions.stream()
                .filter(v -> v.version().equals(version))
                .map(RegisteredCapability.PromptVersion::sha256)
                .findFirst()
                .orElse(null);
    }
}
