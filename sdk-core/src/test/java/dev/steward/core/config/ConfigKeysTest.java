package dev.steward.core.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.steward.api.ConfigurationException;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ConfigKeysTest {

    @Test
    void splitsADottedNameAtTheLongestKnownSetting() {
        assertThat(ConfigKeys.split(
                        "steward.capability.claims.summarize.prompt.canary.version",
                        "capability",
                        ConfigKeys.CAPABILITY_SETTINGS))
                .hasValue(new ConfigKeys.FamilyKey("capability", "claims.summarize", "prompt.canary.version"));
        assertThat(ConfigKeys.split("steward.price.gpt-4o.input-per-1k", "price", ConfigKeys.PRICE_SETTINGS))
                .hasValue(new ConfigKeys.FamilyKey("price", "gpt-4o", "input-per-1k"));
    }

    @Test
    void doesNotSplitAKeyOfAnotherFamilyOrWithoutAName() {
        assertThat(ConfigKeys.split("steward.route.default.providers", "capability", ConfigKeys.CAPABILITY_SETTINGS))
                .isEmpty();
        assertThat(ConfigKeys.split("steward.capability.enabled", "capability", ConfigKeys.CAPABILITY_SETTINGS))
                .isEmpty();
    }

    @Test
    void acceptsGlobalFamilyIntegrationAndForeignKeys() {
        ConfigValues values = ConfigValues.of(Map.of(
                "steward.enabled", "true",
                "steward.capability.claims.summarize.route", "default",
                "steward.route.default.providers", "gateway",
                "steward.price.gpt-4o.output-per-1k", "0.60 USD",
                "steward.provider.gateway.timeout", "5s",
                "steward.provider.gateway.base-url", "http://localhost:8787/v1",
                "steward.cdi.rest.audit-roles", "auditor",
                "mp.config.profile", "dev"));

        assertThatCode(() -> ConfigKeys.validate(values, Map.of("gateway", Set.of("base-url"))))
                .doesNotThrowAnyException();
    }

    @Test
    void rejectsAnUnknownGlobalKeyListingTheValidOnes() {
        assertThatThrownBy(() -> validate("steward.currencyy", "USD"))
                .isInstanceOf(ConfigurationException.class)
                .hasMessageContaining("steward.currencyy")
                .hasMessageContaining("steward.currency,");
    }

    @Test
    void rejectsAnUnknownCapabilityRouteOrPriceSetting() {
        assertThatThrownBy(() -> validate("steward.capability.claims.summarize.rout", "x"))
                .hasMessageContaining("valid keys are steward.capability.<name>.{");
        assertThatThrownBy(() -> validate("steward.route.default.provider", "x"))
                .hasMessageContaining("steward.route.<name>.{providers,trusted}");
        assertThatThrownBy(() -> validate("steward.price.gpt-4o.input", "x"))
                .hasMessageContaining("steward.price.<model>.{input-per-1k,output-per-1k}");
    }

    @Test
    void rejectsARouteOrProviderNameWithDotsOrCapitals() {
        assertThatThrownBy(() -> validate("steward.route.my.route.providers", "x"))
                .hasMessageContaining("name 'my.route' must be lower-case letters");
        assertThatThrownBy(() -> validate("steward.provider.Gateway.timeout", "5s"))
                .hasMessageContaining("name 'Gateway' must be lower-case letters");
    }

    @Test
    void rejectsAProviderKeyWithoutASettingOrWithOneItsTypeDoesNotKnow() {
        assertThatThrownBy(() -> validate("steward.provider.gateway", "x"))
                .hasMessageContaining("expected steward.provider.<name>.<setting>");
        assertThatThrownBy(() -> ConfigKeys.validate(
                        ConfigValues.of(Map.of("steward.provider.gateway.base-uri", "x")),
                        Map.of("gateway", Set.of("base-url"))))
                .hasMessageContaining("unknown provider setting 'base-uri'")
                .hasMessageContaining("base-url");
    }

    @Test
    void aGuardPatternOrDenyListTypeMustBeUpperCase() {
        assertThatCode(() -> validate("steward.guard.redaction.pattern.POLICY_NUMBER_2", "POL-\\d{6}"))
                .doesNotThrowAnyException();
        assertThatCode(() -> validate("steward.guard.redaction.deny-list.PERSON", "Jane Roe"))
                .doesNotThrowAnyException();
        assertThatThrownBy(() -> validate("steward.guard.redaction.pattern.policy", "POL-\\d{6}"))
                .isInstanceOf(ConfigurationException.class)
                .hasMessageContaining("steward.guard.redaction.pattern.policy")
                .hasMessageContaining("upper-case letters");
        assertThatThrownBy(() -> validate("steward.guard.redaction.deny-list.2PERSON", "x"))
                .isInstanceOf(ConfigurationException.class)
                .hasMessageContaining("steward.guard.redaction.deny-list.2PERSON");
    }

    private static void validate(String key, String value) {
        ConfigKeys.validate(ConfigValues.of(Map.of(key, value)), Map.of());
    }
}
