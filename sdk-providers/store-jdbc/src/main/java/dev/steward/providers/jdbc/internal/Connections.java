package dev.steward.providers.jdbc.internal;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import javax.sql.DataSource;

/**
 * Where the stores get their connections: the application's {@link DataSource} (whose pool and credentials are the
 * application's), or a small pool of {@link DriverManager} connections for plain Java. Every unit of work runs in
 * its own local transaction through {@link #inTransaction}.
 *
 * <p>Nothing waits without bound: every borrowed connection gets a network timeout ({@link
 * Connection#setNetworkTimeout}), so a read from a database that stopped answering fails instead of hanging, and the
 * internal pool bounds both the wait for a free connection and the opening of a new one. Thread-safe.
 */
public abstract class Connections implements AutoCloseable {

    private final int networkTimeoutMillis;

    /**
     * Creates connections that bound every read from the database.
     *
     * @param networkTimeout the longest one read from the database may block; zero leaves the driver's setting alone
     */
    protected Connections(Duration networkTimeout) {
        this.networkTimeoutMillis = (int) Math.min(Integer.MAX_VALUE, networkTimeout.toMillis());
    }

    /** One piece of work on a connection. */
    @FunctionalInterface
    public interface Work<T> {
        /**
         * Runs the work.
         *
         * @param connection a connection in manual-commit mode
         * @return the result
         * @throws SQLException on a database failure; the transaction is then rolled back
         */
        T run(Connection connection) throws SQLException;
    }

    /**
     * Connections from the application's data source; closing a connection returns it to the application's pool.
     *
     * <p>How long a caller waits for a connection is the application pool's setting; each borrowed connection gets
     * the network timeout, and its previous one back when it is returned.
     *
     * @param dataSource the data source
     * @param networkTimeout the longest one read from the database may block; zero leaves the driver's setting alone
     * @return the connections
     */
    public static Connections of(DataSource dataSource, Duration networkTimeout) {
        Objects.requireNonNull(dataSource, "dataSource");
        return new Connections(networkTimeout) {
            @Override
            protected Connection acquire() throws SQLException {
                return dataSource.getConnection();
            }

            @Override
            protected void giveBack(Connection c, boolean broken) {
                closeQuietly(c);
            }

            @Override
            public String toString() {
                return "data source " + dataSource;
            }
        };
    }

    /**
     * A pool of at most {@code size} connections opened with {@link DriverManager}.
     *
     * @param url the JDBC URL
     * @param user the user, or {@code null}
     * @param password the password, or {@code null}
     * @param size the most connections open at once, positive
     * @param wait the longest a caller waits for a connection: for a free one, and for a new one to be opened
     * @param networkTimeout the longest one read from the database may block; zero leaves the driver's setting alone
     * @return the pool
     */
    public static Connections pooled(
            String url, String user, String password, int size, Duration wait, Duration networkTimeout) {
        return new Pool(url, user, password, size, wait, networkTimeout);
    }

    /**
     * Borrows a connection.
     *
     * @return the connection
     * @throws SQLException if none can be had
     */
    protected abstract Connection acquire() throws SQLException;

    /**
     * Returns a borrowed connection.
     *
     * @param c the connection
     * @param broken whether it failed in a way that makes it unfit for reuse
     */
    protected abstract void giveBack(Connection c, boolean broken);

    /**
     * Runs work in one local transaction: commits when it returns, rolls back when it throws. A transaction that
     * the database aborted as a deadlock victim or serialization failure (SQLState class 40) runs again, at most
     * five times in all, so the work must be repeatable.
     *
     * @param work the work
     * @param <T> its result type
     * @return the work's result
     * @throws SQLException if the work or the commit fails (after a rollback)
     */
    public <T> T inTransaction(Work<T> work) throws SQLException {
        for (int attempt = 1; ; attempt++) {
            try {
                return once(work);
            } catch (SQLException e) {
                // a deadlock or serialization failure rolled the whole transaction back: running it again is safe
                if (attempt >= 5 || e.getSQLState() == null || !e.getSQLState().startsWith("40")) {
                    throw e;
                }
            }
        }
    }

    private <T> T once(Work<T> work) throws SQLException {
        Connection c = acquire();
        int previous = bound(c);
        boolean broken = false;
        try {
            c.setAutoCommit(false);
            try {
                T result = work.run(c);
                c.commit();
                return result;
            } catch (SQLException | RuntimeException e) {
                try {
                    c.rollback();
                } catch (SQLException rollbackFailure) {
                    e.addSuppressed(rollbackFailure);
                    broken = true;
                }
                throw e;
            } finally {
                if (!broken) {
                    try {
                        c.setAutoCommit(true);
                    } catch (SQLException e) {
                        broken = true;
                    }
                }
            }
        } catch (SQLException e) {
            broken |= isConnectionFailure(e);
            throw e;
        } finally {
            giveBack(c, broken || !unbound(c, previous));
        }
    }

    /**
     * Runs work on a connection in auto-commit mode, each statement its own transaction.
     *
     * @param work the work
     * @param <T> its result type
     * @return the work's result
     * @throws SQLException if the work fails
     */
    public <T> T autoCommit(Work<T> work) throws SQLException {
        Connection c = acquire();
        int previous = bound(c);
        boolean broken = false;
        try {
            c.setAutoCommit(true);
            return work.run(c);
        } catch (SQLException e) {
            broken = isConnectionFailure(e);
            throw e;
        } finally {
            giveBack(c, broken || !unbound(c, previous));
        }
    }

