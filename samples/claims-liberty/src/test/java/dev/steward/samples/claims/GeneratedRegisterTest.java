package dev.steward.samples.claims;

import static org.assertj.core.api.Assertions.assertThat;

import dev.steward.core.prompt.PromptHash;
import dev.steward.core.register.CapabilityRegister;
import dev.steward.core.register.RegisteredCapability;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** The build's compile step wrote the register of the sample's four capabilities, and its readable page. */
class GeneratedRegisterTest {

    private final ClassLoader loader = GeneratedRegisterTest.class.getClassLoader();

    @Test
    void registersTheFourCapabilitiesWithTheirPromptHashes() throws IOException {
        CapabilityRegister register = CapabilityRegister.load(loader);

        assertThat(register.capabilities())
                .extracting(RegisteredCapability::name)
                .containsExactly(
                        "claims.draft-letter", "claims.propose-settlement", "claims.summarize", "claims.triage");
        RegisteredCapability letter = register.capabilities().get(0);
        assertThat(letter.source()).isEqualTo(ClaimAssistant.class.getName() + "#draftLetter");
        assertThat(letter.risk()).isEqualTo("HIGH");
        assertThat(letter.dataClasses()).containsExactly("PII");
        assertThat(letter.route()).isEqualTo("letters");
        assertThat(letter.approval()).isEqualTo(new RegisteredCapability.Approval("supervisor", null, "P2D"));
        assertThat(letter.ceilings().perUser()).isEqualTo("600 tokens");
        assertThat(letter.ceilings().period()).isEqualTo("DAY");

        RegisteredCapability settlement = register.capabilities().get(1);
        assertThat(settlement.source()).isEqualTo(ClaimAssistant.class.getName() + "#proposeSettlement");
        assertThat(settlement.tools()).containsExactly("lookupPolicy", "issuePayment");
        assertThat(settlement.risk()).isEqualTo("HIGH");
        assertThat(settlement.route()).isEqualTo("settlement");
        assertThat(settlement.approval()).isNull();

        RegisteredCapability triage = register.capabilities().get(3);
        assertThat(triage.prompt().versions())
                .containsExactly(new RegisteredCapability.PromptVersion("v1", PromptHash.of(text("v1"))));
    }

    @Test
    void writesAReadablePage() throws IOException {
        try (InputStream in = loader.getResourceAsStream(CapabilityRegister.PAGE)) {
            assertThat(in).isNotNull();
            assertThat(new String(in.readAllBytes(), StandardCharsets.UTF_8))
                    .contains("# Capability register")
                    .contains("## claims.draft-letter")
                    .contains("- Approval: role `supervisor`, every answer, expires after P2D");
        }
    }

    private String text(String version) throws IOException {
        try (InputStream in =
                loader.getResourceAsStream("META-INF/steward/prompts/claims.triage/" + version + ".txt")) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }
}
