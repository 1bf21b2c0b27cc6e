package dev.steward.guard.injection;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * A logistic-regression injection model: one weight per dimension of a unit-length all-MiniLM-L6-v2 sentence
 * embedding ({@link InjectionScorer#standardEmbeddings()}), one for the heuristics' score outside quotation marks,
 * one for their score inside them, and a bias. Trained by {@code dev.steward.guard.eval.InjectionTraining} on the
 * development set and shipped as {@value #STANDARD}; the bias places the operating point
 * chosen by cross-validation at the guard's default threshold. Immutable.
 */
public final class InjectionModel {

    /** The shipped model. */
    public static final String STANDARD = "/dev/steward/guard/injection/model.txt";

    /** The probability at which the shipped model's cross-validated operating point lies: the guard's default threshold. */
    public static final double OPERATING_POINT = 0.55;

    /** The dimensions of an all-MiniLM-L6-v2 embedding. */
    public static final int DIMENSIONS = 384;

    // unit vectors have components near 1/sqrt(384); scaled, they are near 1 like the heuristic score
    private static final double SCALE = Math.sqrt(DIMENSIONS);

    private final double[] weights;

    /**
     * Creates a model.
     *
     * @param weights {@value #DIMENSIONS} embedding weights, then the weights of the unquoted and the quoted heuristic
     *     score, then the bias
     * @throws IllegalArgumentException if there are not {@value #DIMENSIONS} + 3 finite weights
     */
    public InjectionModel(double[] weights) {
        if (weights.length != DIMENSIONS + 3) {
            throw new IllegalArgumentException(
                    "an injection model has " + (DIMENSIONS + 3) + " weights, not " + weights.length);
        }
        for (double w : weights) {
            if (!Double.isFinite(w)) {
                throw new IllegalArgumentException("an injection model's weights must be finite, found " + w);
            }
        }
        this.weights = weights.clone();
    }

    /**
     * The features the weights apply to, in their order: the scaled embedding, the heuristic scores outside and inside
     * quotation marks, and 1 (the bias).
     *
     * @param unitEmbedding the text's embedding, of unit length
     * @param heuristic the heuristics' score
     * @return {@value #DIMENSIONS} + 3 features
     */
    public static double[] features(float[] unitEmbedding, InjectionHeuristics.Score heuristic) {
        double[] x = new double[DIMENSIONS + 3];
        for (int i = 0; i < DIMENSIONS; i++) {
            x[i] = unitEmbedding[i] * SCALE;
        }
        x[DIMENSIONS] = heuristic.unquoted();
        x[DIMENSIONS + 1] = heuristic.quoted();
        x[DIMENSIONS + 2] = 1;
        return x;
    }

    /**
     * The likelihood of an injection.
     *
     * @param features from {@link #features}
     * @return a probability in (0, 1)
     */
    public double probability(double[] features) {
        double z = 0;
        for (int i = 0; i < weights.length; i++) {
            z += weights[i] * features[i];
        }
        return 1 / (1 + Math.exp(-z));
    }

    /**
     * The weight of the heuristics' score outside quotation marks.
     *
     * @return the weight
     */
    public double heuristicWeight() {
        return weights[DIMENSIONS];
    }

    /**
     * The weight of the heuristics' score inside quotation marks.
     *
     * @return the weight
     */
    public double quotedHeuristicWeight() {
        return weights[DIMENSIONS + 1];
    }

    /**
     * Reads a model written by {@link #write}.
     *
     * @param resource a classpath resource
     * @return the model
     * @throws UncheckedIOException if the resource is missing or unreadable
     * @throws IllegalArgumentException if it does not hold a model
     */
    public static InjectionModel read(String resource) {
        List<Double> w = new ArrayList<>();
        try (InputStream in = InjectionModel.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IOException("no resource " + resource);
            }
            BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
            for (String line = reader.readLine(); line != null; line = reader.readLine()) {
                String s = line.strip();
                if (!s.isEmpty() && !s.startsWith("#")) {
                    w.add(Double.parseDouble(s));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(resource + " holds a line that is not a number: " + e.getMessage(), e);
        }
        return new InjectionModel(w.stream().mapToDouble(Double::doubleValue).toArray());
    }

    /**
     * Writes the weights, one a line, after comment lines.
     *
     * @param out where to
     * @param comments lines to put first, each written after {@code # }
     * @throws IOException if writing fails
     */
    public void write(Writer out, List<String> comments) throws IOException {
        for (String c : comments) {
            out.write("# " + c + "\n");
        }
        for (double w : weights) {
            out.write(String.format(Locale.ROOT, "%.8f%n", w));
        }
    }
}
