package dev.steward.core.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.steward.api.ConfigurationException;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class EnvironmentKeysTest {

    private static final List<String> CAPABILITIES = List.of("claims.summarize", "claims.draft-letter");

    private final EnvironmentKeys keys = EnvironmentKeys.of(
            ConfigValues.of(Map.of(
                    "steward.route.summarize.providers", "gateway,local-llama",
                    "steward.price.gpt-4o-mini.input-per-1k", "0.00015 USD")),
            Map.of(
                    "gateway", union(ConfigKeys.PROVIDER_SETTINGS, Set.of("base-url", "model", "api-key")),
                    "local-llama", union(ConfigKeys.PROVIDER_SETTINGS, Set.of("model-path"))));

    @Test
    void spellsKeysAsMicroProfileConfigLooksThemUp() {
        assertThat(ConfigKeys.environmentName("steward.provider.local-llama.model-path"))
                .isEqualTo("STEWARD_PROVIDER_LOCAL_LLAMA_MODEL_PATH");
        assertThat(ConfigKeys.environmentName("steward.price.gpt-4.1.input-per-1k"))
                .isEqualTo("STEWARD_PRICE_GPT_4_1_INPUT_PER_1K");
    }

    @Test
    void acceptsEveryVariableThatSetsAKeyStewardReads() {
        assertThatCode(() -> keys.check(
                        List.of(
                                "STEWARD_ENABLED",
                                "STEWARD_AUDIT_WRITE_TIMEOUT",
                                "STEWARD_CAPABILITY_CLAIMS_SUMMARIZE_ENABLED",
                                "STEWARD_CAPABILITY_CLAIMS_SUMMARIZE_PROMPT_CANARY_PERCENT",
                                "STEWARD_CAPABILITY_CLAIMS_DRAFT_LETTER_MAX_OUTPUT_TOKENS",
                                "STEWARD_PROVIDER_LOCAL_LLAMA_MODEL_PATH",
                                "STEWARD_PROVIDER_LOCAL_LLAMA_RETRY_MAX_ATTEMPTS",
                                "STEWARD_PROVIDER_GATEWAY_BASE_URL",
                                "STEWARD_ROUTE_SUMMARIZE_PROVIDERS",
                                "STEWARD_PRICE_GPT_4O_MINI_OUTPUT_PER_1K"),
                        CAPABILITIES))
                .doesNotThrowAnyException();
    }

    @Test
    void ignoresVariablesOutsideItsPrefixAndThoseOfTheIntegrations() {
        assertThatCode(() -> keys.check(
                        List.of(
                                "PATH",
                                "STEWARDSHIP",
                                "STEWARD_IDENTITY_TENANT_SOURCE",
                                "STEWARD_CDI_REST_ENABLED",
                                "STEWARD_SPRING_REST_ENABLED"),
                        CAPABILITIES))
                .doesNotThrowAnyException();
    }

    @Test
    void rejectsAMisspeltCapabilityAndNamesTheVariableItMeant() {
        assertThatThrownBy(() -> keys.check(List.of("STEWARD_CAPABILITY_CLAIMS_SUMARIZE_ENABLED"), CAPABILITIES))
                .isInstanceOf(ConfigurationException.class)
                .hasMessageStartingWith("STEWARD_CAPABILITY_CLAIMS_SUMARIZE_ENABLED: ")
                .hasMessageContaining(
                        "STEWARD_CAPABILITY_CLAIMS_SUMMARIZE_ENABLED (steward.capability.claims.summarize.enabled)");
    }

    @Test
    void rejectsAnUnknownSettingOfADeclaredCapability() {
        assertThatThrownBy(() -> keys.check(List.of("STEWARD_CAPABILITY_CLAIMS_SUMMARIZE_ENABLE"), CAPABILITIES))
                .hasMessageContaining("STEWARD_CAPABILITY_CLAIMS_SUMMARIZE_ENABLED");
    }

    @Test
    void rejectsAMisspeltGlobalKey() {
        assertThatThrownBy(() -> keys.check(List.of("STEWARD_AUDIT_SNK"), CAPABILITIES))
                .hasMessageContaining("STEWARD_AUDIT_SINK (steward.audit.sink)");
    }

    @Test
    void rejectsASettingTheProvidersTypeDoesNotAccept() {
        assertThatThrownBy(() -> keys.check(List.of("STEWARD_PROVIDER_LOCAL_LLAMA_MODEL_PTH"), CAPABILITIES))
                .hasMessageContaining(
                        "STEWARD_PROVIDER_LOCAL_LLAMA_MODEL_PATH (steward.provider.local-llama.model-path)");
    }

    @Test
    void rejectsASettingOfAProviderThatNothingDeclares() {
        assertThatThrownBy(() -> keys.check(List.of("STEWARD_PROVIDER_OPENAI_BASE_URL"), CAPABILITIES))
                .hasMessageStartingWith("STEWARD_PROVIDER_OPENAI_BASE_URL: ")
                .hasMessageContaining("steward.provider.<name>.type in a configuration file, with the variable"
                        + " STEWARD_PROVIDER_<NAME>_TYPE");
    }

    @Test
    void rejectsAPriceThatOnlyTheEnvironmentDeclares() {
        assertThatThrownBy(() -> keys.check(List.of("STEWARD_PRICE_GPT_4O_INPUT_PER_1K"), CAPABILITIES))
                .hasMessageContaining("STEWARD_PRICE_GPT_4O_MINI_INPUT_PER_1K");
    }

    @Test
    void aVariableAloneDeclaresAProviderOrARouteNamedInLowerCase() {
        List<String> variables = List.of(
                "STEWARD_PROVIDER_GATEWAY_TYPE",
                "STEWARD_PROVIDER_GATEWAY_BASE_URL",
                "STEWARD_PROVIDER_MY_LLAMA_TYPE",
                "STEWARD_ROUTE_DEFAULT_PROVIDERS",
                "STEWARD_AUDIT_SINK");

        assertThat(EnvironmentKeys.declaredNames(variables, "provider", "type", List.of()))
                .containsExactly("gateway", "my_llama");
        assertThat(EnvironmentKeys.declaredNames(variables, "route", "providers", List.of()))
                .containsExactly("default");
    }

    @Test
    void aVariableOfANameAlreadyDeclaredDeclaresNothing() {
        // local-llama is declared by a key; its type variable sets that key, it does not declare local_llama
        assertThat(EnvironmentKeys.declaredNames(
                        List.of("STEWARD_PROVIDER_LOCAL_LLAMA_TYPE"),
                        "provider",
                        "type",
                        List.of("steward.provider.local-llama.type")))
                .isEmpty();
        // a setting that ends like the declaring one belongs to the shorter, declared name
        assertThat(EnvironmentKeys.declaredNames(
                        List.of("STEWARD_PROVIDER_GW_HEADER_TYPE", "STEWARD_PROVIDER_GW_TYPE"),
                        "provider",
                        "type",
                        List.of()))
                .containsExactly("gw");
    }

    @Test
    void aRouteDeclaredByAVariableAloneMayBeSet() {
        EnvironmentKeys withRoute = EnvironmentKeys.of(
                new ConfigValues() {
                    @Override
                    public java.util.Optional<String> get(String key) {
                        return java.util.Optional.empty();
                    }

                    @Override
                    public Iterable<String> keys() {
                        return List.of();
                    }

                    @Override
                    public Iterable<String> environmentVariables() {
                        return List.of("STEWARD_ROUTE_LETTERS_PROVIDERS");
                    }
                },
                Map.of());

        assertThatCode(() -> withRoute.check(List.of("STEWARD_ROUTE_LETTERS_PROVIDERS"), CAPABILITIES))
                .doesNotThrowAnyException();
    }

    private static Set<String> union(Set<String> a, Set<String> b) {
        Set<String> u = new HashSet<>(a);
        u.addAll(b);
        return u;
    }
}
