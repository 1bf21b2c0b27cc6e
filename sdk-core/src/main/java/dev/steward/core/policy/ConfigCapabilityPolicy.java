package dev.steward.core.policy;

import dev.steward.api.CallerContext;
import dev.steward.api.CapabilityDescriptor;
import dev.steward.api.spi.CapabilityPolicy;
import dev.steward.core.config.ConfigReader;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Authorization from configuration, per capability: {@code allowed-roles} (the caller needs one; empty means any
 * authenticated caller), {@code allowed-tenants} (the caller's tenant must be listed; empty means any) and
 * {@code allow-anonymous} (default {@code false}). Rules are read once per capability. Thread-safe.
 */
public final class ConfigCapabilityPolicy implements CapabilityPolicy {

    private record Rules(Set<String> roles, Set<String> tenants, boolean anonymous) {}

    private final ConfigReader config;
    private final Map<String, Rules> rules = new ConcurrentHashMap<>();
    private final Map<String, Rules> toolRules = new ConcurrentHashMap<>();

    /**
     * A policy over configuration.
     *
     * @param config the configuration
     */
    public ConfigCapabilityPolicy(ConfigReader config) {
        this.config = config;
    }

    @Override
    public Decision authorize(CapabilityDescriptor descriptor, CallerContext caller) {
        String capability = descriptor.name();
        Rules r = rules.computeIfAbsent(capability, this::read);
        if (caller.isAnonymous()) {
            return r.anonymous
                    ? Decision.ALLOW
                    : Decision.deny("anonymous callers may not use '" + capability + "'; set steward.capability."
                            + capability + ".allow-anonymous=true to allow them");
        }
        if (!r.roles.isEmpty() && r.roles.stream().noneMatch(caller::hasRole)) {
            return Decision.deny("'" + caller.principal() + "' holds none of the roles " + r.roles + " that '"
                    + capability + "' requires");
        }
        if (!r.tenants.isEmpty() && (caller.tenant() == null || !r.tenants.contains(caller.tenant()))) {
            return Decision.deny("tenant '" + caller.tenant() + "' may not use '" + capability + "'");
        }
        return Decision.ALLOW;
    }

    /**
     * Authorizes a tool by {@code steward.tool.<name>.allowed-roles} (the caller needs one; empty means any
     * authenticated caller) and {@code allowed-tenants} (the caller's tenant must be listed; empty means any). An
     * anonymous caller may run a tool only where the capability allows anonymous callers and the tool lists no roles.
     */
    @Override
    public Decision authorizeTool(String tool, CapabilityDescriptor capability, CallerContext caller) {
        Rules r = toolRules.computeIfAbsent(tool, this::readTool);
        if (caller.isAnonymous()) {
            return r.roles.isEmpty()
                            && r.tenants.isEmpty()
                            && rules.computeIfAbsent(capability.name(), this::read).anonymous
                    ? Decision.ALLOW
                    : Decision.deny("anonymous callers may not run the tool '" + tool + "'");
        }
        if (!r.roles.isEmpty() && r.roles.stream().noneMatch(caller::hasRole)) {
            return Decision.deny("'" + caller.principal() + "' holds none of the roles " + r.roles + " that the tool '"
                    + tool + "' requires");
        }
        if (!r.tenants.isEmpty() && (caller.tenant() == null || !r.tenants.contains(caller.tenant()))) {
            return Decision.deny("tenant '" + caller.tenant() + "' may not run the tool '" + tool + "'");
        }
        return Decision.ALLOW;
    }

    private Rules readTool(String tool) {
        String p = "steward.tool." + tool + ".";
        return new Rules(
                Set.copyOf(config.list(p + "allowed-roles")), Set.copyOf(config.list(p + "allowed-tenants")), false);
    }

    /**
     * The roles configured for a capability, so integrations know which roles to ask the container about.
     *
     * @param capability the capability name
     * @return the allowed roles
     */
    public Set<String> allowedRoles(String capability) {
        return rules.computeIfAbsent(capability, this::read).roles;
    }

    private Rules read(String capability) {
        String p = "steward.capability." + capability + ".";
        List<String> roles = config.list(p + "allowed-roles");
        List<String> tenants = config.list(p + "allowed-tenants");
        return new Rules(Set.copyOf(roles), Set.copyOf(tenants), config.bool(p + "allow-anonymous", false));
    }
}
