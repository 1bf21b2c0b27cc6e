package dev.steward.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.steward.api.ConfigurationException;
import dev.steward.api.TokenUsage;
import dev.steward.api.spi.InferenceProvider;
import dev.steward.api.spi.InferenceProviderFactory;
import dev.steward.api.spi.ProviderSettings;
import dev.steward.core.audit.InMemoryAuditSink;
import dev.steward.core.config.ConfigValues;
import dev.steward.core.prompt.InMemoryPromptRegistry;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * A capability that names no route uses the default route; without configuration that route is the only provider,
 * whether the provider is declared in a configuration file or by environment variables alone. With several
 * providers, startup names the key to set and the providers to list in it.
 */
class DefaultRouteTest {

    private static final String SOURCE = "com.example.Claims#summarize";

    /** Makes providers that answer the text of their {@code reply} key, so that reading a type key is visible. */
    static final class ReplyingFactory implements InferenceProviderFactory {
        @Override
        public String type() {
            return "replying";
        }

        @Override
        public Set<String> keys() {
            return Set.of("reply");
        }

        @Override
        public InferenceProvider create(ProviderSettings settings) {
            String reply = settings.require("reply");
            return new ScriptedProvider(settings.name()).answers(reply, "m", new TokenUsage(1, 1));
        }
    }

    private final InMemoryAuditSink audit = new InMemoryAuditSink(10);

    private Steward steward(ConfigValues config) {
        return Steward.builder()
                .config(config)
                .providerFactory(new ReplyingFactory())
                .discoverProviderFactories(false)
                .promptRegistry(new InMemoryPromptRegistry().put("claims.summarize", "v1", "Summarize {{claim}}"))
                .auditSink(audit)
                .build();
    }

    private static CapabilityDefinition summarize() {
        return CapabilityDefinition.builder("claims.summarize")
                .source(SOURCE)
                .parameterNames(List.of("claim"))
                .build();
    }

    private String ask(Steward steward) throws Exception {
        return steward.capability(summarize()).invoke(Callers.ADJUSTER, new Object[] {"C-1"}, null);
    }

    @Test
    void aCapabilityWithoutARouteUsesTheOnlyProviderOfAConfigurationFile() throws Exception {
        try (Steward steward = steward(ConfigValues.of(Map.of(
                "steward.provider.gateway.type", "replying", "steward.provider.gateway.reply", "from the file")))) {
            assertThat(ask(steward)).isEqualTo("from the file");
            assertThat(steward.routeProviders("default")).containsExactly("gateway");
        }
        assertThat(audit.records()).singleElement().satisfies(r -> {
            assertThat(r.route()).isEqualTo("default");
            assertThat(r.provider()).isEqualTo("gateway");
        });
    }

    @Test
    void aProviderDeclaredByEnvironmentVariablesAloneIsTheDefaultRouteToo() throws Exception {
        ConfigValues environment = ConfigValues.ofEnvironment(Map.of(
                "STEWARD_PROVIDER_GATEWAY_TYPE", "replying",
                "STEWARD_PROVIDER_GATEWAY_REPLY", "from the environment",
                "PATH", "/usr/bin"));
        try (Steward steward = steward(environment)) {
            assertThat(ask(steward)).isEqualTo("from the environment");
            assertThat(steward.routeProviders("default")).containsExactly("gateway");
            assertThatCode(steward::verifyEnvironmentVariables).doesNotThrowAnyException();
        }
    }

    @Test
    void aProviderNameFromAVariableIsItsLowerCaseWithUnderscoresKept() throws Exception {
        ConfigValues environment = ConfigValues.ofEnvironment(Map.of(
                "STEWARD_PROVIDER_MY_GATEWAY_TYPE", "replying",
                "STEWARD_PROVIDER_MY_GATEWAY_REPLY", "hello",
                "STEWARD_PROVIDER_MY_GATEWAY_TIMEOUT", "5s"));
        try (Steward steward = steward(environment)) {
            assertThat(ask(steward)).isEqualTo("hello");
            assertThat(steward.routeProviders("default")).containsExactly("my_gateway");
            assertThatCode(steward::verifyEnvironmentVariables).doesNotThrowAnyException();
        }
    }

