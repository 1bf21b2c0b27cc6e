package dev.steward.guard;

import static org.assertj.core.api.Assertions.assertThat;

import dev.steward.api.spi.Redactor;
import dev.steward.core.config.ConfigKeys;
import dev.steward.core.config.ConfigValues;
import java.util.Map;
import org.junit.jupiter.api.Test;

class GuardInterceptorFactoryTest {

    private static final String TEXT = "Reset it at https://example.com/reset?user=jane, or call +44 20 7123 4567.";

    @Test
    void runsEveryBuiltInRedactorButUrlUnlessTold() {
        assertThat(GuardInterceptorFactory.redaction(ConfigValues.of(Map.of())).find("c", TEXT))
                .extracting(Redactor.Finding::type)
                .containsExactly("PHONE_NUMBER");
        assertThat(GuardInterceptorFactory.builtInDetectors()).endsWith("url");
    }

    @Test
    void redactsWebAddressesWhenUrlIsNamed() {
        ConfigValues config = ConfigValues.of(Map.of(ConfigKeys.GUARD_REDACTION_DETECTORS, "phone, url"));
        assertThat(GuardInterceptorFactory.redaction(config).find("c", TEXT))
                .extracting(Redactor.Finding::type)
                .containsExactly("URL", "PHONE_NUMBER");
    }
}
