package dev.steward.guard;

import static org.assertj.core.api.Assertions.assertThat;

import dev.steward.api.AuditRecord;
import dev.steward.api.CallerContext;
import dev.steward.api.CaptureMode;
import dev.steward.api.CaptureRecord;
import dev.steward.core.CapabilityDefinition;
import dev.steward.core.GovernedCapability;
import dev.steward.core.Steward;
import dev.steward.core.audit.InMemoryAuditSink;
import dev.steward.core.config.ConfigValues;
import dev.steward.core.prompt.InMemoryPromptRegistry;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * With steward-guard on the class path, {@code capture=redacted} starts (the guard offers its redactors through
 * ServiceLoader) and keeps no value the guard's configuration redacts, although the caller's answer has them back.
 */
class RedactedCaptureTest {

    private static final CallerContext ADJUSTER = new CallerContext("adjuster1", Set.of("adjuster"), "acme", "c-1");
    private static final CallerContext AUDITOR = new CallerContext("auditor1", Set.of("auditor"), "acme", "c-2");

    @TempDir
    Path dir;

    @Test
    void redactedCaptureUsesTheGuardsConfiguredRedactors() throws Exception {
        Path file = dir.resolve("captures.jsonl");
        InMemoryAuditSink audit = new InMemoryAuditSink(10);
        try (Steward steward = Steward.builder()
                .config(ConfigValues.of(Map.of(
                        "steward.route.default.providers", "recording",
                        "steward.guard.injection.action", "off",
                        "steward.guard.redaction.deny-list.PERSON", "Jane Roe",
                        "steward.capability.claims.summarize.capture", "redacted",
                        "steward.capture.path", file.toString())))
                .provider(new RedactionPipelineTest.Recording())
                .promptRegistry(new InMemoryPromptRegistry().put("claims.summarize", "v1", "Summarize: {{text}}"))
                .auditSink(audit)
                .build()) {
            GovernedCapability cap = steward.capability(CapabilityDefinition.builder("claims.summarize")
                    .parameterNames(List.of("text"))
                    .build());

            String answer = cap.invoke(
                    ADJUSTER, new Object[] {"Jane Roe asks to be paid into DE89 3704 0044 0532 0130 00"}, null);

            assertThat(answer).contains("Jane Roe", "DE89 3704 0044 0532 0130 00");
            AuditRecord call = audit.records().get(0);
            CaptureRecord c = steward.captures().read(call.id(), AUDITOR).orElseThrow();
            assertThat(c.mode()).isEqualTo(CaptureMode.REDACTED);
            assertThat(c.prompt()).contains("<PERSON_1>", "<IBAN_CODE_1>").doesNotContain("Jane", "DE89");
            assertThat(c.answer()).contains("<PERSON_1>", "<IBAN_CODE_1>").doesNotContain("Jane", "DE89");
            assertThat(Files.readString(file)).doesNotContain("Jane", "DE89");
        }
    }
}
