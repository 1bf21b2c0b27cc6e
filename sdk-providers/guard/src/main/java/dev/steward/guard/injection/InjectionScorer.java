package dev.steward.guard.injection;

import dev.langchain4j.model.embedding.EmbeddingModel;
import dev.langchain4j.model.embedding.onnx.allminilml6v2q.AllMiniLmL6V2QuantizedEmbeddingModel;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executor;
import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.FutureTask;
import java.util.concurrent.RejectedExecutionException;

/**
 * One injection score in [0, 1] for a text: a logistic regression ({@link InjectionModel}) over the text's
 * all-MiniLM-L6-v2 embedding ({@link #standardEmbeddings()}) and the heuristics' scores, so the weight of the
 * heuristics is learned, not fixed. The
 * embedding is taken of the text with its disguises undone ({@link Deobfuscator#reveal}). Texts longer than the
 * embedding model reads are scored in overlapping windows, and the highest window counts.
 *
 * <p>While the calling thread computes the embedding, the rules are offered to a helper {@link Executor} (the common
 * {@link ForkJoinPool} for {@link #standard()}); if no helper thread has started them by the time the embedding is
 * done, the calling thread runs them itself, so a busy or stalled helper never delays a call beyond the time the rules
 * take. The rules touch no container state. Thread-safe.
 */
public final class InjectionScorer implements AutoCloseable {

    // the model reads 256 word pieces, about this many characters of English; every development row fits in one
    // window, so a text scores as the training saw it unless it is longer than any of them
    private static final int WINDOW = 1000;

    private final InjectionHeuristics heuristics;
    private final Deobfuscator deobfuscator = new Deobfuscator();
    private final EmbeddingModel embeddings;
    private final InjectionModel model;
    private final Executor helper;

    /**
     * Creates a scorer that runs everything on the calling thread.
     *
     * @param heuristics the rules
     * @param embeddings the embedding model the weights were trained on ({@link #standardEmbeddings()} for the shipped
     *     weights)
     * @param model the weights
     */
    public InjectionScorer(InjectionHeuristics heuristics, EmbeddingModel embeddings, InjectionModel model) {
        this(heuristics, embeddings, model, Runnable::run);
    }

    /**
     * Creates a scorer that offers the rules to a helper while the calling thread computes the embedding.
     *
     * @param heuristics the rules
     * @param embeddings the embedding model the weights were trained on
     * @param model the weights
     * @param helper where the rules may run; it may run them late, never, or reject them, and the calling thread then
     *     runs them itself
     */
    public InjectionScorer(
            InjectionHeuristics heuristics, EmbeddingModel embeddings, InjectionModel model, Executor helper) {
        this.heuristics = Objects.requireNonNull(heuristics, "heuristics");
        this.embeddings = Objects.requireNonNull(embeddings, "embeddings");
        this.model = Objects.requireNonNull(model, "model");
        this.helper = Objects.requireNonNull(helper, "helper");
    }

    /**
     * The shipped heuristics and model over the quantized all-MiniLM-L6-v2 embeddings, read offline from the
     * classpath.
     *
     * @return the scorer
     */
    public static InjectionScorer standard() {
        // the embedding keeps one core busy; the rules run meanwhile on another instead of after it
        return new InjectionScorer(
                new InjectionHeuristics(),
                standardEmbeddings(),
                InjectionModel.read(InjectionModel.STANDARD),
                ForkJoinPool.commonPool());
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
        FutureTask<InjectionHeuristics.Score> rules = new FutureTask<>(() -> heuristics.assess(text, revealed));
        try {
            helper.execute(rules);
        } catch (RejectedExecutionException e) {
            // the calling thread runs them below
        }
        List<float[]> windows = new ArrayList<>();
        for (int start = 0; start < revealed.length(); start += WINDOW / 2) {
            windows.add(embed(revealed.substring(start, Math.min(revealed.length(), start + WINDOW))));
            if (start + WINDOW >= revealed.length()) {
                break;
            }
        }
        // does nothing if a helper thread has started them already
        rules.run();
        InjectionHeuristics.Score h = outcome(rules);
        double best = 0;
        for (float[] window : windows) {
            best = Math.max(best, model.probability(InjectionModel.features(window, h)));
        }
        return best;
    }

    // waits for a helper that started the rules, however the caller is interrupted: they take milliseconds
    private static InjectionHeuristics.Score outcome(FutureTask<InjectionHeuristics.Score> rules) {
        boolean interrupted = false;
        try {
            while (true) {
                try {
                    return rules.get();
                } catch (InterruptedException e) {
                    interrupted = true;
                } catch (ExecutionException e) {
                    // the rules throw no checked exception
                    if (e.getCause() instanceof Error err) {
                        throw err;
                    }
                    throw (RuntimeException) e.getCause();
                }
            }
        } finally {
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
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
