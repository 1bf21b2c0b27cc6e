package dev.steward.providers.embeddings;

import dev.langchain4j.data.embedding.Embedding;
import dev.langchain4j.data.segment.TextSegment;
import dev.langchain4j.model.embedding.EmbeddingModel;
import dev.steward.api.ChatMessage;
import dev.steward.api.InferenceRequest;
import dev.steward.api.InferenceResponse;
import dev.steward.api.ProviderException;
import dev.steward.api.TokenUsage;
import dev.steward.api.spi.InferenceProvider;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.OptionalDouble;
import java.util.concurrent.ExecutorService;
import java.util.stream.Collectors;

/**
 * Classifies text by its k nearest labelled examples (cosine similarity of sentence embeddings). The answer text is
 * the winning label; the confidence is the label's share of the neighbours' similarity, in [0, 1].
 *
 * <p>A request for a typed answer ({@link InferenceRequest#responseSchema()}) is answered with a JSON object instead:
 * its one string property holds the label, its number property (if any) the confidence, and its array of strings (if
 * any) the reasons, the neighbours that voted for the label, most similar first, each as its text and similarity.
 *
 * <p>Thread-safe: the example embeddings are computed once at creation and never change; the ONNX embedding model is
 * safe for concurrent use.
 */
public final class EmbeddingClassifierProvider implements InferenceProvider {

    /** The model name reported in every response, for audit and pricing. */
    public static final String MODEL = "all-minilm-l6-v2";

    private final String name;
    private final EmbeddingModel embeddings;
    private final List<LabelledExample> examples;
    private final float[][] vectors;
    private final int k;
    private final String inputVariable;
    private final ExecutorService ownedThreads;
    private volatile boolean closed;

    /**
     * Embeds the examples and creates a classifier.
     *
     * @param name the provider name
     * @param embeddings the embedding model
     * @param examples the labelled examples, at least one
     * @param k how many nearest examples vote, at least one
     * @param inputVariable the request variable holding the text to classify, or {@code null} for the last user
     *     message
     * @throws IllegalArgumentException if {@code examples} is empty or {@code k} is not positive
     */
    public EmbeddingClassifierProvider(
            String name, EmbeddingModel embeddings, List<LabelledExample> examples, int k, String inputVariable) {
        this(name, embeddings, examples, k, inputVariable, null);
    }

    EmbeddingClassifierProvider(
            String name,
            EmbeddingModel embeddings,
            List<LabelledExample> examples,
            int k,
            String inputVariable,
            ExecutorService ownedThreads) {
        this.ownedThreads = ownedThreads;
        if (examples.isEmpty() || k < 1) {
            throw new IllegalArgumentException("need at least one example and k >= 1");
        }
        this.name = name;
        this.embeddings = embeddings;
        this.examples = List.copyOf(examples);
        this.k = Math.min(k, examples.size());
        this.inputVariable = inputVariable;
        List<TextSegment> segments =
                this.examples.stream().map(e -> TextSegment.from(e.text())).toList();
        List<Embedding> embedded = embeddings.embedAll(segments).content();
        this.vectors = new float[embedded.size()][];
        for (int i = 0; i < vectors.length; i++) {
            vectors[i] = normalized(embedded.get(i).vector());
        }
    }

    @Override
    public String name() {
        return name;
    }

    /**
     * Answers typed requests with a JSON object built from the classification.
     *
     * @return {@code true}
     */
    @Override
    public boolean supportsResponseSchema() {
        return true;
    }

