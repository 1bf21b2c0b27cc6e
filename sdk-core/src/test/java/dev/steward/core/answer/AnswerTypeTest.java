package dev.steward.core.answer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import dev.steward.api.Answer;
import dev.steward.api.ConfigurationException;
import java.lang.reflect.Type;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Which Java types are typed answers, and the JSON Schema each becomes. */
class AnswerTypeTest {

    enum Severity {
        LOW,
        @JsonProperty("high")
        HIGH
    }

    record Line(String item, BigDecimal amount) {}

    record Estimate(
            @JsonPropertyDescription("the claim reference") String claim,
            Severity severity,
            List<Line> lines,
            Set<String> tags,
            LocalDate incident,
            int count,
            boolean urgent) {}

    /** A POJO with setters, as older code has them. */
    public static class Note {
        private String text;

        public String getText() {
            return text;
        }

        public void setText(String text) {
            this.text = text;
        }
    }

    record Node(String name, List<Node> children) {}

    record Loose(Map<String, Object> anything) {}

    record WithObject(Object anything) {}

    Answer<Estimate> answerOfEstimate() {
        return null;
    }

    Answer<String> answerOfText() {
        return null;
    }

    List<Severity> listOfSeverity() {
        return null;
    }

    Map<String, String> map() {
        return null;
    }

    private static Type returnTypeOf(String method) throws NoSuchMethodException {
        return AnswerTypeTest.class.getDeclaredMethod(method).getGenericReturnType();
    }

    @Test
    void aRecordBecomesAStrictObjectSchemaWithItsNestedTypes() throws Exception {
        AnswerType type = AnswerType.ofReturnType(returnTypeOf("answerOfEstimate"), "Claims#estimate");

        assertThat(type.isText()).isFalse();
        assertThat(type.type()).isEqualTo(Estimate.class);
        assertThat(type.schema().name()).isEqualTo("Estimate");
        assertThat(type.schema().json())
                .isEqualTo("{\"type\":\"object\",\"properties\":{"
                        + "\"claim\":{\"type\":\"string\",\"description\":\"the claim reference\"},"
                        + "\"severity\":{\"type\":\"string\",\"enum\":[\"LOW\",\"high\"]},"
                        + "\"lines\":{\"type\":\"array\",\"items\":{\"type\":\"object\",\"properties\":{"
                        + "\"item\":{\"type\":\"string\"},\"amount\":{\"type\":\"number\"}},"
                        + "\"required\":[\"item\",\"amount\"],\"additionalProperties\":false}},"
                        + "\"tags\":{\"type\":\"array\",\"items\":{\"type\":\"string\"}},"
                        + "\"incident\":{\"type\":\"string\",\"format\":\"date\"},"
                        + "\"count\":{\"type\":\"integer\"},"
                        + "\"urgent\":{\"type\":\"boolean\"}},"
                        + "\"required\":[\"claim\",\"severity\",\"lines\",\"tags\",\"incident\",\"count\",\"urgent\"],"
                        + "\"additionalProperties\":false}");
    }

    @Test
    void readsAndWritesTheSameValue() {
        AnswerType type = AnswerType.of(Estimate.class, "Claims#estimate");
        Estimate estimate = new Estimate(
                "C-1",
                Severity.HIGH,
                List.of(new Line("windscreen", new BigDecimal("420.50"))),
                Set.of("glass"),
                LocalDate.of(2026, 3, 1),
                1,
                true);

        String json = type.write(estimate);

        assertThat(json).contains("\"severity\":\"high\"").contains("\"incident\":\"2026-03-01\"");
        assertThat(type.read(json, AnswerValidator.NONE).value()).isEqualTo(estimate);
    }

    @Test
    void aPojoIsReadThroughItsSetters() {
        AnswerType type = AnswerType.of(Note.class, "Claims#note");
        assertThat(type.schema().json()).contains("\"text\":{\"type\":\"string\"}");
        assertThat(((Note) type.parse("{\"text\":\"ok\"}")).getText()).isEqualTo("ok");
    }

    @Test
    void textAndAnswerOfTextAreText() throws Exception {
        assertThat(AnswerType.ofReturnType(String.class, "A#b").isText()).isTrue();
        assertThat(AnswerType.ofReturnType(Answer.class, "A#b").isText()).isTrue();
        assertThat(AnswerType.ofReturnType(returnTypeOf("answerOfText"), "A#b").isText())
                .isTrue();
    }

    @Test
    void aListIsWrappedInAnObjectBecauseStructuredOutputNeedsOne() throws Exception {
        AnswerType type = AnswerType.ofReturnType(returnTypeOf("listOfSeverity"), "A#b");
        assertThat(type.schema().name()).isEqualTo("Severity_list");
        assertThat(type.parse("{\"value\":[\"LOW\",\"high\"]}")).isEqualTo(List.of(Severity.LOW, Severity.HIGH));
        assertThat(type.write(List.of(Severity.HIGH))).isEqualTo("{\"value\":[\"high\"]}");
    }

    @Test
    void typesWithoutAFixedShapeFailNamingTheMethodAndTheProperty() throws Exception {
        assertThatThrownBy(() -> AnswerType.ofReturnType(returnTypeOf("map"), "com.acme.Claims#summarize"))
                .isInstanceOf(ConfigurationException.class)
                .hasMessageStartingWith("com.acme.Claims#summarize: returns java.util.Map<java.lang.String,"
                        + " java.lang.String>, which cannot be a typed answer")
                .hasMessageContaining("has no fixed properties");
        assertThatThrownBy(() -> AnswerType.of(Loose.class, "A#b"))
                .hasMessageContaining("Loose.anything is a java.util.Map");
        assertThatThrownBy(() -> AnswerType.of(WithObject.class, "A#b"))
                .hasMessageContaining("WithObject.anything is a java.lang.Object, which has no fixed JSON shape");
        assertThatThrownBy(() -> AnswerType.of(Node.class, "A#b"))
                .hasMessageContaining("Node.children[] refers back to")
                .hasMessageContaining("a recursive type has no finite JSON shape");
        assertThatThrownBy(() -> AnswerType.of(void.class, "A#b")).hasMessageContaining("returns void");
        assertThatThrownBy(() -> AnswerType.of(Runnable.class, "A#b")).hasMessageContaining("Runnable");
    }
}
