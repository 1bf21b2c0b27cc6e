package dev.steward.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.steward.api.Answer;
import dev.steward.api.ConfigurationException;
import dev.steward.api.InferenceUnavailableException;
import dev.steward.api.TokenUsage;
import dev.steward.api.annotation.AiCapability;
import dev.steward.api.annotation.AiTool;
import dev.steward.api.annotation.CostCeiling;
import dev.steward.api.annotation.RequiresApproval;
import dev.steward.core.config.ConfigValues;
import dev.steward.core.prompt.InMemoryPromptRegistry;
import java.lang.reflect.Method;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class GovernedMethodTest {

    static class Claims {
        @AiCapability(value = "claims.summarize", fallback = "offline")
        public String summarize(String text) {
            return "body never runs";
        }

        @AiCapability("claims.answer")
        public Answer answer(String text) {
            return null;
        }

        @SuppressWarnings("unused")
        private String offline(String text) {
            return "offline: " + text;
        }

        @AiCapability("claims.fields")
        public Map<String, Object> fields(String text) {
            return Map.of();
        }

        @AiCapability("claims.final")
        public final String sealed(String text) {
            return text;
        }

        @RequiresApproval(role = "supervisor")
        public String orphan(String text) {
            return text;
        }

        @CostCeiling(perCall = "1 USD")
        public String orphanCeiling(String text) {
            return text;
        }

        public String plain(String text) {
            return text;
        }

        @AiTool(name = "claims.lookup", description = "Looks a claim up")
        @RequiresApproval(role = "supervisor")
        public String lookup(String text) {
            return text;
        }
    }

    abstract static class Declared {
        @AiCapability("claims.abstract")
        public abstract String ask(String text);
    }

    private final ScriptedProvider provider = new ScriptedProvider("p");
    private Steward steward;

    @AfterEach
    void close() throws Exception {
        if (steward != null) {
            steward.close();
        }
    }

    private Steward steward() {
        steward = Steward.builder()
                .config(ConfigValues.of(Map.of(
                        "steward.capability.claims.summarize.allow-anonymous", "true",
                        "steward.capability.claims.answer.allow-anonymous", "true")))
                .provider(provider)
                .promptRegistry(new InMemoryPromptRegistry()
                        .put("claims.summarize", "v1", "Summarize: {{text}}")
                        .put("claims.answer", "v1", "Answer: {{text}}"))
                .build();
        return steward;
    }

    private static Method method(Class<?> type, String name) throws NoSuchMethodException {
        return type.getDeclaredMethod(name, String.class);
    }

    @Test
    void acceptsSoundDeclarationsAndIgnoresPlainMethods() throws Exception {
        assertThat(GovernedMethod.declarationProblem(method(Claims.class, "summarize")))
                .isEmpty();
        assertThat(GovernedMethod.declarationProblem(method(Claims.class, "answer")))
                .isEmpty();
        assertThat(GovernedMethod.declarationProblem(method(Claims.class, "plain")))
                .isEmpty();
        assertThat(GovernedMethod.declarationProblem(method(Claims.class, "lookup")))
                .as("@RequiresApproval on an @AiTool method")
                .isEmpty();
    }

    @Test
    void namesTheMethodOfEveryUnsoundDeclaration() throws Exception {
        String source = Claims.class.getName() + "#";
        assertThat(GovernedMethod.declarationProblem(method(Claims.class, "sealed")))
                .hasValueSatisfying(
                        p -> assertThat(p).startsWith(source + "sealed").contains("non-final"));
        assertThat(GovernedMethod.declarationProblem(method(Claims.class, "orphan")))
                .hasValueSatisfying(
                        p -> assertThat(p).startsWith(source + "orphan").contains("together with @AiCapability"));
        assertThat(GovernedMethod.declarationProblem(method(Claims.class, "orphanCeiling")))
                .hasValueSatisfying(p -> assertThat(p).startsWith(source + "orphanCeiling"));
        assertThat(GovernedMethod.declarationProblem(method(Declared.class, "ask")))
                .hasValueSatisfying(p -> assertThat(p)
                        .startsWith(Declared.class.getName() + "#ask")
                        .contains("implementing bean's method"));
    }

    @Test
    void invokesTheModelAndFallsBackToThePrivateFallback() throws Exception {
        provider.answers("short summary", "m", new TokenUsage(3, 2));
        GovernedMethod summarize =
                GovernedMethod.compose(steward(), method(Claims.class, "summarize"), () -> Callers.ANONYMOUS);
        assertThat(summarize.invoke(new Claims(), new Object[] {"a long text"})).isEqualTo("short summary");
        assertThat(summarize.capability().definition().name()).isEqualTo("claims.summarize");

        provider.fails(false);
        assertThat(summarize.invoke(new Claims(), new Object[] {"a long text"})).isEqualTo("offline: a long text");
    }

    @Test
    void returnsTheWholeAnswerWhenTheMethodDeclaresOne() throws Exception {
        provider.answers("yes", "m", new TokenUsage(1, 1));
        GovernedMethod answer =
                GovernedMethod.compose(steward(), method(Claims.class, "answer"), () -> Callers.ANONYMOUS);
        assertThat(answer.invoke(new Claims(), new Object[] {"q"}))
                .isInstanceOfSatisfying(Answer.class, a -> assertThat(a.text()).isEqualTo("yes"));
        provider.fails(false);
        assertThatThrownBy(() -> answer.invoke(new Claims(), new Object[] {"q"}))
                .isInstanceOf(InferenceUnavailableException.class);
    }

    @Test
    void composingNamesTheMethodOfAReturnTypeWithNoFixedJsonShape() throws Exception {
        Method fields = method(Claims.class, "fields");
        // the declaration is sound; the return type is checked when the capability is composed
        assertThat(GovernedMethod.declarationProblem(fields)).isEmpty();
        Steward s = steward();
        assertThatThrownBy(() -> GovernedMethod.compose(s, fields, () -> Callers.ANONYMOUS))
                .isInstanceOf(ConfigurationException.class)
                .hasMessageContaining(Claims.class.getName() + "#fields: returns java.util.Map<java.lang.String,"
                        + " java.lang.Object>, which cannot be a typed answer");
    }

    @Test
    void composingNamesTheMethodOfAnUnknownPrompt() throws Exception {
        Steward s = Steward.builder()
                .provider(provider)
                .promptRegistry(new InMemoryPromptRegistry())
                .build();
        steward = s;
        Method summarize = method(Claims.class, "summarize");
        assertThatThrownBy(() -> GovernedMethod.compose(s, summarize, () -> Callers.ANONYMOUS))
                .isInstanceOf(ConfigurationException.class)
                .satisfies(e -> assertThat(GovernedMethod.naming(summarize, e.getMessage()))
                        .startsWith(Claims.class.getName() + "#summarize")
                        .contains("claims.summarize"));
    }
}
