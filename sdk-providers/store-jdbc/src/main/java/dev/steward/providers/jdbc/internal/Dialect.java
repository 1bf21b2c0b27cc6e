package dev.steward.providers.jdbc.internal;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.Locale;
import java.util.Optional;

/** The databases whose schema scripts ship in the jar; the SQL the stores run is the same on all of them. */
public enum Dialect {
    /** PostgreSQL. */
    POSTGRESQL("postgresql"),
    /** MariaDB, and MySQL. */
    MARIADB("mariadb"),
    /** H2, embedded or server. */
    H2("h2");

    private final String folder;

    Dialect(String folder) {
        this.folder = folder;
    }

    /**
     * The folder below {@code META-INF/steward/jdbc/} that holds this dialect's scripts.
     *
     * @return for example {@code postgresql}
     */
    public String folder() {
        return folder;
    }

    /**
     * The dialect of a connected database.
     *
     * @param c a connection
     * @return the dialect, or empty when the database is none of those supported
     * @throws SQLException if the database cannot be asked
     */
    public static Optional<Dialect> of(Connection c) throws SQLException {
        String product = c.getMetaData().getDatabaseProductName().toLowerCase(Locale.ROOT);
        if (product.contains("postgres")) {
            return Optional.of(POSTGRESQL);
        }
        if (product.contains("mariadb") || product.contains("mysql")) {
            return Optional.of(MARIADB);
        }
        if (product.contains("h2")) {
            return Optional.of(H2);
        }
        return Optional.empty();
    }
}
