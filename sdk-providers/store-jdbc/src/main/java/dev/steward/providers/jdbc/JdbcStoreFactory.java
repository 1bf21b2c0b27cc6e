package dev.steward.providers.jdbc;

import dev.steward.api.ConfigurationException;
import dev.steward.api.spi.ProviderSettings;
import dev.steward.api.spi.StoreFactory;
import java.util.Optional;
import java.util.Set;
import javax.naming.InitialContext;
import javax.naming.NamingException;
import javax.sql.DataSource;

/**
 * Opens the {@link JdbcStores} that {@code steward.audit.sink=jdbc}, {@code steward.budget.ledger=jdbc} and
 * {@code steward.approval.store=jdbc} select, from the keys under {@code steward.store.jdbc.}: either
 * {@code datasource}, a JNDI name looked up with {@link InitialContext} (in Jakarta EE the server's pool, credentials
 * and configuration), or {@code url} with {@code user} and {@code password} for plain Java; with neither, the
 * application's own data source when an integration created the factory with one. Found by
 * {@link java.util.ServiceLoader}. Thread-safe and stateless.
 */
public final class JdbcStoreFactory implements StoreFactory {

    /** The prefix of this backend's keys. */
    public static final String PREFIX = "steward.store.jdbc.";

    private final DataSource applicationDataSource;

    /** Creates the factory; {@link java.util.ServiceLoader} calls this. */
    public JdbcStoreFactory() {
        this(null);
    }

    /**
     * Creates a factory that uses an application's own {@link DataSource} when neither {@code datasource} nor
     * {@code url} is set, for integrations whose container holds the pool as an object rather than in JNDI (a Spring
     * application's {@code DataSource} bean). The data source belongs to the application: closing the stores leaves it
     * open.
     *
     * @param applicationDataSource the application's data source, or {@code null} for none
     */
    public JdbcStoreFactory(DataSource applicationDataSource) {
        this.applicationDataSource = applicationDataSource;
    }

    @Override
    public String type() {
        return "jdbc";
    }

    @Override
    public Set<String> keys() {
        return Set.of(
                "datasource",
                "url",
                "user",
                "password",
                "migrate",
                "table-prefix",
                "pool-size",
                "checkpoint-every",
                "queue-capacity");
    }

    /**
     * Connects and checks or applies the schema.
     *
     * @param context the settings, the audit write timeout and the clock
     * @return the stores
     * @throws ConfigurationException if both of {@code datasource} and {@code url} are set, or neither while this
     *     factory has no application data source, if the JNDI
     *     name names no data source, if a setting is invalid, or if the database cannot be reached or lacks the schema
     */
    @Override
    public Stores open(Context context) {
        ProviderSettings s = context.settings();
        Optional<String> jndi = s.get("datasource");
        Optional<String> url = s.get("url");
        if (jndi.isPresent() == url.isPresent() && !(jndi.isEmpty() && applicationDataSource != null)) {
            throw new ConfigurationException(
                    PREFIX + "datasource",
                    (jndi.isPresent() ? "and " + PREFIX + "url are both set" : "and " + PREFIX + "url are both unset")
                            + "; set exactly one: a JNDI name of the server's DataSource, or a JDBC URL (with "
                            + PREFIX + "user and " + PREFIX + "password)");
        }
        JdbcStores.Builder builder;
        if (jndi.isPresent() || url.isEmpty()) {
            for (String urlOnly : new String[] {"user", "password", "pool-size"}) {
                if (s.get(urlOnly).isPresent()) {
                    throw new ConfigurationException(
                            PREFIX + urlOnly,
                            "applies to " + PREFIX + "url only; "
                                    + (jndi.isPresent()
                                            ? "with " + PREFIX + "datasource the server's DataSource"
                                            : "the application's DataSource")
                                    + " holds the credentials and the pool");
                }
            }
            builder = JdbcStores.builder(jndi.isPresent() ? lookup(jndi.get()) : applicationDataSource);
        } else {
            builder = JdbcStores.builder(
                            url.get(),
                            s.get("user").orElse(null),
                            s.get("password").orElse(null))
                    .poolSize(s.integer("pool-size", JdbcStores.DEFAULT_POOL_SIZE, 1, 1000));
        }
        return builder.tablePrefix(s.get("table-prefix").orElse("steward_"))
                .migrate(s.bool("migrate", false))
                .checkpointEvery(
                        s.integer("checkpoint-every", (int) JdbcStores.DEFAULT_CHECKPOINT_EVERY, 0, 1_000_000_000))
                .queueCapacity(s.integer("queue-capacity", JdbcStores.DEFAULT_QUEUE_CAPACITY, 1, 10_000_000))
                .auditWriteTimeout(context.auditWriteTimeout())
                .clock(context.clock())
                .open();
    }

    private static DataSource lookup(String name) {
        try {
            Object found = new InitialContext().lookup(name);
            if (found instanceof DataSource ds) {
                return ds;
            }
            throw new ConfigurationException(
                    PREFIX + "datasource",
                    "'" + name + "' names a "
                            + (found == null ? "null" : found.getClass().getName()) + ", not a javax.sql.DataSource");
        } catch (NamingException e) {
            throw new ConfigurationException(
                    PREFIX + "datasource", "cannot look up '" + name + "' in JNDI: " + e.getMessage(), e);
        }
    }
}
