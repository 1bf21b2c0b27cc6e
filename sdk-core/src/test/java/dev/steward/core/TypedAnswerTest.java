package dev.steward.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.steward.api.Answer;
import dev.steward.api.ApprovalPendingException;
import dev.steward.api.Attempt;
import dev.steward.api.AuditRecord;
import dev.steward.api.ChatMessage;
import dev.steward.api.InferenceRequest;
import dev.steward.api.InferenceResponse;
import dev.steward.api.InvalidAnswerException;
import dev.steward.api.Outcome;
import dev.steward.api.TokenUsage;
import dev.steward.core.answer.AnswerType;
import dev.steward.core.answer.AnswerValidator;
import dev.steward.core.audit.InMemoryAuditSink;
import dev.steward.core.config.ConfigValues;
import dev.steward.core.prompt.InMemoryPromptRegistry;
import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Size;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** A capability that answers a record, an enum or a list: schema sent, answer read, validated, repaired once. */
class TypedAnswerTest {

    enum Team {
        FAST_TRACK,
        STANDARD,
        FRAUD_REVIEW
    }

    record Triage(
            Team team,
            @DecimalMin("0") @DecimalMax("1") double confidence,
            @Size(min = 1) List<String> reasons) {}

    private static final String VALID = "{\"team\":\"FRAUD_REVIEW\",\"confidence\":0.9,\"reasons\":[\"late report\"]}";
    private static final String TOO_CONFIDENT =
            "{\"team\":\"STANDARD\",\"confidence\":1.5,\"reasons\":[\"policyholder Jane Roe\"]}";

    private final InMemoryAuditSink audit = new InMemoryAuditSink(100);
    private final ScriptedProvider provider = new ScriptedProvider("p");
    private final Deque<String> script = new ArrayDeque<>();
    private Steward steward;

    private GovernedCapability capability(java.lang.reflect.Type type, AnswerValidator validator) {
        provider.behaves(r -> InferenceResponse.of(
                script.size() > 1 ? script.poll() : script.peek(), "model-p", new TokenUsage(10, 20)));
        Steward.Builder b = Steward.builder()
                .config(ConfigValues.of(Map.of()))
                .provider(provider)
                .promptRegistry(new InMemoryPromptRegistry().put("claims.triage", "v1", "Triage {{claim}}"))
                .auditSink(audit);
        if (validator != null) {
            b.answerValidator(validator);
        }
        steward = b.build();
        return steward.capability(CapabilityDefinition.builder("claims.triage")
                .parameterNames(List.of("claim"))
                .answerType(AnswerType.of(type, "claims.triage"))
                .build());
    }

    @AfterEach
    void stop() throws Exception {
        if (steward != null) {
            steward.close();
        }
    }

    private AuditRecord lastRecord() {
        List<AuditRecord> records = audit.records();
        return records.get(records.size() - 1);
    }

    @Test
    void readsARecordAnswerAndAsksForItsSchema() {
        script.add(VALID);
        Answer<?> answer = capability(Triage.class, null).answer(Callers.ADJUSTER, new Object[] {"C-1"}, null);

        assertThat(answer.value()).isEqualTo(new Triage(Team.FRAUD_REVIEW, 0.9, List.of("late report")));
        assertThat(answer.text()).isEqualTo(VALID);
        InferenceRequest sent = provider.lastRequest.get();
        assertThat(sent.responseSchema().name()).isEqualTo("Triage");
        assertThat(sent.responseSchema().json())
                .contains("\"team\":{\"type\":\"string\",\"enum\":[\"FAST_TRACK\",\"STANDARD\",\"FRAUD_REVIEW\"]}");
        // this provider has no structured output of its own, so the schema travels as instructions
        assertThat(sent.messages().get(0).content())
                .startsWith("Triage C-1")
                .contains("JSON Schema: " + sent.responseSchema().json());
        assertThat(lastRecord().outcome()).isEqualTo(Outcome.SUCCEEDED);
        assertThat(lastRecord().attempts()).hasSize(1);
    }

