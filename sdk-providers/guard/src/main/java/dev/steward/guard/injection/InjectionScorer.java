package dev.steward.guard.injection;

import dev.langchain4j.model.embedding.EmbeddingModel;
import dev.langchain4j.model.embedding.onnx.allminilml6v2q.AllMiniLmL6V2QuantizedEmbeddingModel;
import java.util.Objects;

/**
 * One injection score in [0, 1] for a text: a logistic regression ({@link InjectionModel}) over the text's
 * all-MiniLM-L6-v2 embedding ({@link #standardEmbeddings()}) and the heuristics' scores, so the weight of the
 * heuristics is learned, not fixed. The
 * embedding is taken of the text with its disguises undone ({@link Deobfuscator#reveal}). Texts longer than the
 * embedding model reads are scored in overlapping windows, and the highest window counts. Thread-safe.
 */
public final class InjectionScorer implements AutoCloseable {

    // the model reads 256 word pieces, about this many characters of English; every development row fits in one
    // window, so a text scores as the training saw it unless it is longer than any of them
    private static final int WINDOW = 1000;

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
     * The shipped heuristics and model over the quantized all-MiniLM-L6-v2 embeddings, read offline from the
     * classpath.
     *
     * @return the scorer
     */
    public static InjectionScorer standard() {
        return new InjectionScorer(
                new InjectionHeuristics(), standardEmbeddings(), InjectionModel.read(InjectionModel.STANDARD));
    }

    /**
     * The embedding model the shipped weights were trained on: quantized all-MiniLM-L6-v2 (384 dimensions, carried with
     * its ONNX file by a Maven artifact, the model {@code steward-provider-embeddings} uses too).
     *
     * @return the embedding model
     */
    public static EmbeddingModel standardEmbeddings() {
        return new AllMiniLmL6V2QuantizedEmbeddingModel();
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
        String revealed = deobfuscator.reveal(text);
        InjectionHeuristics.Score h = heuristics.assess(text, revealed);
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
        String revealed = deobfuscator.reveal(text);
        return InjectionModel.features(embed(revealed), heuristics.assess(text, revealed));
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
