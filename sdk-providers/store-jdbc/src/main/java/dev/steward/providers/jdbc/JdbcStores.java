package dev.steward.providers.jdbc;

import dev.steward.api.ConfigurationException;
import dev.steward.api.spi.ApprovalStore;
import dev.steward.api.spi.AuditSink;
import dev.steward.api.spi.BudgetLedger;
import dev.steward.api.spi.CaptureStore;
import dev.steward.api.spi.StoreFactory;
import dev.steward.providers.jdbc.internal.Connections;
import dev.steward.providers.jdbc.internal.Dialect;
import dev.steward.providers.jdbc.internal.Schema;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import javax.sql.DataSource;

/**
 * The JDBC stores of one database and table prefix: the audit sink, the budget ledger, the approval store and the
 * capture store, each
 * created when first asked for, all sharing the same connections. Open it with a {@link #builder(DataSource)} in
 * code, or let {@link JdbcStoreFactory} open it from configuration. Closing it stops the audit sink (after committing
 * what it holds) and closes the connections it opened itself; an application's data source is left open.
 * Thread-safe.
 */
public final class JdbcStores implements StoreFactory.Stores {

    /** The audit write timeout when none is given: 5 seconds, as {@code steward.audit.write-timeout}. */
    public static final Duration DEFAULT_AUDIT_WRITE_TIMEOUT = Duration.ofSeconds(5);

    /** How many records apart the audit sink logs a checkpoint when not configured: 10000. */
    public static final long DEFAULT_CHECKPOINT_EVERY = 10_000;

    /** The most audit records waiting for their commit when not configured: 10000. */
    public static final int DEFAULT_QUEUE_CAPACITY = 10_000;

    /** The size of the internal pool for a JDBC URL when not configured: 10. */
    public static final int DEFAULT_POOL_SIZE = 10;

    private static final System.Logger LOG = System.getLogger(JdbcStores.class.getName());

    private final Connections connections;
    private final Schema schema;
    private final Builder settings;
    // guarded by this
    private JdbcAuditSink audit;
    private JdbcBudgetLedger ledger;
    private JdbcApprovalStore approvals;
    private JdbcCaptureStore captures;
    private boolean closed;

    private JdbcStores(Connections connections, Schema schema, Builder settings) {
        this.connections = connections;
        this.schema = schema;
        this.settings = settings;
    }

    /**
     * Stores on the application's data source (in Jakarta EE the server's pool, looked up or injected), with
     * the default settings; the schema must already be applied.
     *
     * @param dataSource the data source
     * @return the opened stores
     * @throws ConfigurationException if the database cannot be reached, is not a supported one, or lacks the schema
     */
    public static JdbcStores of(DataSource dataSource) {
        return builder(dataSource).open();
    }

    /**
     * A builder of stores on the application's data source.
     *
     * @param dataSource the data source
     * @return the builder
     */
    public static Builder builder(DataSource dataSource) {
        return new Builder(Objects.requireNonNull(dataSource, "dataSource"), null, null, null);
    }

    /**
     * A builder of stores on a JDBC URL, with a small internal pool of {@link java.sql.DriverManager} connections.
     *
     * @param url the JDBC URL; its driver must be on the class path
     * @param user the user, or {@code null} when the URL or the driver supplies it
     * @param password the password, or {@code null}
     * @return the builder
     */
    public static Builder builder(String url, String user, String password) {
        return new Builder(null, Objects.requireNonNull(url, "url"), user, password);
    }

    /**
     * The audit sink, started on first use.
     *
     * @return the sink
     * @throws IllegalStateException if the stores are closed
     */
    public synchronized JdbcAuditSink audit() {
        requireOpen();
        if (audit == null) {
            audit = new JdbcAuditSink(
                    connections, schema, settings.auditWriteTimeout, settings.queueCapacity, settings.checkpointEvery);
        }
        return audit;
    }

    /**
     * The budget ledger.
     *
     * @return the ledger
     * @throws IllegalStateException if the stores are closed
     */
    public synchronized JdbcBudgetLedger budgets() {
        requireOpen();
        if (ledger == null) {
            ledger = new JdbcBudgetLedger(connections, schema, settings.clock);
        }
        return ledger;
    }

