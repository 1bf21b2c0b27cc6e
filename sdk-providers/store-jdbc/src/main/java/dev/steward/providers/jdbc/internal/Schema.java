package dev.steward.providers.jdbc.internal;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * The stores' schema: versioned scripts {@code META-INF/steward/jdbc/<dialect>/V<n>__steward.sql} in the jar, and
 * the table {@code <prefix>schema_version} that records which versions were applied. Scripts name their tables with
 * the default prefix {@code steward_}, which is replaced by the configured one. Every statement of a script is
 * idempotent, so two nodes migrating at once, or a DBA re-running a script, do no harm.
 */
public final class Schema {

    /** The schema version this release reads and writes. */
    public static final int LATEST = 2;

    /** The prefix the scripts are written with. */
    public static final String DEFAULT_PREFIX = "steward_";

    /** What a configured prefix must look like: a lower-case SQL identifier start of at most 24 characters. */
    public static final Pattern PREFIX = Pattern.compile("[a-z][a-z0-9_]{0,23}");

    private final Dialect dialect;
    private final String prefix;

    /**
     * The schema of one dialect with one table prefix.
     *
     * @param dialect the database's dialect
     * @param prefix the table prefix, matching {@link #PREFIX}
     */
    public Schema(Dialect dialect, String prefix) {
        if (!PREFIX.matcher(prefix).matches()) {
            throw new IllegalArgumentException("table prefix must match " + PREFIX + ", was '" + prefix + "'");
        }
        this.dialect = dialect;
        this.prefix = prefix;
    }

    /**
     * A table's full name.
     *
     * @param table the name without prefix, for example {@code audit}
     * @return for example {@code steward_audit}
     */
    public String table(String table) {
        return prefix + table;
    }

    /**
     * The version applied to the database, 0 when the version table is missing.
     *
     * @param connections the connections
     * @return the highest applied version
     * @throws SQLException if the database cannot be read
     */
    public int appliedVersion(Connections connections) throws SQLException {
        return connections.autoCommit(c -> {
            try (Statement s = c.createStatement();
                    ResultSet rs = s.executeQuery("SELECT MAX(version) FROM " + table("schema_version"))) {
                return rs.next() ? rs.getInt(1) : 0;
            } catch (SQLException missingTable) {
                return 0;
            }
        });
    }

    /**
     * Applies every script newer than the applied version.
     *
     * @param connections the connections
     * @return the versions applied now
     * @throws SQLException if a statement fails for another reason than a row that another node inserted first
     */
    public List<Integer> migrate(Connections connections) throws SQLException {
        int applied = appliedVersion(connections);
        List<Integer> now = new ArrayList<>();
        for (int v = applied + 1; v <= LATEST; v++) {
            List<String> statements = statements(v);
            connections.autoCommit(c -> {
                try (Statement s = c.createStatement()) {
                    for (String sql : statements) {
                        try {
                            s.execute(sql);
                        } catch (SQLException e) {
                            // another node inserted the same seed row first
                            if (!(sql.startsWith("INSERT") && Connections.isConstraintViolation(e))) {
                                throw e;
                            }
                        }
                    }
                }
                return null;
            });
            now.add(v);
        }
        return now;
    }

    /**
     * The statements of one version's script, with the configured prefix.
     *
     * @param version the version
     * @return the statements, without their terminating semicolons
     */
    public List<String> statements(int version) {
        String text = script(version).replace(DEFAULT_PREFIX, prefix);
        List<String> statements = new ArrayList<>();
        StringBuilder current = new StringBuilder();
        for (String line : text.split("\n")) {
            String trimmed = line.strip();
            if (trimmed.isEmpty() || trimmed.startsWith("--")) {
                continue;
            }
            current.append(current.length() == 0 ? "" : "\n").append(line.stripTrailing());
            if (trimmed.endsWith(";")) {
                statements.add(current.substring(0, current.length() - 1).strip());
                current.setLength(0);
            }
        }
        return statements;
    }

    /**
     * The resource path of one version's script.
     *
     * @param version the version
     * @return for example {@code META-INF/steward/jdbc/postgresql/V1__steward.sql}
     */
    public String resource(int version) {
        return "META-INF/steward/jdbc/" + dialect.folder() + "/V" + version + "__steward.sql";
    }

    private String script(int version) {
        try (InputStream in = Schema.class.getClassLoader().getResourceAsStream(resource(version))) {
            if (in == null) {
                throw new IllegalStateException("the jar lacks " + resource(version));
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + resource(version), e);
        }
    }
}