    /**
     * Labels the request's text.
     *
     * @param request the request; its text is the configured variable or the last user message before the model's
     *     first answer in the conversation
     * @return the label as text (for a typed request, the JSON object of label, confidence and reasons),
     *     {@value #MODEL} as model, zero tokens and the confidence
     * @throws ProviderException permanent when there is no text to classify, the embedding fails, or the request's
     *     schema is not one string, at most one number and at most one array of strings (or its string is an enum
     *     without the label)
     */
    @Override
    public InferenceResponse infer(InferenceRequest request) {
        if (closed) {
            throw ProviderException.permanent(name, "the provider is closed", null);
        }
        String text = subject(request);
        if (text == null || text.isBlank()) {
            throw ProviderException.permanent(name, "there is no text to classify", null);
        }
        float[] query;
        try {
            query = normalized(embeddings.embed(text).content().vector());
        } catch (RuntimeException e) {
            throw ProviderException.permanent(name, "embedding failed: " + e.getMessage(), e);
        }
        Integer[] order = new Integer[vectors.length];
        double[] similarity = new double[vectors.length];
        for (int i = 0; i < vectors.length; i++) {
            order[i] = i;
            similarity[i] = dot(query, vectors[i]);
        }
        Arrays.sort(
                order, Comparator.comparingDouble((Integer i) -> similarity[i]).reversed());

        Map<String, Double> votes = new LinkedHashMap<>();
        double total = 0;
        for (int n = 0; n < k; n++) {
            int i = order[n];
            // negative similarity means "unlike", which is no evidence for that label
            double weight = Math.max(similarity[i], 0);
            votes.merge(examples.get(i).label(), weight, Double::sum);
            total += weight;
        }
        String label = examples.get(order[0]).label();
        double best = -1;
        for (Map.Entry<String, Double> vote : votes.entrySet()) {
            if (vote.getValue() > best) {
                best = vote.getValue();
                label = vote.getKey();
            }
        }
        double confidence = total > 0 ? Math.min(1, best / total) : 1.0 / votes.size();
        String answer = label;
        if (request.responseSchema() != null) {
            List<String> reasons = new ArrayList<>();
            for (int n = 0; n < k; n++) {
                int i = order[n];
                if (examples.get(i).label().equals(label)) {
                    reasons.add(String.format(
                            Locale.ROOT,
                            "like \"%s\" (similarity %.2f)",
                            examples.get(i).text(),
                            similarity[i]));
                }
            }
            answer = ClassificationObject.fill(name, request.responseSchema(), label, confidence, reasons);
        }
        return new InferenceResponse(answer, MODEL, TokenUsage.NONE, OptionalDouble.of(confidence));
    }

    /**
     * The labels this classifier can answer.
     *
     * @return the distinct labels in example order
     */
    public List<String> labels() {
        List<String> labels = new ArrayList<>();
        for (LabelledExample e : examples) {
            if (!labels.contains(e.label())) {
                labels.add(e.label());
            }
        }
        return labels;
    }

    private static float[] normalized(float[] v) {
        double norm = 0;
        for (float x : v) {
            norm += x * x;
        }
        norm = Math.sqrt(norm);
        float[] out = new float[v.length];
        for (int i = 0; i < v.length; i++) {
            out[i] = norm == 0 ? 0 : (float) (v[i] / norm);
        }
        return out;
    }

    private static double dot(float[] a, float[] b) {
        double sum = 0;
        for (int i = 0; i < a.length; i++) {
            sum += a[i] * b[i];
        }
        return sum;
    }

    /**
     * Shuts down the embedding threads the provider owns (none when it was given a model from outside). The ONNX
     * session itself cannot be released: LangChain4j loads it once per JVM, in a static field of the model class,
     * and shares it between all instances. Calls made afterwards fail with a permanent {@link ProviderException}.
     */
    @Override
    public void close() {
        closed = true;
        if (ownedThreads != null) {
            ownedThreads.shutdownNow();
        }
    }

    // the named variable when one is given and bound, else the last user message before the model's first answer (a
    // repair request carries the invalid answer and the problem after the text to classify), else all messages
    private String subject(InferenceRequest request) {
        if (inputVariable != null) {
            Object value = request.variables().get(inputVariable);
            if (value != null) {
                return value.toString();
            }
        }
        List<ChatMessage> messages = request.messages();
        int end = messages.size();
        for (int i = 0; i < messages.size(); i++) {
            if (messages.get(i).role() == ChatMessage.Role.ASSISTANT) {
                end = i;
                break;
            }
        }
        for (int i = end - 1; i >= 0; i--) {
            if (messages.get(i).role() == ChatMessage.Role.USER) {
                return messages.get(i).content();
            }
        }
        return messages.stream().map(ChatMessage::content).collect(Collectors.joining("\n\n"));
    }
}
