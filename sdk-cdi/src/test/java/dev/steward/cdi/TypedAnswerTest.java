package dev.steward.cdi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.steward.api.Answer;
import dev.steward.api.AuditRecord;
import dev.steward.api.InferenceResponse;
import dev.steward.api.InvalidAnswerException;
import dev.steward.api.Outcome;
import dev.steward.api.ProviderException;
import dev.steward.api.TokenUsage;
import dev.steward.cdi.support.TestConfig;
import dev.steward.cdi.support.TestProvider;
import dev.steward.cdi.support.TestSecurityContext;
import dev.steward.cdi.support.TriageService;
import dev.steward.cdi.support.TriageService.Team;
import dev.steward.cdi.support.TriageService.Triage;
import dev.steward.core.Steward;
import dev.steward.core.audit.AuditQuery;
import jakarta.inject.Inject;
import java.util.List;
import java.util.Map;
import org.jboss.weld.environment.se.Weld;
import org.jboss.weld.junit5.EnableWeld;
import org.jboss.weld.junit5.WeldInitiator;
import org.jboss.weld.junit5.WeldSetup;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** A CDI bean's capability method that returns a record: the model's JSON comes back as the record. */
@EnableWeld
class TypedAnswerTest {

    private final TestConfig config = TestConfig.install(withTriage());

    @WeldSetup
    WeldInitiator weld = WeldInitiator.from(new Weld()
                    .disableDiscovery()
                    .addExtension(new StewardExtension())
                    .addBeanClasses(TriageService.class, TestProvider.class, TestSecurityContext.class))
            .build();

    @Inject
    TriageService triage;

    @Inject
    TestProvider provider;

    @Inject
    TestSecurityContext security;

    @Inject
    Steward steward;

    private static Map<String, String> withTriage() {
        Map<String, String> m = TestConfig.baseline();
        // the baseline's capabilities are not declared here, and configuring an undeclared one fails deployment
        m.keySet().removeIf(k -> k.startsWith("steward.capability."));
        m.put("steward.capability.claims.triage.allowed-roles", "adjuster");
        m.put("steward.capability.claims.triage-detailed.allowed-roles", "adjuster");
        return m;
    }

    @BeforeEach
    void login() {
        security.login("adjuster1", "adjuster");
    }

    @AfterEach
    void releaseConfig() {
        config.release();
    }

    private void modelAnswers(String... texts) {
        List<String> script = List.of(texts);
        provider.answerWith(r -> InferenceResponse.of(
                script.get(Math.min(provider.requests().size() - 1, script.size() - 1)),
                "test-model",
                new TokenUsage(10, 5)));
    }

    private List<AuditRecord> records() {
        return steward.auditTrail().orElseThrow().search(new AuditQuery(null, null, null, null, 100));
    }

    @Test
    void returnsTheModelsAnswerAsTheRecord() {
        modelAnswers("{\"team\":\"FRAUD_REVIEW\",\"confidence\":0.8,\"reasons\":[\"second claim this month\"]}");

        Triage answer = triage.triage("C-9");

        assertThat(answer).isEqualTo(new Triage(Team.FRAUD_REVIEW, 0.8, List.of("second claim this month")));
        assertThat(provider.requests()).singleElement().satisfies(r -> {
            assertThat(r.responseSchema().name()).isEqualTo("Triage");
            assertThat(r.messages().get(0).content()).startsWith("Triage claim C-9");
        });
    }

    @Test
    void returnsTheRecordInsideAnAnswerWithTheModel() {
        modelAnswers("{\"team\":\"STANDARD\",\"confidence\":0.6,\"reasons\":[]}");

        Answer<Triage> answer = triage.triageDetailed("C-9");

        assertThat(answer.value().team()).isEqualTo(Team.STANDARD);
        assertThat(answer.model()).isEqualTo("test-model");
        assertThat(answer.degraded()).isFalse();
    }

    @Test
    void theFallbackMethodAnswersTheRecordWhenNoProviderAnswers() {
        provider.answerWith(r -> {
            throw ProviderException.retriable(TestProvider.NAME, "HTTP 503", null);
        });

        Triage answer = triage.triage("C-9");

        assertThat(answer.team()).isEqualTo(Team.STANDARD);
        assertThat(answer.reasons()).containsExactly("no model answered; triaged by the rules");
        assertThat(records()).last().extracting(AuditRecord::outcome).isEqualTo(Outcome.DEGRADED);
    }

    @Test
    void anAnswerThatStaysInvalidFailsTypedWithoutAFallback() {
        modelAnswers("{\"team\":\"NOBODY\",\"confidence\":0.6,\"reasons\":[]}");

        assertThatThrownBy(() -> triage.triageDetailed("C-9"))
                .isInstanceOf(InvalidAnswerException.class)
                .hasMessageContaining("$.team: expected one of [FAST_TRACK, STANDARD, FRAUD_REVIEW]")
                .hasMessageNotContaining("NOBODY");
        assertThat(provider.requests()).hasSize(2);
        assertThat(records()).last().satisfies(r -> {
            assertThat(r.outcome()).isEqualTo(Outcome.FAILED);
            assertThat(r.attempts()).hasSize(2);
        });
    }
}
