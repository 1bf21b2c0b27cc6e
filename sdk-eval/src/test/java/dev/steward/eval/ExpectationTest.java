package dev.steward.eval;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

class ExpectationTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    private static Expectation expect(String json) throws Exception {
        return Expectation.of(JSON.readTree(json));
    }

    @Test
    void exactComparesTheTrimmedAnswer() throws Exception {
        assertThat(expect("{\"exact\": \"motor\"}").score(" motor\n").passed()).isTrue();
        assertThat(expect("{\"exact\": \"motor\"}").score("Motor").passed()).isFalse();
    }

    @Test
    void containsIgnoresCase() throws Exception {
        assertThat(expect("{\"contains\": \"Hail\"}").score("damage by HAIL").passed())
                .isTrue();
        assertThat(expect("{\"contains\": \"hail\"}").score("flood").reason())
                .isEqualTo("expected it to contain 'hail'");
    }

    @Test
    void regexFindsAMatch() throws Exception {
        assertThat(expect("{\"regex\": \"C-\\\\d+\"}").score("claim C-12 ok").passed())
                .isTrue();
        assertThat(expect("{\"regex\": \"^C-\\\\d+$\"}").score("claim C-12").passed())
                .isFalse();
        assertThatThrownBy(() -> expect("{\"regex\": \"(\"}"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("regex does not compile");
    }

    @Test
    void labelReadsTheTextOrItsJsonLabel() throws Exception {
        Expectation label = expect("{\"label\": \"property\"}");
        assertThat(label.score("Property").passed()).isTrue();
        assertThat(label.score("{\"label\": \"property\", \"confidence\": 0.9}").passed())
                .isTrue();
        assertThat(label.score("{\"label\": \"motor\"}").passed()).isFalse();
        assertThat(label.score("{not json").passed()).isFalse();
    }

    @Test
    void numberAcceptsTheFirstNumberWithinTheTolerance() throws Exception {
        Expectation n = expect("{\"number\": 1200, \"tolerance\": 50}");
        assertThat(n.score("about 1180 USD").passed()).isTrue();
        assertThat(n.score("1300").passed()).isFalse();
        assertThat(n.score("no idea").reason()).isEqualTo("expected a number near 1200.0");
        assertThat(expect("{\"number\": 3}").score("3.0").passed()).isTrue();
        assertThatThrownBy(() -> expect("{\"number\": 3, \"tolerance\": -1}"))
                .hasMessageContaining("tolerance must be a number >= 0");
        assertThatThrownBy(() -> expect("{\"number\": \"3\"}")).hasMessageContaining("number must be a JSON number");
    }

    @Test
    void jsonSchemaChecksTheSupportedKeywords() throws Exception {
        Expectation schema = expect(
                "{\"jsonSchema\": {\"type\": \"object\", \"required\": [\"tags\"], \"properties\":"
                        + " {\"tags\": {\"type\": \"array\", \"minItems\": 1, \"maxItems\": 2, \"items\": {\"type\": \"string\","
                        + " \"minLength\": 2, \"maxLength\": 5}}, \"n\": {\"type\": [\"integer\", \"null\"], \"maximum\": 3}}}}");
        assertThat(schema.score("{\"tags\": [\"ab\"], \"n\": 3}").passed()).isTrue();
        assertThat(schema.score("{\"tags\": [\"ab\"], \"n\": null, \"extra\": 1}")
                        .passed())
                .isTrue();
        assertThat(schema.score("{\"n\": 1}").reason()).isEqualTo("$ must have member 'tags'");
        assertThat(schema.score("{\"tags\": []}").reason()).isEqualTo("$.tags must have at least 1 items");
        assertThat(schema.score("{\"tags\": [\"a\", \"b\", \"c\"]}").reason()).contains("at most 2 items");
        assertThat(schema.score("{\"tags\": [\"a\"]}").reason()).isEqualTo("$.tags[0] must be at least 2 characters");
        assertThat(schema.score("{\"tags\": [\"abcdef\"]}").reason()).contains("at most 5 characters");
        assertThat(schema.score("{\"tags\": [\"ab\"], \"n\": 4}").reason()).isEqualTo("$.n must be <= 3, was 4");
        assertThat(schema.score("{\"tags\": [\"ab\"], \"n\": 1.5}").reason()).contains("must be of type");
        assertThat(schema.score("[1]").reason()).isEqualTo("$ must be of type \"object\", was array");
        assertThat(schema.score("not json").reason()).startsWith("expected JSON");
        assertThat(expect("{\"jsonSchema\": {\"type\": \"number\", \"minimum\": 0}}")
                        .score("-1")
                        .reason())
                .isEqualTo("$ must be >= 0, was -1");
        assertThat(expect("{\"jsonSchema\": {\"enum\": [\"a\", \"b\"]}}")
                        .score("\"c\"")
                        .reason())
                .contains("must be one of");
        assertThat(expect("{\"jsonSchema\": {\"additionalProperties\": false, \"properties\": {}}}")
                        .score("{\"x\": true}")
                        .reason())
                .isEqualTo("$ must not have member 'x'");
    }

    @Test
    void aSchemaWithAnUnsupportedKeywordIsRefusedWhenRead() {
        assertThatThrownBy(() -> expect("{\"jsonSchema\": {\"properties\": {\"a\": {\"pattern\": \"x\"}}}}"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("schema keyword 'pattern' at $.a is not supported");
        assertThatThrownBy(() -> expect("{\"jsonSchema\": {\"type\": \"date\"}}"))
                .hasMessageContaining("'date'");
        assertThatThrownBy(() -> expect("{\"jsonSchema\": {\"additionalProperties\": {}}}"))
                .hasMessageContaining("true or false");
        assertThatThrownBy(() -> expect("{\"jsonSchema\": 3}")).hasMessageContaining("must be an object");
    }

    @Test
    void anExpectationNamesExactlyOneScorer() {
        assertThatThrownBy(() -> expect("{}")).hasMessageContaining("expect names no scorer");
        assertThatThrownBy(() -> expect("{\"exact\": \"a\", \"label\": \"b\"}"))
                .hasMessageContaining("both 'exact' and 'label'");
        assertThatThrownBy(() -> expect("\"motor\"")).hasMessageContaining("expect must be an object");
        assertThatThrownBy(() -> expect("{\"exact\": 3}")).hasMessageContaining("exact must be a string");
    }

    @Test
    void rowsNameTheirFileAndLineWhenMalformed() {
        assertThatThrownBy(() -> EvalSet.parse("a.jsonl", "{\"inputs\": {}, \"expect\": {\"exact\": \"x\"}}\n{oops"))
                .hasMessageStartingWith("a.jsonl:2: not JSON");
        assertThatThrownBy(() -> EvalSet.parse("a.jsonl", "{\"inputs\": 3, \"expect\": {\"exact\": \"x\"}}"))
                .hasMessageStartingWith("a.jsonl:1: inputs must be an object");
        assertThat(EvalSet.parse("a.jsonl", "{\"inputs\": {}, \"expect\": {\"exact\": \"x\"}}")
                        .get(0)
                        .id())
                .isEqualTo("a.jsonl:1");
        assertThatThrownBy(() -> EvalSet.load(ExpectationTest.class.getClassLoader(), "no.such"))
                .hasMessageContaining("prompt 'no.such' has no eval rows");
    }
}
