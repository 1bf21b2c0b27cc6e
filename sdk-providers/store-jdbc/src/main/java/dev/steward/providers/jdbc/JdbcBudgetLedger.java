package dev.steward.providers.jdbc;

import dev.steward.api.spi.BudgetLedger;
import dev.steward.providers.jdbc.internal.Connections;
import dev.steward.providers.jdbc.internal.Schema;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Budgets in two tables, atomic across every JVM that shares the database. A budget is one row holding its spent and
 * reserved amounts; a reservation is a conditional update of that row ({@code SET reserved = reserved + ? WHERE
 * budget_key = ? AND spent + reserved + ? <= ?}), which the database applies to the latest committed row under its
 * row lock, so concurrent reservations from any node can never together exceed the limit. The reservation itself is
 * a row inserted in the same transaction, so that settling or releasing it deletes that row first: a reservation
 * closes exactly once, whichever node closes it.
 *
 * <p>A budget's first use inserts its row (a concurrent first use on another node is absorbed). Budgets and
 * reservations whose window ended more than a day ago are deleted, at most once an hour per ledger, on the way of a
 * reservation. Thread-safe.
 */
public final class JdbcBudgetLedger implements BudgetLedger {

    /** How long after its window a budget's rows are kept before the cleanup deletes them. */
    static final Duration GRACE = Duration.ofDays(1);

    private final Connections connections;
    private final Schema schema;
    private final Clock clock;
    private final AtomicLong nextCleanupMillis = new AtomicLong();
    private final String reserveSql;
    private final String insertBudgetSql;
    private final String insertReservationSql;

    JdbcBudgetLedger(Connections connections, Schema schema, Clock clock) {
        this.connections = Objects.requireNonNull(connections, "connections");
        this.schema = Objects.requireNonNull(schema, "schema");
        this.clock = Objects.requireNonNull(clock, "clock");
        String budget = schema.table("budget");
        this.reserveSql =
                "UPDATE " + budget + " SET reserved = reserved + ? WHERE budget_key = ? AND spent + reserved + ? <= ?";
        this.insertBudgetSql =
                "INSERT INTO " + budget + " (budget_key, spent, reserved, expires_at) VALUES (?, 0, 0, ?)";
        this.insertReservationSql = "INSERT INTO " + schema.table("budget_reservation")
                + " (id, budget_key, amount, expires_at) VALUES (?, ?, ?, ?)";
    }

    /**
     * {@inheritDoc}
     *
     * @throws IllegalStateException if the database cannot be reached or refuses the update
     */
    @Override
    public Reservation reserve(String budget, long amount, long limit, Instant expiresAt) {
        if (amount < 0 || limit < 0) {
            throw new IllegalArgumentException(
                    "amount and limit must not be negative, were " + amount + " and " + limit + " for " + budget);
        }
        Objects.requireNonNull(budget, "budget");
        long expires = epochSeconds(expiresAt);
        cleanupIfDue();
        try {
            for (int attempt = 0; ; attempt++) {
                Reservation r = new Reservation(UUID.randomUUID().toString(), budget, amount);
                Boolean outcome = connections.inTransaction(c -> {
                    try (PreparedStatement ps = c.prepareStatement(reserveSql)) {
                        ps.setLong(1, amount);
                        ps.setString(2, budget);
                        ps.setLong(3, amount);
                        ps.setLong(4, limit);
                        if (ps.executeUpdate() == 0) {
                            return exists(c, budget) ? Boolean.FALSE : null;
                        }
                    }
                    try (PreparedStatement ps = c.prepareStatement(insertReservationSql)) {
                        ps.setString(1, r.id());
                        ps.setString(2, budget);
                        ps.setLong(3, amount);
                        ps.setLong(4, expires);
                        ps.executeUpdate();
                    }
                    return Boolean.TRUE;
                });
                if (outcome != null) {
                    return outcome ? r : null;
                }
                // the budget's first use: insert its empty row, then reserve against it as any other node would
                if (amount > limit) {
                    return null;
                }
                if (attempt > 2) {
                    throw new IllegalStateException("budget row " + budget + " disappeared while reserving");
                }
                insertBudget(budget, expires);
            }
        } catch (SQLException e) {
            throw new IllegalStateException("cannot reserve " + amount + " of budget " + budget, e);
        }
    }

    /**
     * {@inheritDoc}
     *
     * @throws IllegalStateException also if the database cannot be reached
     */
    @Override
    public void settle(Reservation reservation, long actualAmount) {
        if (actualAmount < 0) {
            throw new IllegalArgumentException("actual amount must not be negative, was " + actualAmount);
        }
        close(
                reservation,
                "UPDATE " + schema.table("budget")
                        + " SET reserved = reserved - ?, spent = spent + ? WHERE budget_key = ?",
                actualAmount);
    }

