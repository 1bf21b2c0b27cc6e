package dev.steward.spring;

import dev.steward.core.Steward;
import dev.steward.core.config.IdentitySettings;
import dev.steward.spring.actuate.StewardEndpoint;
import dev.steward.spring.internal.ApplicationStores;
import dev.steward.spring.internal.CapabilityMethodPostProcessor;
import dev.steward.spring.internal.CapabilityVerifier;
import dev.steward.spring.internal.EnvironmentConfigValues;
import dev.steward.spring.internal.StewardRuntime;
import dev.steward.spring.observation.StewardObservations;
import dev.steward.spring.web.StewardApprovalController;
import dev.steward.spring.web.StewardAuditController;
import dev.steward.spring.web.StewardExceptionHandler;
import io.micrometer.observation.ObservationRegistry;
import javax.sql.DataSource;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.config.BeanDefinition;
import org.springframework.beans.factory.config.ConfigurableListableBeanFactory;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Role;
import org.springframework.core.env.ConfigurableEnvironment;

/**
 * Steward's auto-configuration, listed in {@code META-INF/spring/...AutoConfiguration.imports}: the application's
 * packages are never scanned. It builds one Steward from Spring's {@code Environment} and the application's beans
 * (providers, provider factories, stores, policies, interceptors, observers, an {@code IdentityResolver}), offers the
 * {@code @AiTool} methods of every bean as tools (run on the bean's proxy, so that its advice applies), governs the
 * {@code @AiCapability} methods of every bean, and fails the context at startup on an invalid declaration or key,
 * naming {@code Class#method} or the key.
 *
 * <p>Runs after the data source auto-configuration (named, not referenced, so that one jar serves Spring Boot 4, where
 * it moved, and 3.5), so that the JDBC stores can use the application's {@code DataSource}.
 */
@AutoConfiguration(
        afterName = {
            "org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration",
            "org.springframework.boot.autoconfigure.jdbc.DataSourceAutoConfiguration"
        })
public class StewardAutoConfiguration {

    /** Created by Spring. */
    public StewardAutoConfiguration() {}

    /**
     * The runtime: Steward built from the environment and the application's beans, closed with the context.
     *
     * @param environment the environment
     * @param beanFactory the bean factory
     * @param publisher the event publisher
     * @param dataSource the application's data source, if it has exactly one
     * @return the runtime
     */
    @Bean(destroyMethod = "close")
    @Role(BeanDefinition.ROLE_INFRASTRUCTURE)
    public StewardRuntime stewardRuntime(
            ConfigurableEnvironment environment,
            ConfigurableListableBeanFactory beanFactory,
            ApplicationEventPublisher publisher,
            ObjectProvider<DataSource> dataSource) {
        return StewardRuntime.start(
                environment,
                beanFactory,
                publisher,
                ApplicationStores.of(dataSource.getIfUnique(), environment),
                beanFactory.getBeanClassLoader());
    }

    /**
     * The application's Steward, for approvals, audit queries and capabilities registered in code. The runtime closes
     * it.
     *
     * @param runtime the runtime
     * @return the Steward
     */
    @Bean(destroyMethod = "")
    public Steward steward(StewardRuntime runtime) {
        return runtime.steward();
    }

    /**
     * The post-processor that checks, composes and advises {@code @AiCapability} methods.
     *
     * @param runtime the runtime, looked up lazily
     * @return the post-processor
     */
    @Bean
    @Role(BeanDefinition.ROLE_INFRASTRUCTURE)
    public static CapabilityMethodPostProcessor stewardCapabilityMethodPostProcessor(
            ObjectProvider<StewardRuntime> runtime) {
        return new CapabilityMethodPostProcessor(runtime);
    }

    /**
     * The checks that run once every singleton exists.
     *
     * @param beanFactory the bean factory
     * @param runtime the runtime
     * @return the verifier
     */
    @Bean
    @Role(BeanDefinition.ROLE_INFRASTRUCTURE)
    public static CapabilityVerifier stewardCapabilityVerifier(
            ConfigurableListableBeanFactory beanFactory, ObjectProvider<StewardRuntime> runtime) {
        return new CapabilityVerifier(beanFactory, runtime);
    }

    /**
     * The approval and audit REST controllers and the exception handler, with {@code steward.spring.rest.enabled=true}
     * in a Spring MVC application.
     */
    @Configuration(proxyBeanMethods = false)
    @ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
    @ConditionalOnClass(name = "org.springframework.web.servlet.DispatcherServlet")
    @ConditionalOnProperty(name = SpringConfigKeys.REST_ENABLED, havingValue = "true")
    static class RestControllers {

        @Bean
        StewardApprovalController stewardApprovalController(
                StewardRuntime runtime, ConfigurableEnvironment environment) {
            String base = environment.getProperty(SpringConfigKeys.REST_BASE_PATH, "/steward");
            // the controllers' mappings read the key as a placeholder; a malformed value is refused here, by name
            if (!base.matches("/[A-Za-z0-9._~/-]*[A-Za-z0-9._~-]")) {
                throw new IllegalStateException(SpringConfigKeys.REST_BASE_PATH + ": '" + base
                        + "' is not a path such as /steward or /api/steward (a leading /, no trailing /)");
            }
            return new StewardApprovalController(runtime);
        }

        @Bean
        StewardAuditController stewardAuditController(StewardRuntime runtime, ConfigurableEnvironment environment) {
            return new StewardAuditController(
                    runtime,
                    IdentitySettings.roles(
                            new EnvironmentConfigValues(environment),
                            SpringConfigKeys.REST_AUDIT_ROLES,
                            "steward-auditor"));
        }

        @Bean
        @ConditionalOnMissingBean
        StewardExceptionHandler stewardExceptionHandler() {
            return new StewardExceptionHandler();
        }
    }

    /** The Actuator endpoint {@code steward}, when Actuator is present. */
    @Configuration(proxyBeanMethods = false)
    @ConditionalOnClass(name = "org.springframework.boot.actuate.endpoint.annotation.Endpoint")
    static class Actuator {

        @Bean
        @ConditionalOnMissingBean
        StewardEndpoint stewardEndpoint(Steward steward, ConfigurableEnvironment environment) {
            return new StewardEndpoint(steward, new EnvironmentConfigValues(environment));
        }
    }

    /**
     * Micrometer Observation of every governed call and provider attempt, when Micrometer is present; Steward takes
     * it as one of the application's {@code StewardObserver} beans.
     */
    @Configuration(proxyBeanMethods = false)
    @ConditionalOnClass(name = "io.micrometer.observation.ObservationRegistry")
    static class Observations {

        @Bean
        @ConditionalOnMissingBean
        StewardObservations stewardObservations(ObjectProvider<ObservationRegistry> registry) {
            return new StewardObservations(registry.getIfUnique(() -> ObservationRegistry.NOOP));
        }
    }
}
