package dev.steward.cdi;

import static org.assertj.core.api.Assertions.assertThat;

import dev.steward.cdi.internal.MicroProfileConfigValues;
import dev.steward.cdi.support.TestConfig;
import java.util.Map;
import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class MicroProfileConfigValuesTest {

    private final TestConfig config =
            TestConfig.install(Map.of("steward.enabled", "true", "mp.messaging.x", "y", "stewardship", "z"));

    private final MicroProfileConfigValues values = new MicroProfileConfigValues(ConfigProvider.getConfig());

    @AfterEach
    void release() {
        config.release();
    }

    @Test
    void listsOnlyStewardKeys() {
        assertThat(values.keys()).containsExactly("steward.enabled");
    }

    @Test
    void readsValuesLiveSoThatChangesNeedNoRestart() {
        assertThat(values.get("steward.enabled")).contains("true");

        config.set("steward.enabled", "false");

        assertThat(values.get("steward.enabled")).contains("false");
        assertThat(values.get("steward.absent")).isEmpty();
    }
}
