package dev.steward.spring;

import static dev.steward.spring.support.Callers.as;
import static dev.steward.spring.support.Callers.user;
import static org.assertj.core.api.Assertions.assertThat;

import dev.steward.api.AuditRecord;
import dev.steward.api.annotation.AiCapability;
import dev.steward.core.spi.CallContext;
import dev.steward.core.spi.StewardObserver;
import dev.steward.spring.support.TestProvider;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.annotation.EnableTransactionManagement;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/** Steward's advice runs inside the application's {@code @Transactional} advice: the whole governed call is in it. */
class TransactionalCallTest {

    /** A transactional service with a governed method, as an application writes it. */
    @Transactional
    public static class TransactionalClaims {
        @AiCapability("claims.summarize")
        public String summarize(String claimId, String text) {
            return null;
        }
    }

    /** The same service without a transaction: the control case. */
    public static class PlainClaims {
        @AiCapability("claims.summarize")
        public String summarize(String claimId, String text) {
            return null;
        }
    }

    /** Records, at the start and the end of every governed call, whether a transaction is active on the thread. */
    public static class TransactionProbe implements StewardObserver {
        final List<Boolean> seen = new CopyOnWriteArrayList<>();

        @Override
        public void onCallStart(CallContext call) {
            seen.add(TransactionSynchronizationManager.isActualTransactionActive());
        }

        @Override
        public void onCallStop(CallContext call, AuditRecord record) {
            seen.add(TransactionSynchronizationManager.isActualTransactionActive());
        }
    }

    @Configuration(proxyBeanMethods = false)
    @EnableTransactionManagement
    static class Transactions {
        @Bean
        PlatformTransactionManager transactionManager() {
            JdbcDataSource h2 = new JdbcDataSource();
            h2.setURL("jdbc:h2:mem:tx-" + System.nanoTime() + ";DB_CLOSE_DELAY=-1");
            return new DataSourceTransactionManager(h2);
        }
    }

    private static ApplicationContextRunner runner(Class<?> service) {
        return new ApplicationContextRunner()
                .withConfiguration(AutoConfigurations.of(StewardAutoConfiguration.class))
                .withUserConfiguration(Transactions.class)
                .withBean(TestProvider.class)
                .withBean(TransactionProbe.class)
                .withBean(service)
                .withPropertyValues(
                        "steward.audit.sink=memory", "steward.capability.claims.summarize.allowed-roles=adjuster");
    }

    @Test
    void theGovernedCallRunsInsideTheTransactionFromItsStartToItsEnd() {
        runner(TransactionalClaims.class).run(context -> {
            assertThat(context).hasNotFailed();
            as(
                    user("adjuster1", "ROLE_adjuster"),
                    () -> context.getBean(TransactionalClaims.class).summarize("C-1", "hail"));
            assertThat(context.getBean(TransactionProbe.class).seen).containsExactly(true, true);
        });
    }

    @Test
    void withoutTransactionalTheProbeSeesNone() {
        runner(PlainClaims.class).run(context -> {
            as(
                    user("adjuster1", "ROLE_adjuster"),
                    () -> context.getBean(PlainClaims.class).summarize("C-1", "hail"));
            assertThat(context.getBean(TransactionProbe.class).seen).containsExactly(false, false);
        });
    }
}
