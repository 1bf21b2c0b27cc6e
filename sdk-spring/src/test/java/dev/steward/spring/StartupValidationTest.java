package dev.steward.spring;

import static org.assertj.core.api.Assertions.assertThat;

import dev.steward.core.GovernedMethod;
import dev.steward.spring.invalid.MisdeclaredBeans;
import dev.steward.spring.support.ClaimsService;
import dev.steward.spring.support.TestProvider;
import java.util.Map;
import java.util.function.Function;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.env.StandardEnvironment;
import org.springframework.core.env.SystemEnvironmentPropertySource;

/** A bad declaration or key fails the context at startup, naming {@code Class#method} or the key. */
class StartupValidationTest {

    private static final ApplicationContextRunner RUNNER = new ApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(StewardAutoConfiguration.class))
            .withBean(TestProvider.class);

    private static String failure(ApplicationContextRunner runner) {
        StringBuilder all = new StringBuilder();
        runner.run(context -> {
            assertThat(context).hasFailed();
            for (Throwable t = context.getStartupFailure(); t != null; t = t.getCause()) {
                all.append(t.getMessage()).append('\n');
            }
        });
        return all.toString();
    }

    private static String failureOf(Class<?> bean) {
        return failure(RUNNER.withBean(bean));
    }

    @Test
    void aMethodThatCannotReturnTheAnswerFailsNamingItWithCoresMessage() throws Exception {
        var method = MisdeclaredBeans.WrongReturnType.class.getMethod("ask", String.class, String.class);
        // the declaration is sound; core rejects the return type when it composes the capability
        assertThat(GovernedMethod.declarationProblem(method)).isEmpty();
        assertThat(failureOf(MisdeclaredBeans.WrongReturnType.class))
                .contains(MisdeclaredBeans.WrongReturnType.class.getName()
                        + "#ask: returns java.util.Map<java.lang.String,"
                        + " java.lang.Object>, which cannot be a typed answer")
                .contains("a typed answer is a record, a POJO, an enum");
    }

    @Test
    void aFinalMethodFailsBecauseItCannotBeProxied() {
        assertThat(failureOf(MisdeclaredBeans.FinalMethod.class))
                .contains(MisdeclaredBeans.FinalMethod.class.getName() + "#ask")
                .contains("non-final");
    }

    @Test
    void aFinalToolMethodFailsBecauseItWouldBypassTheBeansProxy() {
        assertThat(failureOf(MisdeclaredBeans.FinalTool.class))
                .contains(MisdeclaredBeans.FinalTool.class.getName() + "#lookupPolicy")
                .contains("non-final");
    }

    @Test
    void aPrivateOrStaticToolMethodFailsBecauseItWouldBypassTheBeansProxy() {
        assertThat(failureOf(MisdeclaredBeans.PrivateTool.class))
                .contains(MisdeclaredBeans.PrivateTool.class.getName() + "#lookupPolicy")
                .contains("non-private, non-static, non-final");
        assertThat(failureOf(MisdeclaredBeans.StaticTool.class))
                .contains(MisdeclaredBeans.StaticTool.class.getName() + "#lookupPolicy")
                .contains("non-private, non-static, non-final");
    }

    @Test
    void aCapabilityOfferingAToolNoBeanDeclaresFailsNamingTheTool() {
        assertThat(failureOf(MisdeclaredBeans.UnknownTool.class))
                .contains(MisdeclaredBeans.UnknownTool.class.getName() + "#ask")
                .contains("unknown tool 'noSuchTool'");
    }

    @Test
    void anAnnotatedInterfaceMethodFailsAsItWouldGovernNothing() {
        assertThat(failureOf(MisdeclaredBeans.SummarizerBean.class))
                .contains(MisdeclaredBeans.Summarizer.class.getName() + "#ask")
                .contains("implementing");
    }

    @Test
    void approvalOrCeilingWithoutCapabilityFails() {
        assertThat(failureOf(MisdeclaredBeans.ApprovalWithoutCapability.class))
                .contains(MisdeclaredBeans.ApprovalWithoutCapability.class.getName() + "#ask")
                .contains("@AiCapability");
    }

    @Test
    void anUnknownPromptAndAMismatchedFallbackFailNamingTheMethod() {
        assertThat(failureOf(MisdeclaredBeans.UnknownPrompt.class))
                .contains(MisdeclaredBeans.UnknownPrompt.class.getName() + "#ask")
                .contains("claims.unknown");
        assertThat(failureOf(MisdeclaredBeans.MismatchedFallback.class))
                .contains(MisdeclaredBeans.MismatchedFallback.class.getName() + "#ask")
                .contains("fallback");
    }

    @Test
    void aLazyBeanIsCheckedAtStartupToo() {
        assertThat(failure(RUNNER.withBean(
                        MisdeclaredBeans.WrongReturnType.class,
                        MisdeclaredBeans.WrongReturnType::new,
                        d -> d.setLazyInit(true))))
                .contains(MisdeclaredBeans.WrongReturnType.class.getName() + "#ask");
    }

    @Test
    void anUnknownKeyFailsNamingIt() {
        assertThat(failure(RUNNER.withBean(ClaimsService.class)
                        .withPropertyValues("steward.capability.claims.summarize.enabeld=false")))
                .contains("steward.capability.claims.summarize.enabeld");
        assertThat(failure(RUNNER.withPropertyValues("steward.identity.tenant.sorce=header")))
                .contains("steward.identity.tenant.sorce");
        assertThat(failure(RUNNER.withPropertyValues("steward.spring.rest.enabeld=true")))
                .contains("steward.spring.rest.enabeld");
        assertThat(failure(RUNNER.withPropertyValues("steward.cdi.rest.audit-roles=auditor")))
                .contains("steward.cdi.rest.audit-roles");
    }

    @Test
    void anInvalidIdentitySettingFailsNamingTheKey() {
        assertThat(failure(RUNNER.withPropertyValues("steward.identity.tenant.source=principal-attribute")))
                .contains("steward.identity.tenant.source")
                .contains("[none, header, claim]");
        assertThat(failure(RUNNER.withPropertyValues("steward.identity.tenant.source=header")))
                .contains("steward.identity.tenant.name");
    }

    @Test
    void configurationOfACapabilityNoMethodDeclaresFails() {
        assertThat(failure(RUNNER.withBean(ClaimsService.class)
                        .withPropertyValues("steward.capability.claims.sumarize.enabled=false")))
                .contains("steward.capability.claims.sumarize.enabled")
                .contains("which no method declares");
    }

    @Test
    void anEnvironmentVariableThatSetsNoKeyFailsNamingTheNearestOne() {
        Function<ConfigurableApplicationContext, ConfigurableApplicationContext> withEnvironment = context -> {
            context.getEnvironment()
                    .getPropertySources()
                    .addLast(new SystemEnvironmentPropertySource(
                            StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME,
                            Map.of("STEWARD_CAPABILITY_CLAIMS_SUMARIZE_ENABLED", "false")));
            return context;
        };
        assertThat(failure(RUNNER.withBean(ClaimsService.class).withInitializer(c -> withEnvironment.apply(c))))
                .contains("STEWARD_CAPABILITY_CLAIMS_SUMARIZE_ENABLED")
                .contains("STEWARD_CAPABILITY_CLAIMS_SUMMARIZE_ENABLED");
    }

    @Test
    void anEnvironmentVariableSetsAKey() {
        RUNNER.withBean(ClaimsService.class)
                .withInitializer(c -> c.getEnvironment()
                        .getPropertySources()
                        .addFirst(new SystemEnvironmentPropertySource(
                                "systemEnvironment", Map.of("STEWARD_CAPABILITY_CLAIMS_SUMMARIZE_ENABLED", "false"))))
                .run(context -> {
                    assertThat(context).hasNotFailed();
                    ClaimsService claims = context.getBean(ClaimsService.class);
                    org.assertj.core.api.Assertions.assertThatThrownBy(() -> dev.steward.spring.support.Callers.as(
                                    dev.steward.spring.support.Callers.user("adjuster1"),
                                    () -> claims.summarize("C-1", "x")))
                            .isInstanceOf(dev.steward.api.CapabilityDisabledException.class);
                });
    }
}
