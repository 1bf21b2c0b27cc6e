package dev.steward.spring;

import static dev.steward.spring.support.Callers.as;
import static dev.steward.spring.support.Callers.user;
import static org.assertj.core.api.Assertions.assertThat;

import dev.steward.api.ApprovalPendingException;
import dev.steward.core.Steward;
import dev.steward.spring.support.ClaimsService;
import dev.steward.spring.support.TestProvider;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.UUID;
import javax.sql.DataSource;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

/** The durable stores come from what the application already has, selected by the same keys as everywhere. */
class StoresTest {

    private static final ApplicationContextRunner RUNNER = new ApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(StewardAutoConfiguration.class))
            .withBean(TestProvider.class)
            .withBean(ClaimsService.class);

    @Test
    void theJdbcStoresUseTheApplicationsDataSource() throws Exception {
        JdbcDataSource h2 = new JdbcDataSource();
        h2.setURL("jdbc:h2:mem:steward-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1");
        RUNNER.withBean(DataSource.class, () -> h2)
                .withPropertyValues(
                        "steward.audit.sink=jdbc",
                        "steward.approval.store=jdbc",
                        "steward.store.jdbc.migrate=true",
                        "steward.capability.claims.adjust.allowed-roles=adjuster")
                .run(context -> {
                    assertThat(context).hasNotFailed();
                    ClaimsService claims = context.getBean(ClaimsService.class);
                    String id = org.assertj.core.api.Assertions.catchThrowableOfType(
                                    ApprovalPendingException.class,
                                    () -> as(user("adjuster1", "ROLE_adjuster"), () -> claims.proposeAdjustment("C-3")))
                            .approvalId();
                    assertThat(context.getBean(Steward.class)
                                    .approvals()
                                    .find(id)
                                    .capability())
                            .isEqualTo("claims.adjust");
                });
        // the context is closed: what it stored is in the application's database
        try (Connection c = h2.getConnection();
                Statement s = c.createStatement();
                ResultSet approvals = s.executeQuery("SELECT COUNT(*) FROM steward_approval")) {
            approvals.next();
            assertThat(approvals.getInt(1)).isEqualTo(1);
        }
        try (Connection c = h2.getConnection();
                Statement s = c.createStatement();
                ResultSet audit = s.executeQuery("SELECT COUNT(*) FROM steward_audit")) {
            audit.next();
            assertThat(audit.getInt(1)).isEqualTo(1);
        }
    }

    @Test
    void theRedisStoresUseTheApplicationsRedisServer() {
        // nothing listens on port 1: the failure names the server of spring.data.redis.*, proving it was used
        RUNNER.withPropertyValues(
                        "spring.data.redis.host=127.0.0.1",
                        "spring.data.redis.port=1",
                        "steward.budget.ledger=redis",
                        "steward.store.redis.timeout=500ms")
                .run(context -> {
                    assertThat(context).hasFailed();
                    StringBuilder messages = new StringBuilder();
                    for (Throwable t = context.getStartupFailure(); t != null; t = t.getCause()) {
                        messages.append(t.getMessage()).append('\n');
                    }
                    assertThat(messages.toString())
                            .contains("steward.store.redis.url")
                            .contains("Redis does not answer at redis://127.0.0.1:1/0");
                });
    }

    @Test
    void withoutTheKeysTheStoresStayInMemory() {
        JdbcDataSource h2 = new JdbcDataSource();
        h2.setURL("jdbc:h2:mem:steward-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1");
        RUNNER.withBean(DataSource.class, () -> h2).run(context -> {
            assertThat(context).hasNotFailed();
            try (Connection c = h2.getConnection();
                    ResultSet tables = c.getMetaData().getTables(null, null, "STEWARD_%", null)) {
                assertThat(tables.next()).isFalse();
            }
        });
    }
}
