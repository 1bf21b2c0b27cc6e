package dev.steward.spring.internal;

import dev.steward.api.spi.StoreFactory;
import java.util.ArrayList;
import java.util.List;
import javax.sql.DataSource;
import org.springframework.core.env.Environment;

/**
 * The store backends made from what the Spring application already has: the JDBC backend on its {@link DataSource}
 * bean (when {@code steward-store-jdbc} is present), the Redis backend on the server of its
 * {@code spring.data.redis.*} settings (when {@code steward-store-redis} is present). Configuration still chooses
 * which store comes from where ({@code steward.audit.sink=jdbc}, {@code steward.budget.ledger=redis}, …), and
 * {@code steward.store.jdbc.url} or {@code steward.store.redis.url} still point elsewhere when set.
 */
public final class ApplicationStores {

    private ApplicationStores() {}

    public static List<StoreFactory> of(DataSource dataSource, Environment environment) {
        List<StoreFactory> factories = new ArrayList<>();
        if (dataSource != null && Classes.present("dev.steward.providers.jdbc.JdbcStoreFactory")) {
            factories.add(Jdbc.factory(dataSource));
        }
        String redisUrl = redisUrl(environment);
        if (redisUrl != null && Classes.present("dev.steward.providers.redis.RedisStoreFactory")) {
            factories.add(Redis.factory(redisUrl));
        }
        return factories;
    }

    /**
     * The URL of Spring Data Redis's server: {@code spring.data.redis.url}, or one made of {@code host},
     * {@code port}, {@code username}, {@code password}, {@code database} and {@code ssl.enabled}.
     *
     * @param environment the environment
     * @return the URL, or {@code null} when the application configures no Redis server
     */
    static String redisUrl(Environment environment) {
        String url = environment.getProperty("spring.data.redis.url");
        if (url != null && !url.isBlank()) {
            return url.trim();
        }
        String host = environment.getProperty("spring.data.redis.host");
        if (host == null || host.isBlank()) {
            return null;
        }
        boolean ssl = environment.getProperty("spring.data.redis.ssl.enabled", Boolean.class, false);
        String user = environment.getProperty("spring.data.redis.username", "");
        String password = environment.getProperty("spring.data.redis.password");
        String credentials = password == null ? "" : user + ":" + password + "@";
        return (ssl ? "rediss://" : "redis://") + credentials + host.trim() + ":"
                + environment.getProperty("spring.data.redis.port", "6379").trim() + "/"
                + environment.getProperty("spring.data.redis.database", "0").trim();
    }

    /** Loaded only when the JDBC store is present. */
    private static final class Jdbc {
        static StoreFactory factory(DataSource dataSource) {
            return new dev.steward.providers.jdbc.JdbcStoreFactory(dataSource);
        }
    }

    /** Loaded only when the Redis store is present. */
    private static final class Redis {
        static StoreFactory factory(String url) {
            return new dev.steward.providers.redis.RedisStoreFactory(url);
        }
    }
}
