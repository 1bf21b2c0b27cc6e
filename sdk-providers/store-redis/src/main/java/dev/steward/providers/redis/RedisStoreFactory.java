package dev.steward.providers.redis;

import dev.steward.api.ConfigurationException;
import dev.steward.api.spi.BudgetLedger;
import dev.steward.api.spi.ProviderSettings;
import dev.steward.api.spi.RateLimiter;
import dev.steward.api.spi.StoreFactory;
import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;
import java.util.Optional;
import java.util.Set;
import redis.clients.jedis.ConnectionPoolConfig;
import redis.clients.jedis.DefaultJedisClientConfig;
import redis.clients.jedis.RedisClient;
import redis.clients.jedis.exceptions.JedisException;
import redis.clients.jedis.util.JedisURIHelper;

/**
 * The {@code redis} store backend: a {@link RedisBudgetLedger} for {@code steward.budget.ledger=redis} and a
 * {@link RedisRateLimiter} for {@code steward.rate-limit.store=redis}, sharing one connection pool. Reads, below
 * {@code steward.store.redis.}:
 *
 * <ul>
 *   <li>{@code url}: {@code redis://[user:password@]host:port[/db]} or {@code rediss://…} for TLS (default
 *       {@value #DEFAULT_URL});
 *   <li>{@code key-prefix}: put before every key, so that applications can share a server (default
 *       {@value #DEFAULT_KEY_PREFIX});
 *   <li>{@code pool-size}: the most connections open at once (default {@value #DEFAULT_POOL_SIZE});
 *   <li>{@code timeout}: the longest to connect, to wait for a pooled connection and for a reply (default 2s, 0 for
 *       none).
 * </ul>
 *
 * Found with {@link java.util.ServiceLoader}. Thread-safe and stateless: each {@link #open} makes its own pool.
 */
public final class RedisStoreFactory implements StoreFactory {

    /** The server when {@code url} is not set. */
    public static final String DEFAULT_URL = "redis://127.0.0.1:6379";

    /** The key prefix when {@code key-prefix} is not set. */
    public static final String DEFAULT_KEY_PREFIX = "steward:";

    /** The pool size when {@code pool-size} is not set. */
    public static final int DEFAULT_POOL_SIZE = 16;

    /** The timeout when {@code timeout} is not set. */
    public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(2);

    private final String defaultUrl;

    /** Creates the factory; it holds nothing until {@link #open}. */
    public RedisStoreFactory() {
        this(DEFAULT_URL);
    }

    /**
     * Creates a factory whose server, when {@code url} is not set, is the one an application already connects to (a
     * Spring application's {@code spring.data.redis.*} settings).
     *
     * @param defaultUrl the URL used when {@code url} is not set, in the form {@code url} takes
     * @throws NullPointerException if {@code defaultUrl} is {@code null}
     */
    public RedisStoreFactory(String defaultUrl) {
        this.defaultUrl = java.util.Objects.requireNonNull(defaultUrl, "defaultUrl");
    }

    /**
     * The backend's name.
     *
     * @return {@code redis}
     */
    @Override
    public String type() {
        return "redis";
    }

    /**
     * The settings read below {@code steward.store.redis.}.
     *
     * @return {@code url}, {@code key-prefix}, {@code pool-size} and {@code timeout}
     */
    @Override
    public Set<String> keys() {
        return Set.of("url", "key-prefix", "pool-size", "timeout");
    }

    /**
     * Connects a pool to the server and checks that it answers.
     *
     * @param context the settings
     * @return the ledger and the rate limiter on that pool; closing them closes the pool
     * @throws ConfigurationException naming the key of an invalid setting, or {@code url} when the server does not
     *     answer
     */
    @Override
    public Stores open(Context context) {
        ProviderSettings settings = context.settings();
        URI url = url(settings);
        String prefix = settings.get("key-prefix").orElse(DEFAULT_KEY_PREFIX);
        int poolSize = settings.integer("pool-size", DEFAULT_POOL_SIZE, 1, 10_000);
        int timeoutMillis = settings.duration("timeout", DEFAULT_TIMEOUT)
                .map(d -> (int) Math.min(Integer.MAX_VALUE, d.toMillis()))
                .orElse(0);

        DefaultJedisClientConfig.Builder client = DefaultJedisClientConfig.builder()
                .connectionTimeoutMillis(timeoutMillis)
                .socketTimeoutMillis(timeoutMillis)
                .database(JedisURIHelper.getDBIndex(url))
                .ssl(JedisURIHelper.isRedisSSLScheme(url))
                .clientName("steward");
        String password = JedisURIHelper.getPassword(url);
        if (password != null) {
            client.user(JedisURIHelper.getUser(url)).password(password);
        }
        ConnectionPoolConfig pool = new ConnectionPoolConfig();
        pool.setMaxTotal(poolSize);
        pool.setMaxIdle(poolSize);
        pool.setMinIdle(0);
        pool.setMaxWait(timeoutMillis == 0 ? Duration.ofMillis(-1) : Duration.ofMillis(timeoutMillis));

        RedisClient redis = RedisClient.builder()
                .hostAndPort(JedisURIHelper.getHostAndPort(url))
                .clientConfig(client.build())
                .poolConfig(pool)
                .build();
        try {
            redis.ping();
        } catch (JedisException e) {
            redis.close();
            throw new ConfigurationException(
                    settings.fullKey("url"),
                    "Redis does not answer at " + redact(url) + " (" + e.getMessage()
                            + "); start it or point the key at a running server",
                    e);
        }
        return new RedisStores(redis, prefix);
    }

    private URI url(ProviderSettings settings) {
        String value = settings.get("url").orElse(defaultUrl);
        URI uri;
        try {
            uri = new URI(value);
        } catch (URISyntaxException e) {
            throw invalidUrl(settings, value, e);
        }
        if (!JedisURIHelper.isValid(uri)
                || !JedisURIHelper.isRedisScheme(uri) && !JedisURIHelper.isRedisSSLScheme(uri)) {
            throw invalidUrl(settings, value, null);
        }
        String path = uri.getPath();
        if (path != null && !path.isEmpty() && !path.matches("/\\d*")) {
            throw invalidUrl(settings, value, null);
        }
        return uri;
    }

    private static ConfigurationException invalidUrl(ProviderSettings settings, String value, Exception cause) {
        return new ConfigurationException(
                settings.fullKey("url"),
                "must be redis://host:port[/db] or rediss://host:port[/db], was '" + redact(value) + "'",
                cause);
    }

    private static String redact(URI url) {
        return redact(url.toString());
    }

    // the URL may carry a password, which belongs in no log and no exception
    private static String redact(String url) {
        return url.replaceAll("//[^/@]*@", "//***@");
    }

    /** The stores of one open pool; closing closes the pool. */
    private static final class RedisStores implements Stores {

        private final RedisClient redis;
        private final RedisBudgetLedger ledger;
        private final RedisRateLimiter limiter;

        RedisStores(RedisClient redis, String prefix) {
            this.redis = redis;
            this.ledger = new RedisBudgetLedger(redis, prefix);
            this.limiter = new RedisRateLimiter(redis, prefix);
        }

        @Override
        public Optional<BudgetLedger> budgetLedger() {
            return Optional.of(ledger);
        }

        @Override
        public Optional<RateLimiter> rateLimiter() {
            return Optional.of(limiter);
        }

        @Override
        public void close() {
            ledger.close();
            redis.close();
        }
    }
}
