package dev.steward.guard.injection;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.langchain4j.model.embedding.EmbeddingModel;
import dev.langchain4j.model.embedding.onnx.allminilml6v2q.AllMiniLmL6V2QuantizedEmbeddingModel;
import dev.steward.api.CallerContext;
import dev.steward.api.ChatMessage;
import dev.steward.api.InferenceRequest;
import dev.steward.api.InferenceResponse;
import dev.steward.api.PromptTemplate;
import dev.steward.providers.embeddings.EmbeddingClassifierProvider;
import dev.steward.providers.embeddings.LabelledExample;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The likelihood that a text is an injection, from its nearest labelled examples in all-MiniLM-L6-v2 embeddings (the
 * classifier of {@code steward-provider-embeddings}, offline). Thread-safe.
 */
public final class InjectionClassifier implements AutoCloseable {

    /** The label of injections in the examples; every other label is benign. */
    public static final String INJECTION = "injection";

    /** The examples shipped with the guard: the training half of its development set. */
    public static final String EXAMPLES = "/dev/steward/guard/injection/examples.jsonl";

    private static final PromptTemplate PROMPT = new PromptTemplate("steward.guard.injection", "1", "{{text}}", "-");
    private static final CallerContext GUARD = CallerContext.anonymous("steward-guard");

    private final EmbeddingClassifierProvider knn;

    /**
     * Creates a classifier.
     *
     * @param model the embedding model
     * @param examples labelled examples, with both labels
     * @param k how many neighbours vote
     */
    public InjectionClassifier(EmbeddingModel model, List<LabelledExample> examples, int k) {
        this.knn = new EmbeddingClassifierProvider("steward-guard-injection", model, examples, k, null);
    }

    /**
     * The classifier over the shipped examples.
     *
     * @return the classifier
     */
    public static InjectionClassifier standard() {
        return new InjectionClassifier(new AllMiniLmL6V2QuantizedEmbeddingModel(), examples(EXAMPLES), 7);
    }

    /**
     * Reads labelled rows ({@code {"text": ..., "label": ...}} per line) from the classpath.
     *
     * @param resource the resource path
     * @return the examples
     * @throws UncheckedIOException if the resource is missing or unreadable
     */
    public static List<LabelledExample> examples(String resource) {
        ObjectMapper json = new ObjectMapper();
        List<LabelledExample> out = new ArrayList<>();
        try (InputStream in = InjectionClassifier.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IOException("no resource " + resource);
            }
            BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
            for (String line = reader.readLine(); line != null; line = reader.readLine()) {
                if (!line.isBlank()) {
                    JsonNode row = json.readTree(line);
                    out.add(new LabelledExample(
                            row.get("text").asText(), row.get("label").asText()));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out;
    }

    /**
     * The likelihood that a text is an injection.
     *
     * @param text the text
     * @return the injection label's share of the neighbours' similarity, in [0, 1]
     */
    public double score(String text) {
        if (text.isBlank()) {
            return 0;
        }
        InferenceResponse r = knn.infer(new InferenceRequest(
                "steward.guard.injection",
                PROMPT,
                List.of(new ChatMessage(ChatMessage.Role.USER, text)),
                Map.of(),
                1,
                GUARD));
        double confidence = r.confidence().orElse(0.5);
        return INJECTION.equals(r.text()) ? confidence : 1 - confidence;
    }

    @Override
    public void close() {
        knn.close();
    }
}