    // Sets the network timeout; returns the connection's previous one, or -1 when it was left alone.
    private int bound(Connection c) throws SQLException {
        if (networkTimeoutMillis <= 0) {
            return -1;
        }
        try {
            int previous = c.getNetworkTimeout();
            c.setNetworkTimeout(Runnable::run, networkTimeoutMillis);
            return previous;
        } catch (SQLFeatureNotSupportedException | AbstractMethodError unsupported) {
            // an embedded database (H2) has no network to time out
            return -1;
        } catch (SQLException | RuntimeException e) {
            giveBack(c, true);
            throw e;
        }
    }

    // Gives an application's pool its connection back as it lent it; false if the connection is unfit to go back.
    private boolean unbound(Connection c, int previous) {
        if (previous < 0 || previous == networkTimeoutMillis) {
            return true;
        }
        try {
            c.setNetworkTimeout(Runnable::run, previous);
            return true;
        } catch (SQLException | RuntimeException e) {
            return false;
        }
    }

    /** Closes the pooled connections; the application's data source is left alone. */
    @Override
    public void close() {}

    /**
     * Whether a failure is a unique or primary key violation (SQLState class 23).
     *
     * @param e the failure
     * @return {@code true} for an integrity constraint violation
     */
    public static boolean isConstraintViolation(SQLException e) {
        return e.getSQLState() != null && e.getSQLState().startsWith("23");
    }

    private static boolean isConnectionFailure(SQLException e) {
        return e.getSQLState() == null || e.getSQLState().startsWith("08");
    }

    static void closeQuietly(Connection c) {
        try {
            c.close();
        } catch (SQLException ignored) {
            // the connection is discarded either way
        }
    }

    // Idle connections are reused last-in first-out; a permit is held per borrowed or idle-but-open connection slot.
    private static final class Pool extends Connections {
        private final String url;
        private final String user;
        private final String password;
        private final long waitNanos;
        private final Semaphore permits;
        // guarded by itself
        private final ArrayDeque<Connection> idle = new ArrayDeque<>();
        private volatile boolean closed;

        Pool(String url, String user, String password, int size, Duration wait, Duration networkTimeout) {
            super(networkTimeout);
            if (size < 1) {
                throw new IllegalArgumentException("pool size must be positive, was " + size);
            }
            this.url = Objects.requireNonNull(url, "url");
            this.user = user;
            this.password = password;
            this.waitNanos = wait.toNanos();
            this.permits = new Semaphore(size, true);
        }

        @Override
        protected Connection acquire() throws SQLException {
            if (closed) {
                throw new SQLException("the connection pool for " + safeUrl() + " is closed", "08003");
            }
            long deadline = System.nanoTime() + waitNanos;
            try {
                if (!permits.tryAcquire(waitNanos, TimeUnit.NANOSECONDS)) {
                    throw new SQLException(
                            "no connection to " + safeUrl() + " became free within " + Duration.ofNanos(waitNanos),
                            "08001");
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new SQLException("interrupted while waiting for a connection to " + safeUrl(), "08001", e);
            }
            Connection c;
            synchronized (idle) {
                c = idle.pollLast();
            }
            try {
                if (c != null && !c.isClosed()) {
                    return c;
                }
            } catch (SQLException | RuntimeException e) {
                closeQuietly(c);
            }
            return open(deadline);
        }

        // Opens a connection on a thread of its own, so that a database that accepts the socket and then says nothing
        // cannot hold the caller past the wait. An attempt that outlives the wait keeps its permit until it ends, so
        // at most `size` such attempts hang at once; a connection it opens late is closed.
        private Connection open(long deadline) throws SQLException {
            CompletableFuture<Connection> attempt = new CompletableFuture<>();
            Thread connector = new Thread(
                    () -> {
                        try {
                            attempt.complete(
                                    user == null
                                            ? DriverManager.getConnection(url)
                                            : DriverManager.getConnection(url, user, password));
                        } catch (Throwable e) {
                            attempt.completeExceptionally(e);
                        }
                    },
                    "steward-jdbc-connect");
            connector.setDaemon(true);
            connector.start();
            try {
                return attempt.get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
            } catch (ExecutionException e) {
                permits.release();
                if (e.getCause() instanceof SQLException sql) {
                    throw sql;
                }
                throw new SQLException("cannot connect to " + safeUrl() + ": " + e.getCause(), "08001", e.getCause());
            } catch (TimeoutException | InterruptedException e) {
                if (e instanceof InterruptedException) {
                    Thread.currentThread().interrupt();
                }
                attempt.whenComplete((late, failure) -> {
                    if (late != null) {
                        closeQuietly(late);
                    }
                    permits.release();
                });
                throw new SQLException(
                        "no connection to " + safeUrl() + " could be opened within " + Duration.ofNanos(waitNanos),
                        "08001",
                        e);
            }
        }

        @Override
        protected void giveBack(Connection c, boolean broken) {
            try {
                if (broken || closed) {
                    closeQuietly(c);
                } else {
                    synchronized (idle) {
                        idle.addLast(c);
                    }
                }
            } finally {
                permits.release();
            }
        }

        @Override
        public void close() {
            closed = true;
            synchronized (idle) {
                idle.forEach(Connections::closeQuietly);
                idle.clear();
            }
        }

        // A URL may carry a password; error messages show it without its parameters.
        private String safeUrl() {
            int q = url.indexOf('?');
            return q < 0 ? url : url.substring(0, q);
        }

        @Override
        public String toString() {
            return safeUrl();
        }
    }
}
