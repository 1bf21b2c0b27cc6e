package dev.steward.samples.claims.spring;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;

/** The walkthrough on the embedded defaults: H2 in memory, no network. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class ClaimsOnH2Test extends ClaimsWalkthrough {

    @Autowired
    DataSource dataSource;

    @Test
    void theDefaultsKeepStewardsStateInTheEmbeddedH2() throws Exception {
        assertThat(send("POST", "/api/claims/C-1001/summary", "adjuster1", null).statusCode())
                .isEqualTo(200);
        try (Connection c = dataSource.getConnection()) {
            assertThat(c.getMetaData().getDatabaseProductName()).isEqualTo("H2");
            assertThat(auditRows(c, "claims_")).isPositive();
        }
    }
}