    @Test
    void repairsAnAnswerThatBreaksAConstraintOnceWithTheViolation() {
        script.add(TOO_CONFIDENT);
        script.add(VALID);
        GovernedCapability triage = capability(Triage.class, null);

        Answer<?> answer = triage.answer(Callers.ADJUSTER, new Object[] {"C-1"}, null);

        assertThat(answer.value()).isEqualTo(new Triage(Team.FRAUD_REVIEW, 0.9, List.of("late report")));
        List<ChatMessage> repair = provider.lastRequest.get().messages();
        assertThat(repair)
                .extracting(ChatMessage::role)
                .containsExactly(ChatMessage.Role.USER, ChatMessage.Role.ASSISTANT, ChatMessage.Role.USER);
        assertThat(repair.get(1).content()).isEqualTo(TOO_CONFIDENT);
        assertThat(repair.get(2).content()).contains("$.confidence: must be less than or equal to 1");
        AuditRecord record = lastRecord();
        assertThat(record.outcome()).isEqualTo(Outcome.SUCCEEDED);
        assertThat(record.attempts())
                .extracting(Attempt::result)
                .containsExactly(Attempt.Result.SUCCEEDED, Attempt.Result.SUCCEEDED);
        assertThat(record.usage()).isEqualTo(new TokenUsage(20, 40));
        assertThat(record.reason()).contains("model was asked to repair it").doesNotContain("Jane Roe");
        assertThat(record.tags()).containsEntry("steward.answer.repairs", "1");
    }

    @Test
    void failsTypedAfterOneRepairWithoutRepeatingTheAnswer() {
        script.add(TOO_CONFIDENT);
        GovernedCapability triage = capability(Triage.class, null);

        assertThatThrownBy(() -> triage.answer(Callers.ADJUSTER, new Object[] {"C-1"}, null))
                .isInstanceOfSatisfying(InvalidAnswerException.class, e -> {
                    assertThat(e.type()).endsWith("Triage");
                    assertThat(e.problem()).isEqualTo("$.confidence: must be less than or equal to 1");
                    assertThat(e.attempts()).hasSize(2);
                    assertThat(e.getMessage()).doesNotContain("Jane Roe").doesNotContain("1.5");
                });
        assertThat(provider.calls.get()).isEqualTo(2);
        AuditRecord record = lastRecord();
        assertThat(record.outcome()).isEqualTo(Outcome.FAILED);
        assertThat(record.attempts()).hasSize(2);
        assertThat(record.reason()).contains("not a valid").doesNotContain("Jane Roe");
    }

    @Test
    void repairsAnAnswerThatIsNotJsonOrHasTheWrongShape() {
        script.add("The claim looks like fraud.");
        script.add("```json\n{\"team\":\"FRAUD\",\"confidence\":\"high\",\"extra\":1}\n```");
        GovernedCapability triage = capability(Triage.class, null);

        assertThatThrownBy(() -> triage.answer(Callers.ADJUSTER, new Object[] {"C-1"}, null))
                .isInstanceOfSatisfying(
                        InvalidAnswerException.class,
                        e -> assertThat(e.problem())
                                .isEqualTo(
                                        "$.team: expected one of [FAST_TRACK, STANDARD, FRAUD_REVIEW], got another string;"
                                                + " $.confidence: expected a number, got a string; $.reasons: is missing; $: has 1"
                                                + " property that Triage does not have; its properties are [team, confidence,"
                                                + " reasons]"));
        assertThat(lastRecord().reason()).contains("the answer is not JSON at line 1");
    }

    @Test
    void readsEnumsAndListsWrappedInAnObject() {
        script.add("{\"value\":\"STANDARD\"}");
        assertThat(capability(Team.class, null)
                        .answer(Callers.ADJUSTER, new Object[] {"C-1"}, null)
                        .value())
                .isEqualTo(Team.STANDARD);
        assertThat(provider.lastRequest.get().responseSchema().json())
                .startsWith("{\"type\":\"object\",\"properties\":{\"value\":{\"type\":\"string\",\"enum\"");
    }

