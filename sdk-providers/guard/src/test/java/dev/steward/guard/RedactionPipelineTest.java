package dev.steward.guard;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.steward.api.AuditRecord;
import dev.steward.api.CallerContext;
import dev.steward.api.InferenceRequest;
import dev.steward.api.InferenceResponse;
import dev.steward.api.Outcome;
import dev.steward.api.RedactionFailedException;
import dev.steward.api.TokenUsage;
import dev.steward.api.annotation.DataClass;
import dev.steward.api.spi.InferenceProvider;
import dev.steward.api.spi.Redactor;
import dev.steward.core.CapabilityDefinition;
import dev.steward.core.GovernedCapability;
import dev.steward.core.Steward;
import dev.steward.core.audit.InMemoryAuditSink;
import dev.steward.core.config.ConfigValues;
import dev.steward.core.prompt.InMemoryPromptRegistry;
import dev.steward.guard.redact.Redaction;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalDouble;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** A real pipeline with the guard's redaction: what the provider receives, what the caller gets, what is audited. */
class RedactionPipelineTest {

    private static final CallerContext ADJUSTER = new CallerContext("adjuster1", Set.of("adjuster"), "acme", "c-1");
    private static final String CLAIM = "Claimant Jane Roe (jane.roe@example.org, +44 20 7123 4567) asks us to pay"
            + " the repair into DE89 3704 0044 0532 0130 00; Jane Roe confirmed the IBAN DE89 3704 0044 0532 0130 00.";

    private final InMemoryAuditSink audit = new InMemoryAuditSink(100);
    private final Recording provider = new Recording();
    private Steward steward;

    /** Answers by echoing the user message, so the caller's answer shows what restoring did. */
    static final class Recording implements InferenceProvider {
        final List<InferenceRequest> requests = new CopyOnWriteArrayList<>();

        @Override
        public String name() {
            return "recording";
        }

        @Override
        public InferenceResponse infer(InferenceRequest request) {
            requests.add(request);
            return new InferenceResponse(
                    "Summary: " + request.messages().get(0).content(),
                    "m",
                    new TokenUsage(10, 10),
                    OptionalDouble.of(0.9));
        }
    }

    private GovernedCapability capability(Map<String, String> extra, Set<DataClass> classes, Redaction redaction) {
        Map<String, String> config = new HashMap<>(Map.of(
                "steward.route.default.providers", "recording",
                "steward.guard.injection.action", "off",
                "steward.guard.redaction.deny-list.PERSON", "Jane Roe, John Doe"));
        config.putAll(extra);
        ConfigValues values = ConfigValues.of(config);
        steward = Steward.builder()
                .config(values)
                .provider(provider)
                .discoverExtensions(false)
                .interceptor(new RedactionInterceptor(
                        redaction != null ? redaction : GuardInterceptorFactory.redaction(values)))
                .promptRegistry(new InMemoryPromptRegistry().put("claims.summarize", "v1", "Summarize: {{text}}"))
                .auditSink(audit)
                .build();
        return steward.capability(CapabilityDefinition.builder("claims.summarize")
                .parameterNames(List.of("text"))
                .dataClasses(classes)
                .build());
    }

    @AfterEach
    void close() throws Exception {
        if (steward != null) {
            steward.close();
        }
    }

    @Test
    void providerReceivesPlaceholdersStableWithinTheCallAndTheCallerGetsTheValuesBack() {
        GovernedCapability cap = capability(Map.of(), Set.of(DataClass.PII), null);

        String answer = cap.invoke(ADJUSTER, new Object[] {CLAIM}, null);

        InferenceRequest sent = provider.requests.get(0);
        String text = sent.messages().get(0).content();
        assertThat(text)
                .isEqualTo("Summarize: Claimant <PERSON_1> (<EMAIL_ADDRESS_1>, <PHONE_NUMBER_1>) asks us to pay the"
                        + " repair into <IBAN_CODE_1>; <PERSON_1> confirmed the IBAN <IBAN_CODE_1>.")
                .doesNotContain("Jane", "jane.roe", "7123", "DE89");
        assertThat(sent.variables().get("text").toString()).doesNotContain("Jane", "DE89", "7123", "jane.roe");
        assertThat(answer).isEqualTo("Summary: Summarize: " + CLAIM);
        AuditRecord record = audit.records().get(0);
        assertThat(record.tags())
                .containsEntry("steward.redaction", "redacted")
                .containsEntry("steward.redaction.PERSON", "1")
                .containsEntry("steward.redaction.IBAN_CODE", "1")
                .containsEntry("steward.redaction.PHONE_NUMBER", "1")
                .containsEntry("steward.redaction.EMAIL_ADDRESS", "1");
        assertThat(record.tags().toString()).doesNotContain("Jane", "DE89", "7123");
    }

