package dev.steward.providers.redis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.steward.api.ConfigurationException;
import dev.steward.api.spi.StoreFactory;
import dev.steward.core.Steward;
import dev.steward.core.config.ConfigReader;
import dev.steward.core.config.ConfigValues;
import dev.steward.core.route.ConfiguredProviderSettings;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.ServiceLoader;
import org.junit.jupiter.api.Test;

/** Settings and startup failures of the backend; none of these reach a server. */
class RedisStoreFactoryTest {

    private static StoreFactory.Context context(Map<String, String> values) {
        return new StoreFactory.Context(
                ConfiguredProviderSettings.ofStore("redis", new ConfigReader(ConfigValues.of(values))),
                Duration.ofSeconds(5),
                Clock.systemUTC());
    }

    @Test
    void isFoundAsTheRedisBackend() {
        assertThat(ServiceLoader.load(StoreFactory.class).stream().map(ServiceLoader.Provider::get))
                .anySatisfy(f -> {
                    assertThat(f).isInstanceOf(RedisStoreFactory.class);
                    assertThat(f.type()).isEqualTo("redis");
                    assertThat(f.keys()).containsExactlyInAnyOrder("url", "key-prefix", "pool-size", "timeout");
                });
    }

    @Test
    void aUrlThatIsNotRedisFailsNamingTheKey() {
        for (String url : new String[] {"http://127.0.0.1:6379", "redis://127.0.0.1:6379/zero", "not a url"}) {
            assertThatThrownBy(() -> new RedisStoreFactory().open(context(Map.of("steward.store.redis.url", url))))
                    .isInstanceOf(ConfigurationException.class)
                    .hasMessageContaining("steward.store.redis.url")
                    .hasMessageContaining("redis://host:port[/db]");
        }
    }

    @Test
    void theApplicationsServerIsTheDefaultAndTheKeyStillWins() {
        assertThatThrownBy(() -> new RedisStoreFactory("redis://127.0.0.1:1")
                        .open(context(Map.of("steward.store.redis.timeout", "500ms"))))
                .isInstanceOf(ConfigurationException.class)
                .hasMessageContaining("127.0.0.1:1");
        assertThatThrownBy(() -> new RedisStoreFactory("redis://127.0.0.1:1")
                        .open(context(Map.of(
                                "steward.store.redis.url", "redis://127.0.0.1:2",
                                "steward.store.redis.timeout", "500ms"))))
                .isInstanceOf(ConfigurationException.class)
                .hasMessageContaining("127.0.0.1:2");
    }

    @Test
    void anUnreachableServerFailsStartupNamingTheKeyWithoutThePassword() {
        assertThatThrownBy(() -> new RedisStoreFactory()
                        .open(context(Map.of(
                                "steward.store.redis.url", "redis://steward:s3cret@127.0.0.1:1",
                                "steward.store.redis.timeout", "500ms"))))
                .isInstanceOf(ConfigurationException.class)
                .hasMessageContaining("steward.store.redis.url")
                .hasMessageContaining("127.0.0.1:1")
                .hasMessageNotContaining("s3cret");
    }

    @Test
    void anInvalidPoolSizeOrTimeoutFailsNamingTheKey() {
        assertThatThrownBy(() -> new RedisStoreFactory().open(context(Map.of("steward.store.redis.pool-size", "0"))))
                .isInstanceOf(ConfigurationException.class)
                .hasMessageContaining("steward.store.redis.pool-size");
        assertThatThrownBy(() -> new RedisStoreFactory().open(context(Map.of("steward.store.redis.timeout", "soon"))))
                .isInstanceOf(ConfigurationException.class)
                .hasMessageContaining("steward.store.redis.timeout");
    }

    @Test
    void anUnknownSettingFailsStewardsStartupNamingTheValidOnes() {
        assertThatThrownBy(() -> Steward.builder()
                        .config(ConfigValues.of(Map.of("steward.store.redis.uri", "redis://127.0.0.1:6379")))
                        .build())
                .isInstanceOf(ConfigurationException.class)
                .hasMessageContaining("steward.store.redis.uri")
                .hasMessageContaining("key-prefix");
    }
}