    @Test
    void aMisspeltVariableOfAnEnvironmentDeclaredProviderFailsNamingTheRightOne() throws Exception {
        ConfigValues environment = ConfigValues.ofEnvironment(Map.of(
                "STEWARD_PROVIDER_GATEWAY_TYPE", "replying",
                "STEWARD_PROVIDER_GATEWAY_REPLY", "hello",
                "STEWARD_PROVIDER_GATEWAY_TIMOUT", "5s"));
        try (Steward steward = steward(environment)) {
            steward.capability(summarize());
            assertThatThrownBy(steward::verifyEnvironmentVariables)
                    .isInstanceOf(ConfigurationException.class)
                    .hasMessageStartingWith("STEWARD_PROVIDER_GATEWAY_TIMOUT: ")
                    .hasMessageContaining("STEWARD_PROVIDER_GATEWAY_TIMEOUT (steward.provider.gateway.timeout)");
        }
    }

    @Test
    void withSeveralProvidersAndNoRouteStartupNamesTheKeyAndTheProviders() throws Exception {
        try (Steward steward = steward(ConfigValues.of(Map.of(
                "steward.provider.primary.type", "replying",
                "steward.provider.primary.reply", "p",
                "steward.provider.backup.type", "replying",
                "steward.provider.backup.reply", "b")))) {
            assertThatThrownBy(() -> steward.capability(summarize()))
                    .isInstanceOf(ConfigurationException.class)
                    .hasMessageStartingWith(SOURCE + " route: ")
                    .hasMessageContaining("2 providers are [backup, primary]")
                    .hasMessageContaining("set steward.route.default.providers")
                    .hasMessageContaining("steward.route.default.providers=backup,primary")
                    .hasMessageContaining("steward.capability.claims.summarize.route");
        }
    }

    @Test
    void withSeveralProvidersARouteDeclaredByAVariableAloneChoosesTheOrder() throws Exception {
        ConfigValues environment = ConfigValues.ofEnvironment(Map.of(
                "STEWARD_PROVIDER_PRIMARY_TYPE", "replying",
                "STEWARD_PROVIDER_PRIMARY_REPLY", "p",
                "STEWARD_PROVIDER_BACKUP_TYPE", "replying",
                "STEWARD_PROVIDER_BACKUP_REPLY", "b",
                "STEWARD_ROUTE_DEFAULT_PROVIDERS", "primary,backup"));
        try (Steward steward = steward(environment)) {
            assertThat(ask(steward)).isEqualTo("p");
            assertThat(steward.routeProviders("default")).containsExactly("primary", "backup");
            assertThatCode(steward::verifyEnvironmentVariables).doesNotThrowAnyException();
        }
    }

    @Test
    void withoutAnyProviderStartupSaysHowToDeclareOne() throws Exception {
        try (Steward steward = steward(ConfigValues.of(Map.of()))) {
            assertThatThrownBy(() -> steward.capability(summarize()))
                    .isInstanceOf(ConfigurationException.class)
                    .hasMessageStartingWith(SOURCE + " route: ")
                    .hasMessageContaining("no provider is configured")
                    .hasMessageContaining("steward.provider.<name>.type");
        }
    }

    @Test
    void aRouteTheCapabilityNamesIsNeverReplacedByTheOnlyProvider() throws Exception {
        try (Steward steward = steward(ConfigValues.of(
                Map.of("steward.provider.gateway.type", "replying", "steward.provider.gateway.reply", "r")))) {
            assertThatThrownBy(() -> steward.capability(CapabilityDefinition.builder("claims.summarize")
                            .source(SOURCE)
                            .route("premium")
                            .parameterNames(List.of("claim"))
                            .build()))
                    .hasMessageContaining("unknown route 'premium'")
                    .hasMessageContaining("set steward.route.premium.providers")
                    .hasMessageContaining("[gateway]");
        }
    }
}