    @Test
    void theDeploymentsOwnPatternBecomesAPlaceholderOfItsTypeAndIsRestoredInTheAnswer() {
        String claim = "Policy POL-123456 covers the bike; POL-654321 the car; POL-123456 again.";
        GovernedCapability cap = capability(
                Map.of("steward.guard.redaction.pattern.POLICY_NUMBER", "POL-\\d{6}"), Set.of(DataClass.PII), null);

        String answer = cap.invoke(ADJUSTER, new Object[] {claim}, null);

        assertThat(provider.requests.get(0).messages().get(0).content())
                .isEqualTo("Summarize: Policy <POLICY_NUMBER_1> covers the bike; <POLICY_NUMBER_2> the car;"
                        + " <POLICY_NUMBER_1> again.");
        assertThat(answer).isEqualTo("Summary: Summarize: " + claim);
        assertThat(audit.records().get(0).tags())
                .containsEntry("steward.redaction.POLICY_NUMBER", "2")
                .doesNotContainValue("POL-123456");
    }

    @Test
    void aFailingRedactorFailsTheCallClosedAndNothingReachesTheProvider() {
        Redactor broken = new Redactor() {
            @Override
            public String name() {
                return "broken";
            }

            @Override
            public List<Finding> find(String text) {
                throw new IllegalStateException("model not loaded");
            }
        };
        GovernedCapability cap = capability(Map.of(), Set.of(DataClass.PII), new Redaction(List.of(broken)));

        assertThatThrownBy(() -> cap.invoke(ADJUSTER, new Object[] {CLAIM}, null))
                .isInstanceOf(RedactionFailedException.class)
                .hasMessageContaining("broken")
                .hasMessageNotContaining("Jane")
                .satisfies(e ->
                        assertThat(((RedactionFailedException) e).redactor()).isEqualTo("broken"));
        assertThat(provider.requests).isEmpty();
        assertThat(audit.records().get(0).outcome()).isEqualTo(Outcome.FAILED);
        assertThat(audit.records().get(0).reason()).doesNotContain("Jane", "DE89");
    }

    @Test
    void aTrustedRouteReceivesTheInputAsItIsAndTheAuditSaysWhy() {
        GovernedCapability cap =
                capability(Map.of("steward.route.default.trusted", "true"), Set.of(DataClass.PII), null);

        cap.invoke(ADJUSTER, new Object[] {CLAIM}, null);

        assertThat(provider.requests.get(0).messages().get(0).content()).isEqualTo("Summarize: " + CLAIM);
        assertThat(audit.records().get(0).tags()).containsEntry("steward.redaction", "trusted-route");
    }

    @Test
    void aCapabilityThatDeclaresNoPersonalDataIsNotRedacted() {
        GovernedCapability cap = capability(Map.of(), Set.of(DataClass.CONFIDENTIAL), null);

        cap.invoke(ADJUSTER, new Object[] {CLAIM}, null);

        assertThat(provider.requests.get(0).messages().get(0).content()).contains("DE89 3704");
        assertThat(audit.records().get(0).tags()).doesNotContainKey("steward.redaction");
    }

    @Test
    void theSamePlaceholderIsRestoredEverywhereTheProviderRepeatsIt() {
        var placeholders = new dev.steward.guard.redact.Placeholders();
        String text = "IBAN DE89370400440532013000 and again DE89370400440532013000";
        String replaced = placeholders.replace(
                text, List.of(new Redactor.Finding(5, 27, "IBAN_CODE"), new Redactor.Finding(38, 60, "IBAN_CODE")));
        assertThat(replaced).isEqualTo("IBAN <IBAN_CODE_1> and again <IBAN_CODE_1>");
        assertThat(placeholders.restore("<IBAN_CODE_1>, <IBAN_CODE_1>, <IBAN_CODE_2>"))
                .isEqualTo("DE89370400440532013000, DE89370400440532013000, <IBAN_CODE_2>");
    }
}
