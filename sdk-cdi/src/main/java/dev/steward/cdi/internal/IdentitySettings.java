package dev.steward.cdi.internal;

import static dev.steward.cdi.CdiConfigKeys.ALL;
import static dev.steward.cdi.CdiConfigKeys.PREFIXES;
import static dev.steward.cdi.CdiConfigKeys.REST_AUDIT_ROLES;
import static dev.steward.cdi.CdiConfigKeys.REST_CAPTURE_ROLES;
import static dev.steward.cdi.CdiConfigKeys.TENANT_SOURCES;

import dev.steward.core.config.ConfigValues;
import java.util.Set;
import org.eclipse.microprofile.config.Config;

/**
 * The CDI integration's own settings, read once at deployment from MicroProfile Config and validated there: core's
 * shared identity settings and the REST audit roles. Immutable.
 *
 * @param identity the {@code steward.identity.*} settings
 * @param auditRoles roles allowed to read audit records over REST
 * @param captureRoles roles allowed to read captured prompts and answers over REST, none by default
 */
record IdentitySettings(
        dev.steward.core.config.IdentitySettings identity, Set<String> auditRoles, Set<String> captureRoles) {

    static IdentitySettings read(Config config) {
        ConfigValues values = new MicroProfileConfigValues(config);
        dev.steward.core.config.IdentitySettings.checkIntegrationKeys(values, PREFIXES, ALL);
        return new IdentitySettings(
                dev.steward.core.config.IdentitySettings.read(values, TENANT_SOURCES),
                dev.steward.core.config.IdentitySettings.roles(values, REST_AUDIT_ROLES, "steward-auditor"),
                dev.steward.core.config.IdentitySettings.roles(values, REST_CAPTURE_ROLES, ""));
    }

    String tenantSource() {
        return identity.tenantSource();
    }

    String tenantName() {
        return identity.tenantName();
    }

    String correlationHeader() {
        return identity.correlationHeader();
    }

    Set<String> extraRoles() {
        return identity.extraRoles();
    }
}