    /**
     * The approval store.
     *
     * @return the store
     * @throws IllegalStateException if the stores are closed
     */
    public synchronized JdbcApprovalStore approvals() {
        requireOpen();
        if (approvals == null) {
            approvals = new JdbcApprovalStore(connections, schema);
        }
        return approvals;
    }

    /**
     * The store of captured prompts and answers.
     *
     * @return the store
     * @throws IllegalStateException if the stores are closed
     */
    public synchronized JdbcCaptureStore captures() {
        requireOpen();
        if (captures == null) {
            captures = new JdbcCaptureStore(connections, schema);
        }
        return captures;
    }

    @Override
    public Optional<CaptureStore> captureStore() {
        return Optional.of(captures());
    }

    @Override
    public Optional<AuditSink> auditSink() {
        return Optional.of(audit());
    }

    @Override
    public Optional<BudgetLedger> budgetLedger() {
        return Optional.of(budgets());
    }

    @Override
    public Optional<ApprovalStore> approvalStore() {
        return Optional.of(approvals());
    }

    /**
     * Stops the audit sink, waiting at most its write timeout for queued records, and closes the internal pool.
     *
     * @throws dev.steward.api.AuditFailedException if queued audit records could not be committed in time
     */
    @Override
    public void close() {
        JdbcAuditSink sink;
        synchronized (this) {
            if (closed) {
                return;
            }
            closed = true;
            sink = audit;
        }
        try {
            if (sink != null) {
                sink.close();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            connections.close();
        }
    }

    /**
     * The longest one read from the database may block, derived from the audit write timeout: the timeout rounded up
     * to whole seconds plus two, so that the audit sink's statement timeout (the write timeout plus a second) cancels
     * a lock wait before the socket gives up. A database that stops answering thus fails a budget or approval
     * operation within this time instead of holding the caller.
     *
     * @param auditWriteTimeout the audit write timeout
     * @return the network timeout
     */
    static Duration networkTimeout(Duration auditWriteTimeout) {
        long seconds = auditWriteTimeout.toSeconds() + (auditWriteTimeout.toNanosPart() == 0 ? 0 : 1);
        return Duration.ofSeconds(seconds + 2);
    }

    private void requireOpen() {
        if (closed) {
            throw new IllegalStateException("the JDBC stores on " + connections + " are closed");
        }
    }

    /** Settings of the JDBC stores; {@link #open()} validates them and connects. Not thread-safe. */
    public static final class Builder {
        private final DataSource dataSource;
        private final String url;
        private final String user;
        private final String password;
        private String tablePrefix = Schema.DEFAULT_PREFIX;
        private boolean migrate;
        private Duration auditWriteTimeout = DEFAULT_AUDIT_WRITE_TIMEOUT;
        private Clock clock = Clock.systemUTC();
        private long checkpointEvery = DEFAULT_CHECKPOINT_EVERY;
        private int queueCapacity = DEFAULT_QUEUE_CAPACITY;
        private int poolSize = DEFAULT_POOL_SIZE;

        private Builder(DataSource dataSource, String url, String user, String password) {
            this.dataSource = dataSource;
            this.url = url;
            this.user = user;
            this.password = password;
        }

        /**
         * The prefix of every table name (default {@code steward_}).
         *
         * @param prefix a lower-case identifier start, such as {@code claims_steward_}
         * @return this builder
         */
        public Builder tablePrefix(String prefix) {
            this.tablePrefix = Objects.requireNonNull(prefix, "prefix");
            return this;
        }

        /**
         * Whether {@link #open()} applies missing schema versions (default {@code false}: the schema is a DBA's,
         * and a missing one fails the opening).
         *
         * @param migrate whether to
         * @return this builder
         */
        public Builder migrate(boolean migrate) {
            this.migrate = migrate;
            return this;
        }

        /**
         * The longest a call waits for its audit record to be committed (default 5 s). It also bounds the other
         * stores' waits: the internal pool waits at most this long for a free connection and for a new one to open,
         * and one read from the database blocks at most this long rounded up to seconds plus two.
         *
         * @param timeout positive
         * @return this builder
         */
        public Builder auditWriteTimeout(Duration timeout) {
            this.auditWriteTimeout = Objects.requireNonNull(timeout, "timeout");
            return this;
        }

        /**
         * The clock that decides when budget rows have expired (default the UTC system clock).
         *
         * @param clock the clock
         * @return this builder
         */
        public Builder clock(Clock clock) {
            this.clock = Objects.requireNonNull(clock, "clock");
            return this;
        }

        /**
         * How many records apart the audit sink logs the chain head at INFO (default 10000); 0 logs it only on
         * close.
         *
         * @param records not negative
         * @return this builder
         */
        public Builder checkpointEvery(long records) {
            this.checkpointEvery = records;
            return this;
        }

        /**
         * The most audit records accepted and not yet committed (default 10000).
         *
         * @param records positive
         * @return this builder
         */
        public Builder queueCapacity(int records) {
            this.queueCapacity = records;
            return this;
        }

        /**
         * The most connections the internal pool opens for a JDBC URL (default 10); ignored for a data source.
         *
         * @param connections positive
         * @return this builder
         */
        public Builder poolSize(int connections) {
            this.poolSize = connections;
            return this;
        }

        /**
         * Validates the settings, connects, checks the database and applies or checks the schema.
         *
         * @return the opened stores
         * @throws ConfigurationException naming the {@code steward.store.jdbc.*} key of an invalid setting, or when
         *     the database cannot be reached, is not PostgreSQL, MariaDB/MySQL or H2, or lacks the schema
         */
        public JdbcStores open() {
            String k = JdbcStoreFactory.PREFIX;
            if (!Schema.PREFIX.matcher(tablePrefix).matches()) {
                throw new ConfigurationException(
                        k + "table-prefix", "must match " + Schema.PREFIX + ", was '" + tablePrefix + "'");
            }
            if (auditWriteTimeout.isZero() || auditWriteTimeout.isNegative()) {
                throw new ConfigurationException(
                        "steward.audit.write-timeout", "must be positive, was " + auditWriteTimeout);
            }
            if (checkpointEvery < 0) {
                throw new ConfigurationException(
                        k + "checkpoint-every", "must not be negative, was " + checkpointEvery);
            }
            if (queueCapacity < 1) {
                throw new ConfigurationException(k + "queue-capacity", "must be positive, was " + queueCapacity);
            }
            if (poolSize < 1) {
                throw new ConfigurationException(k + "pool-size", "must be positive, was " + poolSize);
            }
            String key = dataSource != null ? k + "datasource" : k + "url";
            Duration networkTimeout = networkTimeout(auditWriteTimeout);
            Connections connections = dataSource != null
                    ? Connections.of(dataSource, networkTimeout)
                    : Connections.pooled(url, user, password, poolSize, auditWriteTimeout, networkTimeout);
            try {
                Dialect dialect = connections
                        .autoCommit(Dialect::of)
                        .orElseThrow(() -> new ConfigurationException(
                                key,
                                "the database is none of PostgreSQL, MariaDB, MySQL or H2, which this store supports"));
                Schema schema = new Schema(dialect, tablePrefix);
                if (migrate) {
                    List<Integer> applied = schema.migrate(connections);
                    if (!applied.isEmpty()) {
                        LOG.log(
                                System.Logger.Level.INFO,
                                "applied Steward schema versions {0} with table prefix {1} ({2})",
                                applied,
                                tablePrefix,
                                schema.resource(Schema.LATEST));
                    }
                } else {
                    int version = schema.appliedVersion(connections);
                    if (version < Schema.LATEST) {
                        throw new ConfigurationException(
                                k + "migrate",
                                "the database has Steward schema version " + version + " with table prefix '"
                                        + tablePrefix + "' but this release needs " + Schema.LATEST
                                        + "; set it to true, or have a DBA run "
                                        + java.util.stream.IntStream.rangeClosed(version + 1, Schema.LATEST)
                                                .mapToObj(schema::resource)
                                                .collect(java.util.stream.Collectors.joining(", then "))
                                        + " from the steward-store-jdbc jar");
                    }
                }
                return new JdbcStores(connections, schema, this);
            } catch (SQLException e) {
                connections.close();
                throw new ConfigurationException(
                        key, "cannot prepare the JDBC stores on " + connections + ": " + e.getMessage(), e);
            } catch (RuntimeException e) {
                connections.close();
                throw e;
            }
        }
    }
}