    @Test
    void checksEveryElementOfAListAgainstItsConstraints() throws Exception {
        script.add("{\"value\":[" + VALID + "," + TOO_CONFIDENT + "]}");
        java.lang.reflect.Type listOfTriage =
                TypedAnswerTest.class.getDeclaredMethod("listOfTriage").getGenericReturnType();
        GovernedCapability triage = capability(listOfTriage, null);

        assertThatThrownBy(() -> triage.answer(Callers.ADJUSTER, new Object[] {"C-1"}, null))
                .isInstanceOfSatisfying(
                        InvalidAnswerException.class,
                        e -> assertThat(e.problem())
                                .isEqualTo("$.value[1].confidence: must be less than or equal to 1"));
    }

    List<Triage> listOfTriage() {
        return List.of();
    }

    @Test
    void withoutAValidatorOnlyTheShapeIsChecked() {
        script.add(TOO_CONFIDENT);
        Answer<?> answer =
                capability(Triage.class, AnswerValidator.NONE).answer(Callers.ADJUSTER, new Object[] {"C-1"}, null);
        assertThat(((Triage) answer.value()).confidence()).isEqualTo(1.5);
    }

    @Test
    void theFallbackAnswersTheSameTypeWhenNoProviderAnswers() {
        GovernedCapability triage = capability(Triage.class, null);
        provider.fails(true);
        AnswerType type = triage.definition().answerType();

        Answer<?> answer = triage.answer(
                Callers.ADJUSTER,
                new Object[] {"C-1"},
                (args, cause) -> type.write(new Triage(Team.STANDARD, 0.0, List.of("manual triage"))));

        assertThat(answer.value()).isEqualTo(new Triage(Team.STANDARD, 0.0, List.of("manual triage")));
        assertThat(answer.degraded()).isTrue();
        assertThat(lastRecord().outcome()).isEqualTo(Outcome.DEGRADED);
    }

    @Test
    void theFallbackAnswersWhenTheRepairedAnswerIsStillInvalid() {
        script.add(TOO_CONFIDENT);
        GovernedCapability triage = capability(Triage.class, null);
        AnswerType type = triage.definition().answerType();

        java.util.concurrent.atomic.AtomicReference<Throwable> why =
                new java.util.concurrent.atomic.AtomicReference<>();
        Answer<?> answer = triage.answer(Callers.ADJUSTER, new Object[] {"C-1"}, (args, cause) -> {
            why.set(cause);
            return type.write(new Triage(Team.STANDARD, 0.0, List.of("manual triage")));
        });

        assertThat(why.get()).isInstanceOf(InvalidAnswerException.class);
        assertThat(answer.degraded()).isTrue();
        assertThat(answer.value()).isEqualTo(new Triage(Team.STANDARD, 0.0, List.of("manual triage")));
        assertThat(lastRecord().outcome()).isEqualTo(Outcome.DEGRADED);
        assertThat(lastRecord().reason()).contains("answered by the fallback").doesNotContain("Jane Roe");
    }

    @Test
    void aTypedAnswerHeldForApprovalIsReleasedAsItsType() {
        script.add(VALID);
        provider.behaves(r -> InferenceResponse.of(VALID, "model-p", new TokenUsage(1, 1)));
        steward = Steward.builder()
                .config(ConfigValues.of(Map.of()))
                .provider(provider)
                .promptRegistry(new InMemoryPromptRegistry().put("claims.triage", "v1", "Triage {{claim}}"))
                .auditSink(audit)
                .build();
        GovernedCapability triage = steward.capability(CapabilityDefinition.builder("claims.triage")
                .parameterNames(List.of("claim"))
                .answerType(AnswerType.of(Triage.class, "claims.triage"))
                .approval(new CapabilityDefinition.Approval("supervisor", 0.8, "P1D"))
                .build());

        String id;
        try {
            triage.answer(Callers.ADJUSTER, new Object[] {"C-1"}, null);
            throw new AssertionError("expected the answer to be held");
        } catch (ApprovalPendingException e) {
            id = e.approvalId();
        }
        steward.approvals().approve(id, Callers.SUPERVISOR, "fine");

        Object released =
                triage.definition().answerType().parse(steward.approvals().result(id));
        assertThat(released).isEqualTo(new Triage(Team.FRAUD_REVIEW, 0.9, List.of("late report")));
    }
}
