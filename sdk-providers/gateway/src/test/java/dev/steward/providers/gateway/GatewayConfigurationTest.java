package dev.steward.providers.gateway;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.steward.api.ConfigurationException;
import dev.steward.providers.testing.MapSettings;
import org.junit.jupiter.api.Test;

class GatewayConfigurationTest {

    private final GatewayProviderFactory factory = new GatewayProviderFactory();

    @Test
    void requiresTheBaseUrl() {
        assertThatThrownBy(() -> factory.create(MapSettings.of("gw", "model", "gpt-4o-mini")))
                .isInstanceOf(ConfigurationException.class)
                .hasMessageContaining("steward.provider.gw.base-url");
    }

    @Test
    void requiresTheModel() {
        assertThatThrownBy(() -> factory.create(MapSettings.of("gw", "base-url", "https://gateway/v1")))
                .isInstanceOf(ConfigurationException.class)
                .hasMessageContaining("steward.provider.gw.model");
    }

    @Test
    void requiresASaltToHashPrincipals() {
        assertThatThrownBy(() -> factory.create(
                        MapSettings.of("gw", "base-url", "https://gateway/v1", "model", "m", "user", "hash")))
                .isInstanceOf(ConfigurationException.class)
                .hasMessageContaining("steward.provider.gw.user-hash-salt");
    }

    @Test
    void rejectsAnUnknownPreset() {
        assertThatThrownBy(() -> factory.create(
                        MapSettings.of("gw", "base-url", "https://gateway/v1", "model", "m", "preset", "kong")))
                .isInstanceOf(ConfigurationException.class)
                .hasMessageContaining("steward.provider.gw.preset")
                .hasMessageContaining("none, portkey, litellm");
    }

    @Test
    void rejectsHeadersThatAreNotNameValuePairs() {
        assertThatThrownBy(() -> factory.create(MapSettings.of(
                        "gw", "base-url", "https://gateway/v1", "model", "m", "headers", "x-a: 1; novalue")))
                .isInstanceOf(ConfigurationException.class)
                .hasMessageContaining("steward.provider.gw.headers")
                .hasMessageContaining("'novalue'");
    }

    @Test
    void rejectsAnInvalidHeaderName() {
        assertThatThrownBy(() -> factory.create(MapSettings.of(
                        "gw", "base-url", "https://gateway/v1", "model", "m", "header.tenant", "x tenant")))
                .isInstanceOf(ConfigurationException.class)
                .hasMessageContaining("steward.provider.gw.header.tenant");
    }

    @Test
    void rejectsAnUnreadableTimeout() {
        assertThatThrownBy(() -> factory.create(
                        MapSettings.of("gw", "base-url", "https://gateway/v1", "model", "m", "timeout", "a while")))
                .isInstanceOf(ConfigurationException.class)
                .hasMessageContaining("steward.provider.gw.timeout");
    }

    @Test
    void createsAProviderNamedAfterItsSettings() {
        assertThat(factory.create(MapSettings.of("gw", "base-url", "https://gateway/v1", "model", "m"))
                        .name())
                .isEqualTo("gw");
    }
}
