package dev.steward.providers.embeddings;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.steward.api.ConfigurationException;
import dev.steward.api.InferenceResponse;
import dev.steward.api.ProviderException;
import dev.steward.api.TokenUsage;
import dev.steward.api.spi.InferenceProvider;
import dev.steward.providers.testing.LiveThreads;
import dev.steward.providers.testing.MapSettings;
import dev.steward.providers.testing.Requests;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The offline all-MiniLM-L6-v2 classifier on a small claims-triage set: 32 labelled examples, 20 held out. */
class EmbeddingClassifierIT {

    private static final LocalEmbeddingsProviderFactory FACTORY = new LocalEmbeddingsProviderFactory();
    private static InferenceProvider classifier;

    @BeforeAll
    static void create() {
        long start = System.nanoTime();
        classifier = FACTORY.create(
                MapSettings.of("triage", "examples", "META-INF/steward/examples/claims-triage.jsonl", "k", "5"));
        System.out.printf(
                "classifier ready (model load, 32 examples embedded) in %d ms%n",
                (System.nanoTime() - start) / 1_000_000);
    }

    @Test
    void labelsHeldOutSentencesWithAtLeastNinetyPercentAccuracy() throws IOException {
        List<LabelledExample> heldOut = read("claims-triage-heldout.jsonl");
        int correct = 0;
        List<String> misses = new ArrayList<>();
        long start = System.nanoTime();
        for (LabelledExample example : heldOut) {
            InferenceResponse response = classifier.infer(Requests.user("claims-triage", example.text(), 16));
            if (response.text().equals(example.label())) {
                correct++;
            } else {
                misses.add(example.text() + " -> " + response.text());
            }
            assertThat(response.confidence()).isPresent();
            assertThat(response.confidence().getAsDouble()).isBetween(0.0, 1.0);
        }
        long perCallMicros = (System.nanoTime() - start) / 1000 / heldOut.size();
        double accuracy = (double) correct / heldOut.size();
        System.out.printf(
                "claims-triage held-out accuracy: %d/%d = %.2f, %d us per classification, misses %s%n",
                correct, heldOut.size(), accuracy, perCallMicros, misses);

        assertThat(accuracy).as("misses: %s", misses).isGreaterThanOrEqualTo(0.9);
    }

    @Test
    void answersWithTheLabelTheModelNameNoTokensAndAConfidence() {
        InferenceResponse response =
                classifier.infer(Requests.user("claims-triage", "Somebody crashed into my car on the motorway.", 16));

        assertThat(response.text()).isEqualTo("motor");
        assertThat(response.model()).isEqualTo("all-minilm-l6-v2");
        assertThat(response.usage()).isEqualTo(TokenUsage.NONE);
        assertThat(response.confidence().getAsDouble()).isGreaterThan(0.5);
    }

    @Test
    void classifiesTheNamedVariableInsteadOfTheMessageWhenConfigured() {
        InferenceProvider byVariable = FACTORY.create(MapSettings.of(
                "triage-var", "examples", "META-INF/steward/examples/claims-triage.jsonl", "input-variable", "text"));

        // Requests.user binds the same text to the variable "text"
        InferenceResponse response =
                byVariable.infer(Requests.user("claims-triage", "My suitcase never arrived at the airport.", 16));

        assertThat(response.text()).isEqualTo("travel");
    }

    private static final String TRIAGE_SCHEMA = "{\"type\":\"object\",\"properties\":{"
            + "\"team\":{\"type\":\"string\"},\"confidence\":{\"type\":\"number\"},"
            + "\"reasons\":{\"type\":\"array\",\"items\":{\"type\":\"string\"}}},"
            + "\"required\":[\"team\",\"confidence\",\"reasons\"],\"additionalProperties\":false}";

    private static InferenceResponse typed(String text, String schema) {
        return classifier.infer(Requests.user("claims-triage", text, 16)
                .withResponseSchema(new dev.steward.api.ResponseSchema("Triage", schema)));
    }

    @Test
    void answersATypedRequestWithTheLabelConfidenceAndTheNeighboursThatVotedForIt() throws IOException {
        String text = "Somebody crashed into my car on the motorway.";
        InferenceResponse plain = classifier.infer(Requests.user("claims-triage", text, 16));

        InferenceResponse response = typed(text, TRIAGE_SCHEMA);

        assertThat(classifier.supportsResponseSchema()).isTrue();
        JsonNode answer = new ObjectMapper().readTree(response.text());
        assertThat(answer.fieldNames()).toIterable().containsExactly("team", "confidence", "reasons");
        assertThat(answer.path("team").asText()).isEqualTo(plain.text()).isEqualTo("motor");
        assertThat(answer.path("confidence").asDouble())
                .isEqualTo(plain.confidence().getAsDouble())
                .isEqualTo(response.confidence().getAsDouble());
        List<String> motorExamples = read("META-INF/steward/examples/claims-triage.jsonl").stream()
                .filter(e -> e.label().equals("motor"))
                .map(LabelledExample::text)
                .toList();
        assertThat(answer.path("reasons")).isNotEmpty().hasSizeLessThanOrEqualTo(5);
        List<Double> similarities = new ArrayList<>();
        for (JsonNode reason : answer.path("reasons")) {
            java.util.regex.Matcher m = java.util.regex.Pattern.compile("like \"(.+)\" \\(similarity ([0-9.]+)\\)")
                    .matcher(reason.asText());
            assertThat(m.matches()).as(reason.asText()).isTrue();
            assertThat(motorExamples).contains(m.group(1));
            similarities.add(Double.parseDouble(m.group(2)));
        }
        assertThat(similarities).isSortedAccordingTo(java.util.Comparator.reverseOrder());
    }

