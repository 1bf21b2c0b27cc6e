package dev.steward.cdi.internal;

import static dev.steward.cdi.CdiConfigKeys.ALL;
import static dev.steward.cdi.CdiConfigKeys.CORRELATION_HEADER;
import static dev.steward.cdi.CdiConfigKeys.EXTRA_ROLES;
import static dev.steward.cdi.CdiConfigKeys.PREFIXES;
import static dev.steward.cdi.CdiConfigKeys.REST_AUDIT_ROLES;
import static dev.steward.cdi.CdiConfigKeys.REST_CAPTURE_ROLES;
import static dev.steward.cdi.CdiConfigKeys.TENANT_NAME;
import static dev.steward.cdi.CdiConfigKeys.TENANT_SOURCE;
import static dev.steward.cdi.CdiConfigKeys.TENANT_SOURCES;

import dev.steward.api.ConfigurationException;
import java.util.Arrays;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.eclipse.microprofile.config.Config;

/**
 * The CDI integration's own settings, read once at deployment from MicroProfile Config and validated there.
 * Immutable.
 *
 * @param tenantSource one of {@link dev.steward.cdi.CdiConfigKeys#TENANT_SOURCES}
 * @param tenantName the header, claim or attribute name, or {@code null} with {@code none}
 * @param correlationHeader the correlation id header
 * @param extraRoles roles to check besides those configuration and annotations name
 * @param auditRoles roles allowed to read audit records over REST
 * @param captureRoles roles allowed to read captured prompts and answers over REST, none by default
 */
record IdentitySettings(
        String tenantSource,
        String tenantName,
        String correlationHeader,
        Set<String> extraRoles,
        Set<String> auditRoles,
        Set<String> captureRoles) {

    static IdentitySettings read(Config config) {
        for (String key : config.getPropertyNames()) {
            if (PREFIXES.stream().anyMatch(key::startsWith) && !ALL.contains(key)) {
                throw new ConfigurationException(key, "unknown key; valid keys are " + new TreeSet<>(ALL));
            }
        }
        String source = config.getOptionalValue(TENANT_SOURCE, String.class)
                .map(String::trim)
                .orElse("none");
        if (!TENANT_SOURCES.contains(source)) {
            throw new ConfigurationException(
                    TENANT_SOURCE, "'" + source + "' is not a tenant source; valid are " + TENANT_SOURCES);
        }
        String name = config.getOptionalValue(TENANT_NAME, String.class)
                .map(String::trim)
                .orElse(null);
        if (!source.equals("none") && name == null) {
            throw new ConfigurationException(
                    TENANT_NAME,
                    "required with " + TENANT_SOURCE + "=" + source + ": the " + source + " name the tenant is read"
                            + " from");
        }
        return new IdentitySettings(
                source,
                name,
                config.getOptionalValue(CORRELATION_HEADER, String.class).orElse("X-Correlation-Id"),
                list(config, EXTRA_ROLES, ""),
                list(config, REST_AUDIT_ROLES, "steward-auditor"),
                list(config, REST_CAPTURE_ROLES, ""));
    }

    private static Set<String> list(Config config, String key, String defaultValue) {
        String value = config.getOptionalValue(key, String.class).orElse(defaultValue);
        return Arrays.stream(value.split(","))
                .map(String::trim)
                .filter(s -> !s.isEmpty())
                .collect(Collectors.toUnmodifiableSet());
    }
}
