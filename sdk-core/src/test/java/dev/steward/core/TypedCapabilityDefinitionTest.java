package dev.steward.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.steward.api.Answer;
import dev.steward.api.ConfigurationException;
import dev.steward.api.annotation.AiCapability;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** What an annotated method's return type makes of its capability, and what fails at deployment. */
class TypedCapabilityDefinitionTest {

    record Triage(String team, double confidence) {}

    static class Claims {
        @AiCapability("claims.triage")
        Triage triage(String claim) {
            return null;
        }

        @AiCapability(value = "claims.triage-answer", fallback = "manualTriage")
        Answer<Triage> triageAnswer(String claim) {
            return null;
        }

        Triage manualTriage(String claim) {
            return new Triage("standard", 0);
        }

        @AiCapability(value = "claims.triage-wrong-fallback", fallback = "summary")
        Triage wrongFallback(String claim) {
            return null;
        }

        String summary(String claim) {
            return "";
        }

        @AiCapability("claims.scores")
        Map<String, Double> scores(String claim) {
            return null;
        }

        @AiCapability("claims.many")
        List<Triage> many(String claim) {
            return null;
        }
    }

    private static CapabilityDefinition of(String method) throws Exception {
        return CapabilityDefinition.fromMethod(Claims.class.getDeclaredMethod(method, String.class));
    }

    @Test
    void aRecordOrAnAnswerOfOneIsATypedCapability() throws Exception {
        assertThat(of("triage").answerType().type()).isEqualTo(Triage.class);
        assertThat(of("triageAnswer").answerType().type()).isEqualTo(Triage.class);
        assertThat(of("many").answerType().schema().name()).isEqualTo("Triage_list");
    }

    @Test
    void aTypeWithoutAFixedShapeFailsNamingClassAndMethod() {
        assertThatThrownBy(() -> of("scores"))
                .isInstanceOf(ConfigurationException.class)
                .hasMessageStartingWith(Claims.class.getName() + "#scores: returns java.util.Map<java.lang.String,"
                        + " java.lang.Double>, which cannot be a typed answer");
    }

    @Test
    void aFallbackMustAnswerTheSameType() {
        assertThatThrownBy(() -> of("wrongFallback"))
                .isInstanceOf(ConfigurationException.class)
                .hasMessageContaining(Claims.class.getName() + "#wrongFallback fallback")
                .hasMessageContaining("fallback summary returns java.lang.String but the capability method answers "
                        + Triage.class.getName());
    }
}
