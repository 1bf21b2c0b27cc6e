package dev.steward.guard.injection;

import dev.langchain4j.data.embedding.Embedding;
import dev.langchain4j.data.segment.TextSegment;
import dev.langchain4j.model.embedding.EmbeddingModel;
import dev.langchain4j.model.embedding.onnx.e5smallv2q.E5SmallV2QuantizedEmbeddingModel;
import dev.langchain4j.model.output.Response;
import java.util.List;
import java.util.Objects;

/**
 * One injection score in [0, 1] for a text: a logistic regression ({@link InjectionModel}) over the text's
 * e5-small-v2 embedding ({@link #standardEmbeddings()}) and the heuristics' score, so the weight of the heuristics is learned, not fixed. The
 * embedding is taken of the text with its disguises undone ({@link Deobfuscator#reveal}). Texts longer than the
 * embedding model reads are scored in overlapping windows, and the highest window counts. Thread-safe.
 */
public final class InjectionScorer implements AutoCloseable {

    // a window of this many characters stays well within the 512 word pieces the embedding model reads
    private static final int WINDOW = 800;

    // e5 models were trained to read a text that is classified, rather than retrieved, with this prefix
    private static final String QUERY = "query: ";

    private final InjectionHeuristics heuristics;
    private final Deobfuscator deobfuscator = new Deobfuscator();
    private final EmbeddingModel embeddings;
    private final InjectionModel model;

    /**
     * Creates a scorer.
     *
     * @param heuristics the rules
     * @param embeddings the embedding model the weights were trained on ({@link #standardEmbeddings()} for the shipped
     *     weights)
     * @param model the weights
     */
    public InjectionScorer(InjectionHeuristics heuristics, EmbeddingModel embeddings, InjectionModel model) {
        this.heuristics = Objects.requireNonNull(heuristics, "heuristics");
        this.embeddings = Objects.requireNonNull(embeddings, "embeddings");
        this.model = Objects.requireNonNull(model, "model");
    }

    /**
     * The shipped heuristics and model over the quantized e5-small-v2 embeddings, read offline from the classpath.
     *
     * @return the scorer
     */
    public static InjectionScorer standard() {
        return new InjectionScorer(
                new InjectionHeuristics(), standardEmbeddings(), InjectionModel.read(InjectionModel.STANDARD));
    }

    /**
     * The embedding model the shipped weights were trained on: quantized e5-small-v2 (384 dimensions, carried with
     * its ONNX file by a Maven artifact), given each text with the {@code "query: "} prefix the model expects.
     *
     * @return the embedding model
     */
    public static EmbeddingModel standardEmbeddings() {
        EmbeddingModel e5 = new E5SmallV2QuantizedEmbeddingModel();
        return new EmbeddingModel() {
            @Override
            public Response<List<Embedding>> embedAll(List<TextSegment> segments) {
                return e5.embedAll(segments.stream()
                        .map(t -> TextSegment.from(QUERY + t.text()))
                        .toList());
            }

            @Override
            public int dimension() {
                return InjectionModel.DIMENSIONS;
            }
        };
    }

    /**
     * Scores a text.
     *
     * @param text the text
     * @return the score, in [0, 1]; 0 for a blank text
     */
    public double score(String text) {
        if (text.isBlank()) {
            return 0;
        }
        InjectionHeuristics.Score h = heuristics.assess(text);
        String revealed = deobfuscator.reveal(text);
        double best = 0;
        for (int start = 0; start < revealed.length(); start += WINDOW / 2) {
            String window = revealed.substring(start, Math.min(revealed.length(), start + WINDOW));
            best = Math.max(best, model.probability(InjectionModel.features(embed(window), h)));
            if (start + WINDOW >= revealed.length()) {
                break;
            }
        }
        return best;
    }

    /**
     * The features of a short text (one window), as training sees them.
     *
     * @param text the text
     * @return the features of {@link InjectionModel#features}
     */
    public double[] features(String text) {
        return InjectionModel.features(embed(deobfuscator.reveal(text)), heuristics.assess(text));
    }

    private float[] embed(String text) {
        float[] v = embeddings.embed(text.isBlank() ? "-" : text).content().vector();
        double norm = 0;
        for (float f : v) {
            norm += f * f;
        }
        norm = Math.sqrt(norm);
        if (norm > 0) {
            for (int i = 0; i < v.length; i++) {
                v[i] /= (float) norm;
            }
        }
        return v;
    }

    /** Nothing to release: the ONNX session is shared by the JVM (LangChain4j holds it in a static field). */
    @Override
    public void close() {}
}