    @Test
    void fillsAnEnumWrappedAsValueAndRefusesALabelOutsideTheEnum() throws IOException {
        String wrapped = "{\"type\":\"object\",\"properties\":{\"value\":{\"type\":\"string\","
                + "\"enum\":[\"motor\",\"property\"]}},\"required\":[\"value\"],\"additionalProperties\":false}";
        assertThat(typed("Somebody crashed into my car on the motorway.", wrapped)
                        .text())
                .isEqualTo("{\"value\":\"motor\"}");

        assertThatThrownBy(() -> typed("My suitcase never arrived at the airport.", wrapped))
                .isInstanceOf(ProviderException.class)
                .hasMessageContaining("the label 'travel' is not among the values")
                .satisfies(
                        e -> assertThat(((ProviderException) e).isRetriable()).isFalse());
    }

    @Test
    void refusesASchemaItCannotFillNamingTheProperty() {
        String withADate = "{\"type\":\"object\",\"properties\":{\"team\":{\"type\":\"string\"},"
                + "\"seen\":{\"type\":\"integer\"}},\"required\":[\"team\",\"seen\"]}";
        assertThatThrownBy(() -> typed("My windscreen cracked.", withADate))
                .isInstanceOf(ProviderException.class)
                .hasMessageContaining("cannot fill schema 'Triage': property 'seen' is neither the label");

        String twoStrings = "{\"type\":\"object\",\"properties\":{\"team\":{\"type\":\"string\"},"
                + "\"note\":{\"type\":\"string\"}}}";
        assertThatThrownBy(() -> typed("My windscreen cracked.", twoStrings))
                .isInstanceOf(ProviderException.class)
                .hasMessageContaining("properties 'team' and 'note' are both a string");

        String noLabel = "{\"type\":\"object\",\"properties\":{\"confidence\":{\"type\":\"number\"}}}";
        assertThatThrownBy(() -> typed("My windscreen cracked.", noLabel))
                .isInstanceOf(ProviderException.class)
                .hasMessageContaining("no string property for the label");
    }

    @Test
    void aRepairRequestClassifiesTheTextBeforeTheModelsFirstAnswerNotTheProblem() {
        String text = "Somebody crashed into my car on the motorway.";
        dev.steward.api.InferenceRequest first = Requests.user("claims-triage", text, 16);
        dev.steward.api.InferenceRequest repair = first.withMessages(List.of(
                first.messages().get(0),
                new dev.steward.api.ChatMessage(dev.steward.api.ChatMessage.Role.ASSISTANT, "{\"team\":\"motor\"}"),
                new dev.steward.api.ChatMessage(
                        dev.steward.api.ChatMessage.Role.USER,
                        "My suitcase never arrived at the airport. Your answer was invalid: fix it.")));

        assertThat(classifier.infer(repair).text()).isEqualTo("motor");
    }

    @Test
    void rejectsAMissingExamplesResourceNamingTheKey() {
        assertThatThrownBy(() -> FACTORY.create(MapSettings.of("t", "examples", "META-INF/none.jsonl")))
                .isInstanceOf(ConfigurationException.class)
                .hasMessageContaining("steward.provider.t.examples")
                .hasMessageContaining("does not exist");
    }

    private static List<LabelledExample> read(String resource) throws IOException {
        ObjectMapper json = new ObjectMapper();
        List<LabelledExample> out = new ArrayList<>();
        try (BufferedReader reader = new BufferedReader(new InputStreamReader(
                Objects.requireNonNull(
                        EmbeddingClassifierIT.class.getClassLoader().getResourceAsStream(resource)),
                StandardCharsets.UTF_8))) {
            String line;
            while ((line = reader.readLine()) != null) {
                if (!line.isBlank()) {
                    JsonNode node = json.readTree(line);
                    out.add(new LabelledExample(
                            node.path("text").asText(), node.path("label").asText()));
                }
            }
        }
        return out;
    }

    @Test
    void closeStopsTheEmbeddingThreadsAndLaterCallsFailClearly() throws InterruptedException {
        InferenceProvider closing =
                FACTORY.create(MapSettings.of("closing", "examples", "META-INF/steward/examples/claims-triage.jsonl"));
        // embedding the examples ran on the provider's own threads
        assertThat(LiveThreads.named("steward-embeddings-closing-")).isPositive();

        closing.close();

        assertThat(LiveThreads.awaitNone("steward-embeddings-closing-", Duration.ofSeconds(10)))
                .isZero();
        assertThatThrownBy(() -> closing.infer(Requests.user("triage", "My windscreen cracked", 8)))
                .isInstanceOf(ProviderException.class)
                .hasMessageContaining("closed");
    }
}
