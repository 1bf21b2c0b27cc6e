package dev.steward.core.register;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.steward.api.ConfigurationException;
import dev.steward.core.config.ConfigReader;
import dev.steward.core.config.ConfigValues;
import java.io.IOException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CapabilityRegisterTest {

    private static final String H1 = "a".repeat(64);
    private static final String H2 = "b".repeat(64);

    private static RegisteredCapability triage() {
        return new RegisteredCapability(
                "claims.triage",
                "dev.example.Claims#triage",
                "claims-team",
                "MEDIUM",
                List.of("PII"),
                "triage",
                new RegisteredCapability.Approval("supervisor", 0.6, "P2D"),
                new RegisteredCapability.Ceilings("500 tokens", "0.50 USD", null, "DAY", "REJECT", null),
                "triageByRules",
                List.of(),
                new RegisteredCapability.Prompt(
                        "claims.triage",
                        null,
                        List.of(
                                new RegisteredCapability.PromptVersion("v1", H1),
                                new RegisteredCapability.PromptVersion("v2", H2))));
    }

    private static RegisteredCapability summarize() {
        return new RegisteredCapability(
                "claims.summarize",
                "dev.example.Claims#summarize",
                null,
                "LOW",
                List.of(),
                "default",
                null,
                null,
                null,
                List.of(),
                new RegisteredCapability.Prompt(
                        "claims.summarize", "v1", List.of(new RegisteredCapability.PromptVersion("v1", H1))));
    }

    private static List<LiveCapability> live(Map<String, String> config) {
        return CapabilityRegister.of(List.of(triage(), summarize())).live(new ConfigReader(ConfigValues.of(config)));
    }

    @Test
    void survivesARoundTripThroughJsonOrderedByName() {
        CapabilityRegister register = CapabilityRegister.of(List.of(triage(), summarize()));

        CapabilityRegister read = CapabilityRegister.parse(register.toJson());

        assertThat(read).isEqualTo(register);
        assertThat(read.capabilities())
                .extracting(RegisteredCapability::name)
                .containsExactly("claims.summarize", "claims.triage");
        assertThat(register.toJson()).contains("\"format\" : 1").doesNotContain("null");
    }

    @Test
    void rejectsTextThatIsNoRegisterAndAnUnknownFormat() {
        assertThatThrownBy(() -> CapabilityRegister.parse("[1, 2]"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("not a capability register");
        assertThatThrownBy(() -> CapabilityRegister.parse("{\"format\": 7, \"capabilities\": []}"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("format 7");
    }

    @Test
    void loadsAndMergesTheRegistersOfEveryJar(@TempDir Path dir) throws IOException {
        Path a = dir.resolve("a/META-INF/steward");
        Path b = dir.resolve("b/META-INF/steward");
        Files.createDirectories(a);
        Files.createDirectories(b);
        Files.writeString(
                a.resolve("capabilities.json"),
                CapabilityRegister.of(List.of(triage())).toJson());
        Files.writeString(
                b.resolve("capabilities.json"),
                CapabilityRegister.of(List.of(summarize())).toJson());

        try (URLClassLoader loader = new URLClassLoader(
                new URL[] {
                    dir.resolve("a").toUri().toURL(), dir.resolve("b").toUri().toURL()
                },
                null)) {
            assertThat(CapabilityRegister.load(loader).capabilities())
                    .extracting(RegisteredCapability::name)
                    .containsExactly("claims.summarize", "claims.triage");
        }
    }

    @Test
    void namesTheResourceThatIsNoRegister(@TempDir Path dir) throws IOException {
        Files.createDirectories(dir.resolve("META-INF/steward"));
        Files.writeString(dir.resolve(CapabilityRegister.RESOURCE), "not json");

        try (URLClassLoader loader = new URLClassLoader(new URL[] {dir.toUri().toURL()}, null)) {
            assertThatThrownBy(() -> CapabilityRegister.load(loader))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("capabilities.json");
        }
    }

    @Test
    void pageListsEveryCapabilityWithItsPromptHashes() {
        String page = CapabilityRegister.of(List.of(triage(), summarize())).toMarkdown();

        assertThat(page)
                .contains("| claims.triage | claims-team | MEDIUM | PII | triage | supervisor | claims.triage |")
                .contains("| claims.summarize | — | LOW | — | default | — | claims.summarize |")
                .contains("- Declared by: `dev.example.Claims#triage`")
                .contains("role `supervisor`, answers below confidence 0.6, expires after P2D")
                .contains("500 tokens per call, 0.50 USD per user (period DAY)")
                .contains("| v2 | `" + H2 + "` |")
                .contains("version v1 pinned by the annotation");
        assertThat(CapabilityRegister.of(List.of()).toMarkdown()).contains("No capability is declared.");
    }

    @Test
    void withoutConfigurationTheLatestVersionAndTheDeclaredCeilingsHold() {
        LiveCapability triage = live(Map.of()).get(1);

        assertThat(triage.enabled()).isTrue();
        assertThat(triage.route()).isEqualTo("triage");
        assertThat(triage.prompt()).isEqualTo(new LiveCapability.ChosenPrompt("v2", H2, "latest"));
        assertThat(triage.canary()).isNull();
        assertThat(triage.ceilings()).isEqualTo(triage().ceilings());
        assertThat(live(Map.of()).get(0).prompt()).isEqualTo(new LiveCapability.ChosenPrompt("v1", H1, "annotation"));
    }

    @Test
    void configurationPinsTheVersionStartsACanaryOverridesCeilingsAndSwitchesOff() {
        LiveCapability triage = live(Map.of(
                        "steward.capability.claims.triage.prompt.version", "v1",
                        "steward.capability.claims.triage.prompt.canary.version", "v2",
                        "steward.capability.claims.triage.prompt.canary.percent", "10",
                        "steward.capability.claims.triage.ceiling.per-tenant", "100 tokens",
                        "steward.capability.claims.triage.ceiling.period", "hour",
                        "steward.capability.claims.triage.route", "other",
                        "steward.capability.claims.triage.enabled", "false"))
                .get(1);

        assertThat(triage.enabled()).isFalse();
        assertThat(triage.route()).isEqualTo("other");
        assertThat(triage.prompt()).isEqualTo(new LiveCapability.ChosenPrompt("v1", H1, "configuration"));
        assertThat(triage.canary()).isEqualTo(new LiveCapability.Canary("v2", H2, 10));
        assertThat(triage.ceilings())
                .isEqualTo(new RegisteredCapability.Ceilings(
                        "500 tokens", "0.50 USD", "100 tokens", "HOUR", "REJECT", null));
    }

    @Test
    void theGlobalSwitchTurnsEveryCapabilityOff() {
        assertThat(live(Map.of("steward.enabled", "false")))
                .extracting(LiveCapability::enabled)
                .containsOnly(false);
    }

    @Test
    void aPinTheRegisterDoesNotListHasNoHashAndABadCanaryPercentNamesItsKey() {
        assertThat(live(Map.of("steward.capability.claims.triage.prompt.version", "v9"))
                        .get(1)
                        .prompt())
                .isEqualTo(new LiveCapability.ChosenPrompt("v9", null, "configuration"));
        assertThatThrownBy(() -> live(Map.of(
                        "steward.capability.claims.triage.prompt.canary.version", "v2",
                        "steward.capability.claims.triage.prompt.canary.percent", "150")))
                .isInstanceOf(ConfigurationException.class)
                .hasMessageContaining("steward.capability.claims.triage.prompt.canary.percent");
    }
}
