package dev.steward.cdi;

import static org.assertj.core.api.Assertions.assertThat;

import dev.steward.api.annotation.AiCapability;
import dev.steward.api.annotation.CostCeiling;
import dev.steward.api.annotation.RequiresApproval;
import dev.steward.cdi.support.TestConfig;
import dev.steward.cdi.support.TestProvider;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.HashMap;
import java.util.Map;
import org.eclipse.microprofile.faulttolerance.Retry;
import org.jboss.weld.environment.se.Weld;
import org.jboss.weld.environment.se.WeldContainer;
import org.junit.jupiter.api.Test;

/** Every invalid declaration or key fails deployment, and the message names {@code Class#method} or the key. */
class DeploymentValidationTest {

    @Test
    void failsOnAPromptTheRegistryDoesNotHold() {
        assertThat(deploymentFailure(config(), UnknownPrompt.class))
                .contains(UnknownPrompt.class.getName() + "#ask")
                .contains("claims.unknown");
    }

    @Test
    void failsOnAPromptVersionTheRegistryDoesNotHold() {
        assertThat(deploymentFailure(config(), UnknownVersion.class))
                .contains(UnknownVersion.class.getName() + "#ask")
                .contains("v9");
    }

    @Test
    void failsOnAnUnknownRoute() {
        assertThat(deploymentFailure(config(), UnknownRoute.class))
                .contains(UnknownRoute.class.getName() + "#ask")
                .contains("nowhere");
    }

    @Test
    void failsOnAnImpossibleCostCeiling() {
        assertThat(deploymentFailure(config(), ImpossibleCeiling.class))
                .contains(ImpossibleCeiling.class.getName() + "#ask")
                .contains("lots");
    }

    @Test
    void failsOnAFallbackWhoseSignatureDoesNotMatch() {
        assertThat(deploymentFailure(config(), MismatchedFallback.class))
                .contains(MismatchedFallback.class.getName() + "#ask")
                .contains("fallback");
    }

    @Test
    void failsOnACapabilityMethodWhoseReturnTypeHasNoFixedJsonShape() {
        assertThat(deploymentFailure(config(), WrongReturnType.class))
                .contains(WrongReturnType.class.getName() + "#ask: returns java.util.Map<java.lang.String,"
                        + " java.lang.Object>, which cannot be a typed answer")
                .contains("a typed answer is a record, a POJO, an enum");
    }

    @Test
    void failsOnACapabilityDeclaredOnAnInterfaceMethod() {
        assertThat(deploymentFailure(config(), Summarizer.class))
                .contains(Summarizer.class.getName() + "#ask")
                .contains("implementing");
    }

    @Test
    void failsOnACapabilityOfferingAToolNoBeanDeclares() {
        assertThat(deploymentFailure(config(), UnknownTool.class))
                .contains(UnknownTool.class.getName() + "#ask")
                .contains("unknown tool 'noSuchTool'");
    }

    @Test
    void failsOnRequiresApprovalWithoutAiCapability() {
        assertThat(deploymentFailure(config(), ApprovalWithoutCapability.class))
                .contains(ApprovalWithoutCapability.class.getName() + "#ask")
                .contains("@AiCapability");
    }

    @Test
    void failsOnMicroProfileRetryOverAProviderThatRetriesItself() {
        Map<String, String> config = config();
        config.put("steward.provider.test.retry.max-attempts", "3");
        assertThat(deploymentFailure(config, RetriedTwice.class))
                .contains(RetriedTwice.class.getName() + "#ask")
                .contains("steward.provider.test.retry.max-attempts=3");
    }

    @Test
    void failsOnMicroProfileRetryOverTheImplicitDefaultRouteWhoseOnlyProviderRetriesItself() {
        // no steward.route.default.providers: core builds the default route of the one provider there is
        Map<String, String> config = new HashMap<>();
        config.put("steward.audit.sink", "memory");
        config.put("steward.provider.test.retry.max-attempts", "3");
        assertThat(deploymentFailure(config, RetriedTwice.class))
                .contains(RetriedTwice.class.getName() + "#ask")
                .contains("steward.provider.test.retry.max-attempts=3");
    }

    @Test
    void deploysMicroProfileRetryOverTheImplicitDefaultRouteWhoseProviderTriesOnce() {
        Map<String, String> config = new HashMap<>();
        config.put("steward.audit.sink", "memory");
        config.put("steward.provider.test.retry.max-attempts", "1");
        TestConfig installed = TestConfig.install(config);
        try (WeldContainer container = weld(RetriedTwice.class).initialize()) {
            assertThat(container.select(RetriedTwice.class).isResolvable()).isTrue();
        } finally {
            installed.release();
        }
    }

    @Test
    void failsOnAnUnknownStewardKey() {
        Map<String, String> config = config();
        config.put("steward.capability.claims.summarize.enabeld", "false");
        assertThat(deploymentFailure(config, Valid.class)).contains("steward.capability.claims.summarize.enabeld");
    }

    @Test
    void deploysWithEnvironmentVariablesThatSetKeysStewardReads() {
        TestConfig installed = TestConfig.install(
                config(),
                Map.of(
                        "STEWARD_CAPABILITY_CLAIMS_SUMMARIZE_ALLOWED_ROLES", "adjuster",
                        "STEWARD_PROVIDER_TEST_TIMEOUT", "5s",
                        "STEWARD_AUDIT_CAPACITY", "100",
                        "PATH", "/usr/bin"));
        try (WeldContainer container = weld(Valid.class).initialize()) {
            assertThat(container.select(Valid.class).isResolvable()).isTrue();
        } finally {
            installed.release();
        }
    }

