package dev.steward.samples.claims.spring;

import dev.steward.providers.testing.LocalServices;
import org.junit.jupiter.api.BeforeAll;
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

    private static final String RUN_PREFIX = "claims_" + Long.toString(System.nanoTime(), 36) + "_";
}
