package dev.steward.spring;

import static dev.steward.spring.support.Callers.as;
import static dev.steward.spring.support.Callers.user;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.steward.api.ApprovalPendingException;
import dev.steward.api.AuditRecord;
import dev.steward.api.CallerContext;
import dev.steward.api.InferenceResponse;
import dev.steward.api.Outcome;
import dev.steward.api.TokenUsage;
import dev.steward.api.ToolCall;
import dev.steward.core.Steward;
import dev.steward.core.audit.AuditQuery;
import dev.steward.spring.support.SettlementService;
import dev.steward.spring.support.TestProvider;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.aop.support.AopUtils;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.security.config.annotation.method.configuration.EnableMethodSecurity;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.annotation.EnableTransactionManagement;

/**
 * {@code @AiTool} methods of a Spring bean, offered by a capability: registered at startup and run through the bean's
 * proxy, so that the application's own advice (here method security and transactions) applies to them.
 */
class GovernedToolsTest {

    @Configuration(proxyBeanMethods = false)
    @EnableMethodSecurity
    @EnableTransactionManagement
    static class MethodSecurityAndTransactions {

        @Bean
        PlatformTransactionManager transactionManager() {
            JdbcDataSource h2 = new JdbcDataSource();
            h2.setURL("jdbc:h2:mem:tools-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1");
            return new DataSourceTransactionManager(h2);
        }
    }

    static final ApplicationContextRunner RUNNER = new ApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(StewardAutoConfiguration.class))
            .withUserConfiguration(MethodSecurityAndTransactions.class)
            .withBean(TestProvider.class)
            .withBean(SettlementService.class)
            .withPropertyValues(
                    "steward.audit.sink=memory",
                    "steward.capability.claims.propose-settlement.allowed-roles=adjuster,clerk",
                    "steward.tool.issuePayment.allowed-roles=adjuster");

    @AfterEach
    void clear() {
        SecurityContextHolder.clearContext();
    }

    private static List<AuditRecord> toolRecords(Steward steward) {
        return steward.auditTrail().orElseThrow().search(new AuditQuery(null, null, null, null, 100)).stream()
                .filter(r -> r.tags().containsKey("steward.tool.name"))
                .sorted(java.util.Comparator.comparing(AuditRecord::timestamp))
                .toList();
    }

    @Test
    void aBeansToolRunsAndItsPaymentWaitsForTheSupervisorThenResumes() {
        RUNNER.run(context -> {
            assertThat(context).hasNotFailed();
            SettlementService settlements = context.getBean(SettlementService.class);
            assertThat(AopUtils.isCglibProxy(settlements)).isTrue();
            TestProvider provider = context.getBean(TestProvider.class);
            provider.answerWith(SettlementService::settlingModel);
            Steward steward = context.getBean(Steward.class);

            ApprovalPendingException pending = catchThrowableOfType(
                    ApprovalPendingException.class,
                    () -> as(user("adjuster1", "ROLE_adjuster"), () -> settlements.propose("C-1")));

            assertThat(pending).as("the payment is held").isNotNull();
            assertThat(settlements.lookups()).containsExactly("P-7");
            assertThat(settlements.payments()).isEmpty();
            assertThat(provider.requests().get(1).messages().get(2).content()).isEqualTo("5000.00");

            String id = pending.approvalId();
            steward.approvals().approve(id, new CallerContext("supervisor1", Set.of("supervisor"), null, "c2"), null);
            String answer = as(
                    user("adjuster1", "ROLE_adjuster"),
                    () -> steward.resume(id, new CallerContext("adjuster1", Set.of("adjuster"), null, "c3"))
                            .text());

            assertThat(answer).isEqualTo("done: PAY-1");
            assertThat(settlements.payments()).containsExactly("C-1:900");
            // the tool ran on the bean's proxy, inside its @Transactional advice
            assertThat(settlements.paidInTransaction()).containsExactly(true);
            assertThat(toolRecords(steward))
                    .extracting(AuditRecord::outcome)
                    .containsExactly(Outcome.SUCCEEDED, Outcome.PENDING_APPROVAL, Outcome.SUCCEEDED);
            assertThat(toolRecords(steward).get(0).source())
                    .isEqualTo(SettlementService.class.getName() + "#lookupPolicy");
        });
    }

    @Test
    void aClerkIsRefusedThePaymentByStewardAndTheLookupByTheBeansMethodSecurity() {
        RUNNER.run(context -> {
            SettlementService settlements = context.getBean(SettlementService.class);
            context.getBean(TestProvider.class)
                    .answerWith(r -> r.messages().size() == 1
                            ? InferenceResponse.toolCalls(
                                    List.of(
                                            new ToolCall("call_1", "lookupPolicy", "{\"policyId\":\"P-7\"}"),
                                            new ToolCall(
                                                    "call_2", "issuePayment", "{\"claimId\":\"C-1\",\"amount\":900}")),
                                    "",
                                    "m",
                                    new TokenUsage(1, 1))
                            : InferenceResponse.of("done: " + TestProvider.lastMessage(r), "m", new TokenUsage(1, 1)));
            Steward steward = context.getBean(Steward.class);

            String answer = as(user("clerk1", "ROLE_clerk"), () -> settlements.propose("C-1"));

            assertThat(answer).isEqualTo("done: {\"refused\":true,\"reason\":\"the caller may not run this tool\"}");
            assertThat(settlements.lookups()).isEmpty();
            assertThat(settlements.payments()).isEmpty();
            List<AuditRecord> tools = toolRecords(steward);
            assertThat(tools).extracting(AuditRecord::principal).containsOnly("clerk1");
            assertThat(tools)
                    .filteredOn(r -> r.tags().get("steward.tool.name").equals("lookupPolicy"))
                    .singleElement()
                    .satisfies(r -> {
                        // Steward let the clerk run it; the bean's own @PreAuthorize, on its proxy, did not
                        assertThat(r.outcome()).isEqualTo(Outcome.FAILED);
                        assertThat(r.reason()).contains("the tool failed: org.springframework.security.");
                    });
            assertThat(tools)
                    .filteredOn(r -> r.tags().get("steward.tool.name").equals("issuePayment"))
                    .singleElement()
                    .satisfies(r -> assertThat(r.outcome()).isEqualTo(Outcome.DENIED));
        });
    }
}