    /**
     * {@inheritDoc}
     *
     * @throws IllegalStateException also if the database cannot be reached
     */
    @Override
    public void release(Reservation reservation) {
        close(
                reservation,
                "UPDATE " + schema.table("budget") + " SET reserved = reserved - ? WHERE budget_key = ?",
                -1);
    }

    /**
     * {@inheritDoc}
     *
     * @throws IllegalStateException if the database cannot be reached
     */
    @Override
    public long spent(String budget) {
        try {
            return connections.autoCommit(c -> {
                try (PreparedStatement ps =
                        c.prepareStatement("SELECT spent FROM " + schema.table("budget") + " WHERE budget_key = ?")) {
                    ps.setString(1, budget);
                    try (ResultSet rs = ps.executeQuery()) {
                        return rs.next() ? rs.getLong(1) : 0L;
                    }
                }
            });
        } catch (SQLException e) {
            throw new IllegalStateException("cannot read budget " + budget, e);
        }
    }

    /**
     * Deletes budgets and reservations whose window ended more than a day before now.
     *
     * @return the rows deleted
     * @throws IllegalStateException if the database cannot be reached
     */
    public int deleteExpired() {
        long before = clock.instant().minus(GRACE).getEpochSecond();
        try {
            return connections.inTransaction(c -> {
                int deleted = 0;
                for (String table : new String[] {"budget_reservation", "budget"}) {
                    try (PreparedStatement ps =
                            c.prepareStatement("DELETE FROM " + schema.table(table) + " WHERE expires_at < ?")) {
                        ps.setLong(1, before);
                        deleted += ps.executeUpdate();
                    }
                }
                return deleted;
            });
        } catch (SQLException e) {
            throw new IllegalStateException("cannot delete expired budgets", e);
        }
    }

    // actualAmount < 0 means release: nothing is spent.
    private void close(Reservation reservation, String updateBudget, long actualAmount) {
        try {
            boolean closed = connections.inTransaction(c -> {
                try (PreparedStatement ps =
                        c.prepareStatement("DELETE FROM " + schema.table("budget_reservation") + " WHERE id = ?")) {
                    ps.setString(1, reservation.id());
                    if (ps.executeUpdate() == 0) {
                        return false;
                    }
                }
                try (PreparedStatement ps = c.prepareStatement(updateBudget)) {
                    int i = 1;
                    ps.setLong(i++, reservation.amount());
                    if (actualAmount >= 0) {
                        ps.setLong(i++, actualAmount);
                    }
                    ps.setString(i, reservation.budget());
                    ps.executeUpdate();
                }
                return true;
            });
            if (!closed) {
                throw new IllegalStateException(
                        "reservation " + reservation.id() + " of " + reservation.budget() + " was already closed");
            }
        } catch (SQLException e) {
            throw new IllegalStateException(
                    "cannot close reservation " + reservation.id() + " of " + reservation.budget(), e);
        }
    }

    private boolean exists(java.sql.Connection c, String budget) throws SQLException {
        try (PreparedStatement ps =
                c.prepareStatement("SELECT 1 FROM " + schema.table("budget") + " WHERE budget_key = ?")) {
            ps.setString(1, budget);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next();
            }
        }
    }

    private void insertBudget(String budget, long expires) throws SQLException {
        try {
            connections.autoCommit(c -> {
                try (PreparedStatement ps = c.prepareStatement(insertBudgetSql)) {
                    ps.setString(1, budget);
                    ps.setLong(2, expires);
                    return ps.executeUpdate();
                }
            });
        } catch (SQLException e) {
            // another caller or node inserted it first: the row is there, which is all that is needed
            if (!Connections.isConstraintViolation(e)) {
                throw e;
            }
        }
    }

    // At most once an hour, so the cleanup costs nothing on the per-call path.
    private void cleanupIfDue() {
        long now = clock.millis();
        long due = nextCleanupMillis.get();
        if (now < due || !nextCleanupMillis.compareAndSet(due, now + 3_600_000)) {
            return;
        }
        try {
            deleteExpired();
        } catch (IllegalStateException e) {
            System.getLogger(JdbcBudgetLedger.class.getName())
                    .log(System.Logger.Level.WARNING, "cannot delete expired budgets; trying again in an hour", e);
        }
    }

    private static long epochSeconds(Instant expiresAt) {
        return expiresAt == null ? Long.MAX_VALUE : expiresAt.getEpochSecond();
    }
}
