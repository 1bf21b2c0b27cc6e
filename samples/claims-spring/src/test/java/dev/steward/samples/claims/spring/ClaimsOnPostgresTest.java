package dev.steward.samples.claims.spring;

import static org.assertj.core.api.Assertions.assertThat;

import dev.steward.providers.testing.LocalServices;
import java.sql.Connection;
import java.sql.DriverManager;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The walkthrough with the claims and Steward's state in the local PostgreSQL (profile {@code postgres}); skipped
 * with the reason when it does not answer, failing under {@code CI=true}.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles("postgres")
class ClaimsOnPostgresTest extends ClaimsWalkthrough {

    @BeforeAll
    static void postgresAnswers() {
        LocalServices.postgres();
    }

    @DynamicPropertySource
    static void database(DynamicPropertyRegistry registry) {
        registry.add("spring.datasource.url", () -> LocalServices.POSTGRES_URL);
        // the server outlives the test: tables of their own per run, so that no earlier run's spent budget counts
        registry.add("steward.store.jdbc.table-prefix", () -> RUN_PREFIX);
    }

    @Test
    void stewardsStateGoesToThisRunsTablesInPostgresql() throws Exception {
        assertThat(send("POST", "/api/claims/C-1001/summary", "adjuster1", null).statusCode())
                .isEqualTo(200);
        try (Connection c = DriverManager.getConnection(LocalServices.POSTGRES_URL)) {
            assertThat(c.getMetaData().getDatabaseProductName()).isEqualTo("PostgreSQL");
            assertThat(auditRows(c, RUN_PREFIX)).isPositive();
        }
    }

    private static final String RUN_PREFIX = "claims_" + Long.toString(System.nanoTime(), 36) + "_";
}
