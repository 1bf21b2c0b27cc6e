package dev.steward.providers.jdbc;

import dev.steward.api.ApprovalRequest;
import dev.steward.api.ApprovalStatus;
import dev.steward.api.CallerContext;
import dev.steward.api.spi.ApprovalStore;
import dev.steward.providers.jdbc.internal.Connections;
import dev.steward.providers.jdbc.internal.Schema;
import dev.steward.providers.jdbc.internal.Times;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

/**
 * Approval requests in one table, shared by every node: a request created on one node is pending on all, its held
 * answer ({@link ApprovalRequest#output()}) is stored with it so that an approved answer survives a restart, and a
 * decision is a conditional update ({@code UPDATE ... WHERE id = ? AND status = ?}), so that when two approvers on
 * any nodes decide one request at once exactly one update changes the row and exactly one decision wins.
 * Thread-safe.
 */
public final class JdbcApprovalStore implements ApprovalStore {

    private static final String COLUMNS = "id, capability, requester_principal, requester_roles, requester_tenant,"
            + " correlation_id, approver_role, output, confidence, created_at, expires_at, status, decided_by,"
            + " decided_at, reason";

    private final Connections connections;
    private final Schema schema;

    JdbcApprovalStore(Connections connections, Schema schema) {
        this.connections = Objects.requireNonNull(connections, "connections");
        this.schema = Objects.requireNonNull(schema, "schema");
    }

    /**
     * {@inheritDoc}
     *
     * @throws IllegalStateException if the database cannot be reached
     */
    @Override
    public void create(ApprovalRequest request) {
        try {
            connections.autoCommit(c -> {
                try (PreparedStatement ps = c.prepareStatement("INSERT INTO " + schema.table("approval") + " ("
                        + COLUMNS + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
                    CallerContext who = request.requester();
                    ps.setString(1, request.id());
                    ps.setString(2, request.capability());
                    ps.setString(3, who.principal());
                    ps.setString(4, String.join("\n", new TreeSet<>(who.roles())));
                    ps.setString(5, who.tenant());
                    ps.setString(6, who.correlationId());
                    ps.setString(7, request.approverRole());
                    ps.setString(8, request.output());
                    if (request.confidence().isPresent()) {
                        ps.setDouble(9, request.confidence().getAsDouble());
                    } else {
                        ps.setNull(9, Types.DOUBLE);
                    }
                    ps.setString(10, Times.format(request.createdAt()));
                    ps.setString(11, Times.format(request.expiresAt()));
                    ps.setString(12, request.status().name());
                    ps.setString(13, request.decidedBy());
                    ps.setString(14, Times.format(request.decidedAt()));
                    ps.setString(15, request.reason());
                    return ps.executeUpdate();
                }
            });
        } catch (SQLException e) {
            if (Connections.isConstraintViolation(e)) {
                throw new IllegalArgumentException("approval request " + request.id() + " already exists", e);
            }
            throw new IllegalStateException("cannot store approval request " + request.id(), e);
        }
    }

    /**
     * {@inheritDoc}
     *
     * @throws IllegalStateException if the database cannot be reached
     */
    @Override
    public Optional<ApprovalRequest> find(String id) {
        List<ApprovalRequest> found = select(" WHERE id = ?", List.of(id));
        return found.isEmpty() ? Optional.empty() : Optional.of(found.get(0));
    }

    /**
     * {@inheritDoc}
     *
     * @throws IllegalStateException if the database cannot be reached
     */
    @Override
    public boolean compareAndSet(ApprovalRequest decided, ApprovalStatus expected) {
        try {
            return connections.autoCommit(c -> {
                try (PreparedStatement ps = c.prepareStatement("UPDATE " + schema.table("approval")
                        + " SET status = ?, decided_by = ?, decided_at = ?, reason = ?, output = ?, expires_at = ?"
                        + " WHERE id = ? AND status = ?")) {
                    ps.setString(1, decided.status().name());
                    ps.setString(2, decided.decidedBy());
                    ps.setString(3, Times.format(decided.decidedAt()));
                    ps.setString(4, decided.reason());
                    ps.setString(5, decided.output());
                    ps.setString(6, Times.format(decided.expiresAt()));
                    ps.setString(7, decided.id());
                    ps.setString(8, expected.name());
                    return ps.executeUpdate() == 1;
                }
            });
        } catch (SQLException e) {
            throw new IllegalStateException("cannot decide approval request " + decided.id(), e);
        }
    }

    /**
     * {@inheritDoc}
     *
     * @throws IllegalStateException if the database cannot be reached
     */
    @Override
    public List<ApprovalRequest> pending(Set<String> approverRoles) {
        if (approverRoles.isEmpty()) {
            return List.of();
        }
        List<String> args = new ArrayList<>();
        args.add(ApprovalStatus.PENDING.name());
        args.addAll(approverRoles);
        String marks = String.join(", ", Collections.nCopies(approverRoles.size(), "?"));
        return select(" WHERE status = ? AND approver_role IN (" + marks + ") ORDER BY created_at, id", args);
    }

    private List<ApprovalRequest> select(String where, List<String> args) {
        try {
            return connections.autoCommit(c -> {
                try (PreparedStatement ps =
                        c.prepareStatement("SELECT " + COLUMNS + " FROM " + schema.table("approval") + where)) {
                    for (int i = 0; i < args.size(); i++) {
                        ps.setString(i + 1, args.get(i));
                    }
                    List<ApprovalRequest> found = new ArrayList<>();
                    try (ResultSet rs = ps.executeQuery()) {
                        while (rs.next()) {
                            found.add(read(rs));
                        }
                    }
                    return found;
                }
            });
        } catch (SQLException e) {
            throw new IllegalStateException("cannot read approval requests from " + schema.table("approval"), e);
        }
    }

    private static ApprovalRequest read(ResultSet rs) throws SQLException {
        String roles = rs.getString(4);
        Set<String> roleSet = roles == null || roles.isEmpty()
                ? Set.of()
                : Arrays.stream(roles.split("\n")).collect(Collectors.toUnmodifiableSet());
        double confidence = rs.getDouble(9);
        OptionalDouble conf = rs.wasNull() ? OptionalDouble.empty() : OptionalDouble.of(confidence);
        return new ApprovalRequest(
                rs.getString(1),
                rs.getString(2),
                new CallerContext(rs.getString(3), roleSet, rs.getString(5), rs.getString(6)),
                rs.getString(7),
                rs.getString(8),
                conf,
                Times.parse(rs.getString(10)),
                Times.parse(rs.getString(11)),
                ApprovalStatus.valueOf(rs.getString(12)),
                rs.getString(13),
                Times.parse(rs.getString(14)),
                rs.getString(15));
    }
}
