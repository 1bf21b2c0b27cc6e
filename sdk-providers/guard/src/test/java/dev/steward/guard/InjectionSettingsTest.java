package dev.steward.guard;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.steward.api.ConfigurationException;
import dev.steward.core.config.ConfigKeys;
import dev.steward.core.config.ConfigValues;
import dev.steward.core.spi.PipelineInterceptor;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The injection guard's settings: deployment-wide defaults, per-capability overrides, and bad values. */
class InjectionSettingsTest {

    private static InjectionSettings read(Map<String, String> config) {
        return InjectionSettings.read(ConfigValues.of(config));
    }

    @Test
    void withoutConfigurationEveryCapabilityIsFlaggedAtTheModelsOperatingPoint() {
        InjectionSettings settings = read(Map.of());

        assertThat(settings.action("claims.summarize")).isEqualTo(InjectionSettings.Action.FLAG);
        assertThat(settings.threshold("claims.summarize")).isEqualTo(0.55);
    }

    @Test
    void aCapabilitysSettingOverridesTheDeploymentsWhichOverridesTheDefault() {
        InjectionSettings settings = read(Map.of(
                ConfigKeys.GUARD_INJECTION_ACTION,
                "block",
                ConfigKeys.GUARD_INJECTION_THRESHOLD,
                "0.7",
                "steward.capability.claims.summarize.injection.action",
                "require-approval",
                "steward.capability.claims.summarize.injection.threshold",
                "0.4"));

        assertThat(settings.action("claims.triage")).isEqualTo(InjectionSettings.Action.BLOCK);
        assertThat(settings.threshold("claims.triage")).isEqualTo(0.7);
        assertThat(settings.action("claims.summarize")).isEqualTo(InjectionSettings.Action.REQUIRE_APPROVAL);
        assertThat(settings.threshold("claims.summarize")).isEqualTo(0.4);
    }

    @Test
    void aThresholdOutsideZeroToOneOrAnUnknownActionFailsNamingItsKey() {
        assertThatThrownBy(() -> read(Map.of(ConfigKeys.GUARD_INJECTION_THRESHOLD, "1.5")))
                .isInstanceOf(ConfigurationException.class)
                .hasMessageContaining(ConfigKeys.GUARD_INJECTION_THRESHOLD)
                .hasMessageContaining("1.5");
        assertThatThrownBy(() -> read(Map.of("steward.capability.claims.summarize.injection.threshold", "high")))
                .isInstanceOf(ConfigurationException.class)
                .hasMessageContaining("steward.capability.claims.summarize.injection.threshold");
        assertThatThrownBy(() -> read(Map.of("steward.capability.claims.summarize.injection.action", "warn")))
                .isInstanceOf(ConfigurationException.class)
                .hasMessageContaining("steward.capability.claims.summarize.injection.action")
                .hasMessageContaining("block, flag, require-approval, off");
    }

    @Test
    void offEverywhereLeavesTheClassifierOutAndOneCapabilityOnBringsItBack() {
        List<PipelineInterceptor> off =
                new GuardInterceptorFactory().create(ConfigValues.of(Map.of(ConfigKeys.GUARD_INJECTION_ACTION, "off")));
        List<PipelineInterceptor> oneOn = new GuardInterceptorFactory()
                .create(ConfigValues.of(Map.of(
                        ConfigKeys.GUARD_INJECTION_ACTION,
                        "off",
                        "steward.capability.claims.summarize.injection.action",
                        "flag")));

        assertThat(off).singleElement().isInstanceOf(RedactionInterceptor.class);
        assertThat(oneOn).hasSize(2).hasAtLeastOneElementOfType(InjectionGuard.class);
    }
}