    @Test
    void failsOnAnEnvironmentVariableForAMisspeltCapability() {
        assertThat(deploymentFailure(
                        config(), Map.of("STEWARD_CAPABILITY_CLAIMS_SUMARIZE_ENABLED", "false"), Valid.class))
                .contains("STEWARD_CAPABILITY_CLAIMS_SUMARIZE_ENABLED")
                .contains("STEWARD_CAPABILITY_CLAIMS_SUMMARIZE_ENABLED (steward.capability.claims.summarize.enabled)");
    }

    @Test
    void failsOnAnEnvironmentVariableForAnUnknownProviderSetting() {
        assertThat(deploymentFailure(config(), Map.of("STEWARD_PROVIDER_TEST_RETRY_MAX_ATTEMPT", "3"), Valid.class))
                .contains("STEWARD_PROVIDER_TEST_RETRY_MAX_ATTEMPT")
                .contains("STEWARD_PROVIDER_TEST_RETRY_MAX_ATTEMPTS (steward.provider.test.retry.max-attempts)");
    }

    @Test
    void failsOnAnUnknownKeyOfTheIntegration() {
        Map<String, String> config = config();
        config.put("steward.cdi.rest.enabeld", "false");
        assertThat(deploymentFailure(config, Valid.class)).contains("steward.cdi.rest.enabeld");
    }

    @Test
    void failsOnAnUnknownIdentityKey() {
        Map<String, String> config = config();
        config.put("steward.identity.tenant.sorce", "header");
        assertThat(deploymentFailure(config, Valid.class)).contains("steward.identity.tenant.sorce");
    }

    @Test
    void failsOnATenantSourceWithoutItsName() {
        Map<String, String> config = config();
        config.put("steward.identity.tenant.source", "header");
        assertThat(deploymentFailure(config, Valid.class)).contains("steward.identity.tenant.name");
    }

    @Test
    void deploysAValidCapability() {
        TestConfig installed = TestConfig.install(config());
        try (WeldContainer container = weld(Valid.class).initialize()) {
            assertThat(container.select(Valid.class).isResolvable()).isTrue();
        } finally {
            installed.release();
        }
    }

    private static Map<String, String> config() {
        Map<String, String> m = new HashMap<>();
        m.put("steward.audit.sink", "memory");
        m.put("steward.route.default.providers", TestProvider.NAME);
        return m;
    }

    private static Weld weld(Class<?> bean) {
        return new Weld()
                .disableDiscovery()
                .addExtension(new StewardExtension())
                .addBeanClasses(bean, TestProvider.class);
    }

    private static String deploymentFailure(Map<String, String> config, Class<?> bean) {
        return deploymentFailure(config, Map.of(), bean);
    }

    private static String deploymentFailure(
            Map<String, String> config, Map<String, String> environment, Class<?> bean) {
        TestConfig installed = TestConfig.install(config, environment);
        try (WeldContainer ignored = weld(bean).initialize()) {
            throw new AssertionError("deployment of " + bean.getSimpleName() + " should have failed");
        } catch (RuntimeException e) {
            return messages(e);
        } finally {
            installed.release();
        }
    }

    private static String messages(Throwable t) {
        StringBuilder all = new StringBuilder();
        for (Throwable c = t; c != null; c = c.getCause()) {
            all.append(c.getMessage()).append('\n');
            for (Throwable s : c.getSuppressed()) {
                all.append(messages(s));
            }
        }
        return all.toString();
    }

    @ApplicationScoped
    static class Valid {
        @AiCapability("claims.summarize")
        public String ask(String claimId, String text) {
            return null;
        }
    }

    @ApplicationScoped
    static class UnknownPrompt {
        @AiCapability("claims.unknown")
        public String ask(String claimId) {
            return null;
        }
    }

    @ApplicationScoped
    static class UnknownTool {
        @AiCapability(value = "claims.summarize", tools = "noSuchTool")
        public String ask(String claimId, String text) {
            return null;
        }
    }

    @ApplicationScoped
    static class UnknownVersion {
        @AiCapability(value = "claims.summarize", promptVersion = "v9")
        public String ask(String claimId, String text) {
            return null;
        }
    }

    @ApplicationScoped
    static class UnknownRoute {
        @AiCapability(value = "claims.summarize", route = "nowhere")
        public String ask(String claimId, String text) {
            return null;
        }
    }

    @ApplicationScoped
    static class ImpossibleCeiling {
        @AiCapability("claims.summarize")
        @CostCeiling(perCall = "lots")
        public String ask(String claimId, String text) {
            return null;
        }
    }

    @ApplicationScoped
    static class MismatchedFallback {
        @AiCapability(value = "claims.summarize", fallback = "noAnswer")
        public String ask(String claimId, String text) {
            return null;
        }

        String noAnswer(String claimId) {
            return "none";
        }
    }

    @ApplicationScoped
    static class WrongReturnType {
        @AiCapability("claims.summarize")
        public Map<String, Object> ask(String claimId, String text) {
            return Map.of();
        }
    }

    interface Summarizer {
        @AiCapability("claims.summarize")
        String ask(String claimId, String text);
    }

    @ApplicationScoped
    static class ApprovalWithoutCapability {
        @RequiresApproval(role = "supervisor")
        public String ask(String claimId, String text) {
            return null;
        }
    }

    @ApplicationScoped
    static class RetriedTwice {
        @Retry(maxRetries = 2)
        @AiCapability("claims.summarize")
        public String ask(String claimId, String text) {
            return null;
        }
    }
}
