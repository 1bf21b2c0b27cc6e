package dev.steward.core.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.steward.api.ConfigurationException;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class IdentitySettingsTest {

    private static final List<String> SOURCES = List.of("none", "header", "claim");

    @Test
    void defaultsNeedNoConfiguration() {
        IdentitySettings s = IdentitySettings.read(ConfigValues.of(Map.of()), SOURCES);
        assertThat(s.tenantSource()).isEqualTo("none");
        assertThat(s.tenantName()).isNull();
        assertThat(s.correlationHeader()).isEqualTo("X-Correlation-Id");
        assertThat(s.extraRoles()).isEmpty();
    }

    @Test
    void readsEveryKey() {
        IdentitySettings s = IdentitySettings.read(
                ConfigValues.of(Map.of(
                        IdentitySettings.TENANT_SOURCE, " header ",
                        IdentitySettings.TENANT_NAME, "X-Tenant",
                        IdentitySettings.CORRELATION_HEADER, "X-Request-Id",
                        IdentitySettings.EXTRA_ROLES, "auditor, ,reviewer")),
                SOURCES);
        assertThat(s)
                .isEqualTo(new IdentitySettings("header", "X-Tenant", "X-Request-Id", Set.of("auditor", "reviewer")));
    }

    @Test
    void rejectsASourceTheIntegrationDoesNotSupport() {
        assertThatThrownBy(() -> IdentitySettings.read(
                        ConfigValues.of(Map.of(IdentitySettings.TENANT_SOURCE, "principal-attribute")), SOURCES))
                .isInstanceOf(ConfigurationException.class)
                .hasMessageContaining(IdentitySettings.TENANT_SOURCE)
                .hasMessageContaining("[none, header, claim]");
    }

    @Test
    void requiresANameWithASource() {
        assertThatThrownBy(() -> IdentitySettings.read(
                        ConfigValues.of(Map.of(IdentitySettings.TENANT_SOURCE, "claim")), SOURCES))
                .isInstanceOf(ConfigurationException.class)
                .hasMessageContaining(IdentitySettings.TENANT_NAME);
    }

    @Test
    void rejectsUnknownKeysBelowTheIntegrationsPrefixesOnly() {
        ConfigValues config = ConfigValues.of(
                Map.of("steward.identity.tenant.sorce", "header", "steward.audit.sink", "memory", "other.key", "x"));
        assertThatThrownBy(() -> IdentitySettings.checkIntegrationKeys(
                        config, List.of("steward.identity."), IdentitySettings.KEYS))
                .isInstanceOf(ConfigurationException.class)
                .hasMessageContaining("steward.identity.tenant.sorce")
                .hasMessageContaining(IdentitySettings.TENANT_SOURCE);
        IdentitySettings.checkIntegrationKeys(
                ConfigValues.of(Map.of(IdentitySettings.TENANT_SOURCE, "none")),
                List.of("steward.identity."),
                IdentitySettings.KEYS);
    }

    @Test
    void rolesFallBackToTheirDefault() {
        assertThat(IdentitySettings.roles(ConfigValues.of(Map.of()), "steward.x.roles", "auditor"))
                .containsExactly("auditor");
        assertThat(IdentitySettings.roles(ConfigValues.of(Map.of("steward.x.roles", "a,b")), "steward.x.roles", "z"))
                .containsExactlyInAnyOrder("a", "b");
    }
}
