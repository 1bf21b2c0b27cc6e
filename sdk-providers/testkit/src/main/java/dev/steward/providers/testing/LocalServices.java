package dev.steward.providers.testing;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Assumptions;

/**
 * The database and cache servers that store tests run against, read from system properties or environment
 * variables so that a machine can point them elsewhere. A test asks for the server it needs: where it is not
 * reachable the test is skipped with the reason, except under {@code CI=true}, where a missing server fails the
 * build instead of passing it silently.
 */
public final class LocalServices {

    /** PostgreSQL: {@code steward.test.postgres.url} / {@code STEWARD_TEST_POSTGRES_URL}. */
    public static final String POSTGRES_URL =
            setting("steward.test.postgres.url", "jdbc:postgresql://127.0.0.1:5432/test?user=postgres");

    /** MariaDB: {@code steward.test.mariadb.url} / {@code STEWARD_TEST_MARIADB_URL}. */
    public static final String MARIADB_URL =
            setting("steward.test.mariadb.url", "jdbc:mariadb://127.0.0.1:3306/test?user=root");

    /** Redis: {@code steward.test.redis.url} / {@code STEWARD_TEST_REDIS_URL}. */
    public static final String REDIS_URL = setting("steward.test.redis.url", "redis://127.0.0.1:6379");

    private LocalServices() {}

    /**
     * Skips (or under {@code CI=true} fails) the calling test unless PostgreSQL answers.
     *
     * @return its JDBC URL
     */
    public static String postgres() {
        require("PostgreSQL", POSTGRES_URL);
        return POSTGRES_URL;
    }

    /**
     * Skips (or under {@code CI=true} fails) the calling test unless MariaDB answers.
     *
     * @return its JDBC URL
     */
    public static String mariadb() {
        require("MariaDB", MARIADB_URL);
        return MARIADB_URL;
    }

    /**
     * Skips (or under {@code CI=true} fails) the calling test unless Redis answers.
     *
     * @return its URL
     */
    public static String redis() {
        require("Redis", REDIS_URL);
        return REDIS_URL;
    }

    private static void require(String what, String url) {
        URI uri = URI.create(url.startsWith("jdbc:") ? url.substring("jdbc:".length()) : url);
        String host = uri.getHost();
        int port = uri.getPort();
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(host, port), 2000);
        } catch (IOException e) {
            String reason = what + " is not reachable at " + host + ":" + port + " (" + e.getMessage()
                    + "); start it, or point the tests elsewhere with the URL settings of "
                    + LocalServices.class.getName();
            if ("true".equalsIgnoreCase(System.getenv("CI"))) {
                Assertions.fail(reason + " (CI=true: a missing service fails the build)");
            }
            Assumptions.abort(reason);
        }
    }

    private static String setting(String property, String fallback) {
        String value = System.getProperty(property);
        if (value == null || value.isBlank()) {
            value = System.getenv(property.toUpperCase(java.util.Locale.ROOT).replace('.', '_'));
        }
        return value == null || value.isBlank() ? fallback : value;
    }
}
