package dev.steward.providers.jdbc;

import dev.steward.api.CaptureMode;
import dev.steward.api.CaptureRecord;
import dev.steward.api.spi.CaptureStore;
import dev.steward.providers.jdbc.internal.Connections;
import dev.steward.providers.jdbc.internal.Schema;
import dev.steward.providers.jdbc.internal.Times;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * Captured prompts and answers in a table of their own ({@code <prefix>capture}, schema version 2), apart from the
 * audit log and keyed by audit record id, so that every node reads the captures of all. The retention purge is one
 * {@code DELETE} by capture time, which an index serves. Thread-safe.
 */
public final class JdbcCaptureStore implements CaptureStore {

    private final Connections connections;
    private final Schema schema;

    JdbcCaptureStore(Connections connections, Schema schema) {
        this.connections = Objects.requireNonNull(connections, "connections");
        this.schema = Objects.requireNonNull(schema, "schema");
    }

    /**
     * {@inheritDoc}
     *
     * @throws IllegalArgumentException if a capture of the same audit record id is stored already
     * @throws IllegalStateException if the database cannot be reached
     */
    @Override
    public void write(CaptureRecord record) {
        try {
            connections.autoCommit(c -> {
                try (PreparedStatement ps = c.prepareStatement("INSERT INTO " + schema.table("capture")
                        + " (audit_record_id, captured_at, capability, capture_mode, prompt, answer)"
                        + " VALUES (?, ?, ?, ?, ?, ?)")) {
                    ps.setString(1, record.auditRecordId());
                    ps.setString(2, Times.format(record.capturedAt()));
                    ps.setString(3, record.capability());
                    ps.setString(4, record.mode().name());
                    ps.setString(5, record.prompt());
                    ps.setString(6, record.answer());
                    return ps.executeUpdate();
                }
            });
        } catch (SQLException e) {
            if (Connections.isConstraintViolation(e)) {
                throw new IllegalArgumentException(
                        "a capture of audit record " + record.auditRecordId() + " is stored already", e);
            }
            throw new IllegalStateException("cannot store the capture of audit record " + record.auditRecordId(), e);
        }
    }

    /**
     * {@inheritDoc}
     *
     * @throws IllegalStateException if the database cannot be reached
     */
    @Override
    public Optional<CaptureRecord> find(String auditRecordId) {
        Objects.requireNonNull(auditRecordId, "auditRecordId");
        try {
            return connections.autoCommit(c -> {
                try (PreparedStatement ps = c.prepareStatement(
                        "SELECT audit_record_id, captured_at, capability, capture_mode, prompt, answer FROM "
                                + schema.table("capture") + " WHERE audit_record_id = ?")) {
                    ps.setString(1, auditRecordId);
                    try (ResultSet rs = ps.executeQuery()) {
                        if (!rs.next()) {
                            return Optional.empty();
                        }
                        return Optional.of(new CaptureRecord(
                                rs.getString(1),
                                Times.parse(rs.getString(2)),
                                rs.getString(3),
                                CaptureMode.valueOf(rs.getString(4)),
                                rs.getString(5),
                                rs.getString(6)));
                    }
                }
            });
        } catch (SQLException e) {
            throw new IllegalStateException("cannot read the capture of audit record " + auditRecordId, e);
        }
    }

    /**
     * {@inheritDoc}
     *
     * @throws IllegalStateException if the database cannot be reached
     */
    @Override
    public int purgeBefore(Instant cutoff) {
        Objects.requireNonNull(cutoff, "cutoff");
        try {
            return connections.autoCommit(c -> {
                try (PreparedStatement ps =
                        c.prepareStatement("DELETE FROM " + schema.table("capture") + " WHERE captured_at < ?")) {
                    ps.setString(1, Times.format(cutoff));
                    return ps.executeUpdate();
                }
            });
        } catch (SQLException e) {
            throw new IllegalStateException("cannot purge captures taken before " + cutoff, e);
        }
    }
}
