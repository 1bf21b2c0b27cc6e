package dev.steward.cdi.rest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.steward.cdi.StewardExtension;
import dev.steward.cdi.support.ClaimsService;
import dev.steward.cdi.support.TestConfig;
import dev.steward.cdi.support.TestProvider;
import dev.steward.cdi.support.TestSecurityContext;
import dev.steward.core.register.CapabilityRegister;
import dev.steward.core.register.RegisteredCapability;
import dev.steward.core.web.CapabilityView;
import dev.steward.core.web.ErrorView;
import jakarta.inject.Inject;
import jakarta.ws.rs.WebApplicationException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.jboss.weld.environment.se.Weld;
import org.jboss.weld.junit5.EnableWeld;
import org.jboss.weld.junit5.WeldInitiator;
import org.jboss.weld.junit5.WeldSetup;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

/**
 * Auditors read the capability register, merged with the live configuration, through {@code steward/capabilities},
 * called as JAX-RS would call it. The application's class loader (the thread's, as in a request) holds the register
 * the processor would have written for {@link ClaimsService}.
 */
@EnableWeld
class StewardCapabilityResourceTest {

    private static final String HASH = "c".repeat(64);

    private final ClassLoader original = Thread.currentThread().getContextClassLoader();

    // before the configuration, which is registered for the thread's class loader
    private final URLClassLoader application = applicationLoader(true);

    private final TestConfig config = TestConfig.install(withAuditRoles(TestConfig.baseline()));

    @WeldSetup
    WeldInitiator weld = WeldInitiator.from(new Weld()
                    .disableDiscovery()
                    .addExtension(new StewardExtension())
                    .addBeanClasses(ClaimsService.class, TestProvider.class, TestSecurityContext.class))
            .build();

    @Inject
    TestSecurityContext security;

    private final StewardCapabilityResource resource = new StewardCapabilityResource();

    @AfterEach
    void restore() throws IOException {
        config.release();
        Thread.currentThread().setContextClassLoader(original);
        application.close();
    }

    @Test
    void servesTheRegisterMergedWithTheConfigurationAsItIsNow() {
        security.login("auditor1", "compliance");

        List<CapabilityView> before = resource.capabilities();

        assertThat(before)
                .extracting(CapabilityView::name)
                .containsExactly("claims.adjust", "claims.classify", "claims.summarize");
        CapabilityView summarize = before.get(2);
        assertThat(summarize.enabled()).isTrue();
        assertThat(summarize.source()).isEqualTo(ClaimsService.class.getName() + "#summarize");
        assertThat(summarize.owner()).isEqualTo("claims-team");
        assertThat(summarize.fallback()).isEqualTo("summaryUnavailable");
        assertThat(summarize.prompt().version()).isEqualTo("v2");
        assertThat(summarize.prompt().sha256()).isEqualTo(HASH);
        assertThat(summarize.prompt().chosenBy()).isEqualTo("latest");
        assertThat(summarize.prompt().canaryVersion()).isNull();
        assertThat(summarize.prompt().versions())
                .extracting(CapabilityView.Version::version)
                .containsExactly("v1", "v2");

        // an operator pins the old version, starts a canary, caps tenants and switches the capability off
        config.set("steward.capability.claims.summarize.prompt.version", "v1");
        config.set("steward.capability.claims.summarize.prompt.canary.version", "v2");
        config.set("steward.capability.claims.summarize.prompt.canary.percent", "5");
        config.set("steward.capability.claims.summarize.ceiling.per-tenant", "1000 tokens");
        config.set("steward.capability.claims.summarize.enabled", "false");

        CapabilityView after = resource.capabilities().get(2);
        assertThat(after.enabled()).isFalse();
        assertThat(after.prompt().version()).isEqualTo("v1");
        assertThat(after.prompt().sha256()).isEqualTo("d".repeat(64));
        assertThat(after.prompt().chosenBy()).isEqualTo("configuration");
        assertThat(after.prompt().canaryVersion()).isEqualTo("v2");
        assertThat(after.prompt().canaryPercent()).isEqualTo(5.0);
        assertThat(after.ceilings().perTenant()).isEqualTo("1000 tokens");
        assertThat(after.ceilings().perCall()).isEqualTo("100 tokens");
    }

    @Test
    void refusesAnonymousCallersAndCallersWithoutAnAuditRole() {
        assertThat(refusal(401, resource::capabilities).error()).isEqualTo("unauthenticated");

        security.login("adjuster1", "adjuster");

        ErrorView refused = refusal(403, resource::capabilities);
        assertThat(refused.error()).isEqualTo("register-not-allowed");
        assertThat(refused.message()).contains("[compliance]");
    }

    @Test
    void saysSoWhenTheApplicationWasCompiledWithoutTheProcessor() throws IOException {
        security.login("auditor1", "compliance");
        try (URLClassLoader without = applicationLoader(false)) {
            ErrorView refused = refusal(501, resource::capabilities);
            assertThat(refused.error()).isEqualTo("register-not-generated");
            assertThat(refused.message()).contains("steward-register");
        } finally {
            Thread.currentThread().setContextClassLoader(application);
        }
    }

    private URLClassLoader applicationLoader(boolean withRegister) {
        try {
            Path root = Files.createTempDirectory("register");
            root.toFile().deleteOnExit();
            if (withRegister) {
                Path file = root.resolve(CapabilityRegister.RESOURCE);
                Files.createDirectories(file.getParent());
                Files.writeString(file, register().toJson());
            }
            // the register is only in this loader; the rest comes from the test's own
            URLClassLoader loader = new URLClassLoader(new URL[] {root.toUri().toURL()}, original) {
                @Override
                public java.util.Enumeration<URL> getResources(String name) throws IOException {
                    return CapabilityRegister.RESOURCE.equals(name) ? findResources(name) : super.getResources(name);
                }
            };
            Thread.currentThread().setContextClassLoader(loader);
            return loader;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static CapabilityRegister register() {
        RegisteredCapability.Prompt summarizePrompt = new RegisteredCapability.Prompt(
                "claims.summarize",
                null,
                List.of(
                        new RegisteredCapability.PromptVersion("v1", "d".repeat(64)),
                        new RegisteredCapability.PromptVersion("v2", HASH)));
        return CapabilityRegister.of(List.of(
                new RegisteredCapability(
                        "claims.summarize",
                        ClaimsService.class.getName() + "#summarize",
                        "claims-team",
                        "LOW",
                        List.of(),
                        "default",
                        null,
                        new RegisteredCapability.Ceilings("100 tokens", null, null, "DAY", "REJECT", null),
                        "summaryUnavailable",
                        List.of(),
                        summarizePrompt),
                capability("claims.adjust", "proposeAdjustment"),
                capability("claims.classify", "classify")));
    }

    private static RegisteredCapability capability(String name, String method) {
        return new RegisteredCapability(
                name,
                ClaimsService.class.getName() + "#" + method,
                null,
                "LOW",
                List.of(),
                "default",
                null,
                null,
                null,
                List.of(),
                new RegisteredCapability.Prompt(name, null, List.of()));
    }

    private static Map<String, String> withAuditRoles(Map<String, String> values) {
        values.put("steward.cdi.rest.audit-roles", "compliance");
        return values;
    }

    private static ErrorView refusal(int status, Executable call) {
        WebApplicationException refused = catchThrowableOfType(WebApplicationException.class, call::execute);
        assertThat(refused).as("the call is refused").isNotNull();
        assertThat(refused.getResponse().getStatus()).isEqualTo(status);
        return (ErrorView) refused.getResponse().getEntity();
    }
}
