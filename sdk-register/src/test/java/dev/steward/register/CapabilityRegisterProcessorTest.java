package dev.steward.register;

import static org.assertj.core.api.Assertions.assertThat;

import dev.steward.core.prompt.PromptHash;
import dev.steward.core.register.CapabilityRegister;
import dev.steward.core.register.RegisteredCapability;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import javax.tools.Diagnostic;
import javax.tools.JavaFileObject;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CapabilityRegisterProcessorTest {

    private static final String CLAIMS = """
            package dev.example;

            import dev.steward.api.Answer;
            import dev.steward.api.annotation.AiCapability;
            import dev.steward.api.annotation.CostCeiling;
            import dev.steward.api.annotation.DataClass;
            import dev.steward.api.annotation.RequiresApproval;
            import dev.steward.api.annotation.RiskTier;

            @CostCeiling(perUser = "2.00 USD", period = CostCeiling.Period.MONTH)
            public class Claims {

                @AiCapability(value = "claims.triage", route = "triage", risk = RiskTier.MEDIUM,
                        dataClasses = {DataClass.PII, DataClass.CONFIDENTIAL}, fallback = "byRules",
                        owner = "claims-operations")
                @RequiresApproval(role = "supervisor", belowConfidence = 0.6, expiry = "P2D")
                @CostCeiling(perCall = "500 tokens", perTenant = "100000 tokens")
                public Answer triage(String description) {
                    return null;
                }

                String byRules(String description) {
                    return "other";
                }

                @AiCapability(value = "claims.summarize", prompt = "summaries", promptVersion = "v1")
                public String summarize(String description) {
                    return null;
                }
            }
            """;

    @Test
    void writesEveryCapabilityWithItsPromptVersionsAndHashes(@TempDir Path dir) {
        Path resources = dir.resolve("resources");
        Compilation.prompt(resources, "claims.triage", "v1", "{{description}}");
        Compilation.prompt(resources, "claims.triage", "v2", "Triage this claim: {{description}}");
        Compilation.prompt(resources, "summaries", "v1", "Summarize: {{description}}");

        Compilation c = new Compilation(dir)
                .source(CLAIMS)
                .option(CapabilityRegisterProcessor.RESOURCES_OPTION, resources.toString())
                .run();

        assertThat(c.errors()).isEmpty();
        assertThat(c.success).isTrue();
        CapabilityRegister register =
                CapabilityRegister.parse(c.output(CapabilityRegister.RESOURCE).orElseThrow());
        assertThat(register.capabilities())
                .extracting(RegisteredCapability::name)
                .containsExactly("claims.summarize", "claims.triage");
        RegisteredCapability triage = register.capabilities().get(1);
        assertThat(triage)
                .isEqualTo(new RegisteredCapability(
                        "claims.triage",
                        "dev.example.Claims#triage",
                        "claims-operations",
                        "MEDIUM",
                        List.of("PII", "CONFIDENTIAL"),
                        "triage",
                        new RegisteredCapability.Approval("supervisor", 0.6, "P2D"),
                        new RegisteredCapability.Ceilings("500 tokens", null, "100000 tokens", "DAY", "REJECT", null),
                        "byRules",
                        List.of(),
                        new RegisteredCapability.Prompt(
                                "claims.triage",
                                null,
                                List.of(
                                        new RegisteredCapability.PromptVersion("v1", PromptHash.of("{{description}}")),
                                        new RegisteredCapability.PromptVersion(
                                                "v2", PromptHash.of("Triage this claim: {{description}}"))))));
        RegisteredCapability summarize = register.capabilities().get(0);
        // the class-level ceiling applies where the method declares none
        assertThat(summarize.ceilings())
                .isEqualTo(new RegisteredCapability.Ceilings(null, "2.00 USD", null, "MONTH", "REJECT", null));
        assertThat(summarize.owner()).isNull();
        assertThat(summarize.approval()).isNull();
        assertThat(summarize.prompt().declaredVersion()).isEqualTo("v1");
        assertThat(c.output(CapabilityRegister.PAGE).orElseThrow())
                .contains("## claims.triage")
                .contains("- Owner: claims-operations")
                .contains("- Declared by: `dev.example.Claims#triage`");
    }

    @Test
    void readsPromptsFromTheClassOutputWhereTheBuildCopiedTheResources(@TempDir Path dir) {
        Compilation c = new Compilation(dir);
        Compilation.prompt(c.output, "claims.triage", "v1", "{{description}}");
        Compilation.prompt(c.output, "summaries", "v1", "{{description}}");

        c.source(CLAIMS).run();

        assertThat(c.errors()).isEmpty();
        assertThat(CapabilityRegister.parse(
                                c.output(CapabilityRegister.RESOURCE).orElseThrow())
                        .capabilities()
                        .get(1)
                        .prompt()
                        .versions())
                .containsExactly(new RegisteredCapability.PromptVersion("v1", PromptHash.of("{{description}}")));
    }

    @Test
    void recordsNoOwnerWhenTheAnnotationPredatesTheAttribute(@TempDir Path dir) {
        // an application compiled against an older steward-api: the processor reads what is there
        String source = """
                package dev.example;
                import dev.steward.api.annotation.AiCapability;
                public class Plain {
                    @AiCapability("plain.ask")
                    public String ask(String q) { return q; }
                }
                """;
        Path resources = dir.resolve("r");
        Compilation.prompt(resources, "plain.ask", "1", "{{q}}");

        Compilation c = new Compilation(dir)
                .source(source)
                .option(CapabilityRegisterProcessor.RESOURCES_OPTION, resources.toString())
                .run();

        RegisteredCapability ask = CapabilityRegister.parse(
                        c.output(CapabilityRegister.RESOURCE).orElseThrow())
                .capabilities()
                .get(0);
        assertThat(ask.owner()).isNull();
        assertThat(ask.tools()).isEmpty();
        assertThat(ask.route()).isEqualTo("default");
        assertThat(ask.risk()).isEqualTo("LOW");
    }

    @Test
    void approvalOnAToolIsAccepted(@TempDir Path dir) {
        String source = """
                package dev.example;
                import dev.steward.api.annotation.AiTool;
                import dev.steward.api.annotation.RequiresApproval;
                public class Payments {
                    @AiTool(description = "Pays a claim")
                    @RequiresApproval(role = "supervisor")
                    public String pay(String claimId) { return claimId; }
                }
                """;

        Compilation c = new Compilation(dir).source(source).run();

        assertThat(c.success).as(c.diagnostics.toString()).isTrue();
    }

    @Test
    void approvalWithoutCapabilityIsAnErrorAtTheAnnotation(@TempDir Path dir) {
        String source = """
                package dev.example;
                import dev.steward.api.annotation.RequiresApproval;
                import dev.steward.api.annotation.CostCeiling;
                public class Loose {
                    @RequiresApproval(role = "supervisor")
                    public String decide(String q) { return q; }

                    @CostCeiling(perCall = "10 tokens")
                    public String spend(String q) { return q; }
                }
                """;

        Compilation c = new Compilation(dir).source(source).run();

        assertThat(c.success).isFalse();
        assertError(
                c,
                source,
                "@RequiresApproval(role",
                "@RequiresApproval on dev.example.Loose#decide has no effect without @AiCapability or @AiTool");
        assertError(
                c,
                source,
                "@CostCeiling(perCall",
                "a method-level @CostCeiling on dev.example.Loose#spend has no effect without @AiCapability");
    }

    @Test
    void aMissingOrIncompatibleFallbackIsAnErrorAtItsValue(@TempDir Path dir) {
        String source = """
                package dev.example;
                import dev.steward.api.annotation.AiCapability;
                public class Fallbacks {
                    @AiCapability(value = "a.one", prompt = "p",
                            fallback = "nowhere")
                    public String one(String q) { return q; }

                    @AiCapability(value = "a.two", prompt = "p",
                            fallback = "wrongType")
                    public String two(String q) { return q; }

                    Integer wrongType(String q) { return 1; }

                    @AiCapability(value = "a.three", prompt = "p",
                            fallback = "otherParameters")
                    public String three(String q) { return q; }

                    String otherParameters(int q) { return ""; }
                }
                """;
        Path resources = dir.resolve("r");
        Compilation.prompt(resources, "p", "v1", "{{q}}");

        Compilation c = new Compilation(dir)
                .source(source)
                .option(CapabilityRegisterProcessor.RESOURCES_OPTION, resources.toString())
                .run();

        assertError(
                c,
                source,
                "fallback = \"nowhere\"",
                "fallback of dev.example.Fallbacks#one names no method nowhere(java.lang.String) on"
                        + " dev.example.Fallbacks");
        assertError(
                c,
                source,
                "fallback = \"wrongType\"",
                "fallback wrongType(java.lang.String) of dev.example.Fallbacks#two returns java.lang.Integer but the"
                        + " capability method returns java.lang.String");
        assertError(c, source, "fallback = \"otherParameters\"", "names no method otherParameters(java.lang.String)");
        assertThat(c.output(CapabilityRegister.RESOURCE)).isEmpty();
    }

    @Test
    void promptProblemsAreErrorsAtThePromptAndVersion(@TempDir Path dir) throws IOException {
        String source = """
                package dev.example;
                import dev.steward.api.annotation.AiCapability;
                public class Prompts {
                    @AiCapability(value = "p.none", prompt = "nothing-here")
                    public String none(String q) { return q; }

                    @AiCapability(value = "p.pinned", prompt = "listed", promptVersion = "v7")
                    public String pinned(String q) { return q; }

                    @AiCapability(value = "p.variables", prompt = "other-variable")
                    public String variables(String q) { return q; }

                    @AiCapability(value = "p.missing", prompt = "missing-file")
                    public String missing(String q) { return q; }
                }
                """;
        Path resources = dir.resolve("r");
        Compilation.prompt(resources, "listed", "v1", "{{q}}");
        Compilation.prompt(resources, "other-variable", "v1", "{{question}}");
        Compilation.prompt(resources, "missing-file", "v1", "{{q}}");
        java.nio.file.Files.writeString(
                resources.resolve("META-INF/steward/prompts/missing-file/versions"), "v1\nv2\n");

        Compilation c = new Compilation(dir)
                .source(source)
                .option(CapabilityRegisterProcessor.RESOURCES_OPTION, resources.toString())
                .run();

        assertError(
                c,
                source,
                "prompt = \"nothing-here\"",
                "prompt 'nothing-here' of dev.example.Prompts#none has no versions in the prompt registry");
        assertError(
                c,
                source,
                "promptVersion = \"v7\"",
                "promptVersion 'v7' of dev.example.Prompts#pinned is not a version of prompt 'listed'; the registry"
                        + " lists [v1]");
        assertError(
                c,
                source,
                "prompt = \"other-variable\"",
                "prompt other-variable/v1 uses variable {{question}} but the parameters are [q]");
        assertError(c, source, "prompt = \"missing-file\"", "lists 'v2' but there is no v2.txt or v2.md");
    }

    @Test
    void aPromptWithoutVersionsIsOnlyAWarningWhenPromptsLiveElsewhere(@TempDir Path dir) {
        String source = """
                package dev.example;
                import dev.steward.api.annotation.AiCapability;
                public class Remote {
                    @AiCapability("remote.ask")
                    public String ask(String q) { return q; }
                }
                """;

        Compilation c = new Compilation(dir)
                .source(source)
                .option(CapabilityRegisterProcessor.REQUIRE_PROMPTS_OPTION, "false")
                .run();

        assertThat(c.errors()).isEmpty();
        assertThat(c.warnings())
                .extracting(d -> d.getMessage(Locale.ROOT))
                .anyMatch(m -> m.contains("prompt 'remote.ask' of dev.example.Remote#ask has no versions"));
        assertThat(CapabilityRegister.parse(
                                c.output(CapabilityRegister.RESOURCE).orElseThrow())
                        .capabilities()
                        .get(0)
                        .prompt()
                        .versions())
                .isEmpty();
    }

    @Test
    void impossibleCeilingsAndApprovalsAreErrorsAtTheirValues(@TempDir Path dir) {
        String source = """
                package dev.example;
                import dev.steward.api.annotation.AiCapability;
                import dev.steward.api.annotation.CostCeiling;
                import dev.steward.api.annotation.RequiresApproval;
                public class Limits {
                    @AiCapability(value = "l.zero", prompt = "p")
                    @CostCeiling(perCall = "0 tokens")
                    public String zero(String q) { return q; }

                    @AiCapability(value = "l.garbled", prompt = "p")
                    @CostCeiling(perUser = "lots")
                    public String garbled(String q) { return q; }

                    @AiCapability(value = "l.call", prompt = "p")
                    @CostCeiling(perUser = "10 tokens", period = CostCeiling.Period.CALL)
                    public String call(String q) { return q; }

                    @AiCapability(value = "l.degrade", prompt = "p")
                    @CostCeiling(perCall = "10 tokens", onExceeded = CostCeiling.OnExceeded.DEGRADE)
                    public String degrade(String q) { return q; }

                    @AiCapability(value = "l.currencies", prompt = "p")
                    @CostCeiling(perCall = "1 USD", perUser = "5 EUR")
                    public String currencies(String q) { return q; }

                    @AiCapability(value = "l.approval", prompt = "p")
                    @RequiresApproval(role = " ", belowConfidence = 1.5, expiry = "two days")
                    public String approval(String q) { return q; }

                    @AiCapability(value = "l.expired", prompt = "p")
                    @RequiresApproval(role = "r", expiry = "PT0S")
                    public String expired(String q) { return q; }
                }
                """;
        Path resources = dir.resolve("r");
        Compilation.prompt(resources, "p", "v1", "{{q}}");

        Compilation c = new Compilation(dir)
                .source(source)
                .option(CapabilityRegisterProcessor.RESOURCES_OPTION, resources.toString())
                .run();

        assertError(
                c,
                source,
                "perCall = \"0 tokens\"",
                "@CostCeiling.perCall of dev.example.Limits#zero is '0 tokens'," + " which admits no call");
        assertError(c, source, "perUser = \"lots\"", "'lots' is not a ceiling");
        assertError(c, source, "period = CostCeiling.Period.CALL", "counts per user or per tenant over the CALL");
        assertError(c, source, "onExceeded = CostCeiling.OnExceeded.DEGRADE", "names no degradeRoute");
        assertError(c, source, "perUser = \"5 EUR\"", "mixes currencies [USD, EUR]");
        assertError(c, source, "role = \" \"", "@RequiresApproval.role of dev.example.Limits#approval must name");
        assertError(c, source, "role = \" \"", "belowConfidence of dev.example.Limits#approval must be in [0, 1]");
        assertError(c, source, "role = \" \"", "must be an ISO-8601 duration such as P2D, was 'two days'");
        assertError(c, source, "expiry = \"PT0S\"", "must be positive, was PT0S");
    }

    @Test
    void badNamesDuplicatesAndUninterceptableMethodsAreErrors(@TempDir Path dir) {
        String source = """
                package dev.example;
                import dev.steward.api.annotation.AiCapability;
                public class Names {
                    @AiCapability(value = "Claims.Triage", prompt = "p")
                    public String upper(String q) { return q; }

                    @AiCapability(value = "same.name", prompt = "p")
                    public String first(String q) { return q; }

                    @AiCapability(value = "same.name", prompt = "p") // second
                    public String second(String q) { return q; }

                    @AiCapability(value = "static.one", prompt = "p")
                    public static String unreachable(String q) { return q; }
                }
                """;
        Path resources = dir.resolve("r");
        Compilation.prompt(resources, "p", "v1", "{{q}}");

        Compilation c = new Compilation(dir)
                .source(source)
                .option(CapabilityRegisterProcessor.RESOURCES_OPTION, resources.toString())
                .run();

        assertError(c, source, "\"Claims.Triage\"", "capability name 'Claims.Triage' of dev.example.Names#upper");
        assertError(
                c,
                source,
                "// second",
                "capability 'same.name' of dev.example.Names#second is already declared by dev.example.Names#first");
        assertError(c, source, "\"static.one\"", "dev.example.Names#unreachable is static or private");
        assertThat(c.errors()).hasSize(3);
    }

    // an error with the message, reported on the source line holding the text
    private static void assertError(Compilation c, String source, String lineText, String message) {
        long line = Compilation.lineOf(source, lineText);
        List<Diagnostic<? extends JavaFileObject>> errors = c.errors();
        assertThat(errors)
                .as(
                        "errors: %s",
                        errors.stream()
                                .map(d -> d.getLineNumber() + ": " + d.getMessage(Locale.ROOT))
                                .toList())
                .anySatisfy(d -> {
                    assertThat(d.getMessage(Locale.ROOT)).contains(message);
                    assertThat(d.getLineNumber()).isEqualTo(line);
                });
    }
}
