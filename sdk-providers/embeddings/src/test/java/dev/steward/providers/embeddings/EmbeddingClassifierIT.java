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
