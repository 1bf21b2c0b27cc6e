package dev.steward.guard.eval;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.steward.guard.injection.InjectionHeuristics;
import dev.steward.guard.injection.InjectionModel;
import dev.steward.guard.injection.InjectionScorer;
import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Trains the shipped {@link InjectionModel} on labelled rows ({@code {"text": ..., "label": "injection"|"benign"}}),
 * reproducibly: L2-regularised logistic regression fitted by Newton's method, classes weighted to equal total weight,
 * the heuristic scores regularised less than the embedding dimensions.
 * The regularisation strength is chosen by five-fold cross-validation on the same rows (folds fixed by row position),
 * maximising the true-positive rate at the largest pooled out-of-fold false-positive rate not above {@link
 * #TARGET_FPR}; the threshold that reaches it becomes the operating point, which the bias then moves to {@link
 * #OPERATING_POINT}, the guard's default threshold. No held-out row is read.
 */
public final class InjectionTraining {

    /** The out-of-fold false-positive rate the operating point is chosen for: below the 5 % target, for margin. */
    public static final double TARGET_FPR = 0.04;

    /** Where the operating point is placed on the model's scale: the guard's default threshold. */
    public static final double OPERATING_POINT = InjectionModel.OPERATING_POINT;

    static final double[] STRENGTHS = {3, 10, 30, 100, 300, 1000};

    // the heuristic scores are strong features among 384 weak ones: they are held back less than each of them
    private static final double HEURISTIC_STRENGTH = 1;
    private static final int FOLDS = 5;
    private static final int NEWTON_STEPS = 30;

    private InjectionTraining() {}

    /** The outcome of a training run. */
    public record Result(InjectionModel model, double strength, double threshold, double cvTpr, double cvFpr) {}

    /**
     * Trains a model on feature rows.
     *
     * @param x the features of each row ({@link InjectionScorer#features})
     * @param injection whether each row is an injection
     * @return the model with its cross-validated figures
     */
    public static Result train(double[][] x, boolean[] injection) {
        Result best = null;
        for (double strength : STRENGTHS) {
            double[] oof = new double[x.length];
            for (int fold = 0; fold < FOLDS; fold++) {
                List<Integer> train = new ArrayList<>();
                for (int i = 0; i < x.length; i++) {
                    if (i % FOLDS != fold) {
                        train.add(i);
                    }
                }
                double[] w = fit(x, injection, train, strength);
                for (int i = fold; i < x.length; i += FOLDS) {
                    oof[i] = logit(w, x[i]);
                }
            }
            double[] op = operatingPoint(oof, injection);
            if (best == null || op[1] > best.cvTpr() + 1e-9) {
                best = new Result(null, strength, op[0], op[1], op[2]);
            }
        }
        List<Integer> all = new ArrayList<>();
        for (int i = 0; i < x.length; i++) {
            all.add(i);
        }
        double[] w = fit(x, injection, all, best.strength());
        // shift the bias so that the chosen logit threshold maps to the operating point
        w[w.length - 1] += Math.log(OPERATING_POINT / (1 - OPERATING_POINT)) - best.threshold();
        return new Result(new InjectionModel(w), best.strength(), best.threshold(), best.cvTpr(), best.cvFpr());
    }

    // {threshold (a logit), tpr, fpr}: the lowest threshold whose false-positive rate stays within the target
    private static double[] operatingPoint(double[] logits, boolean[] injection) {
        List<Double> benign = new ArrayList<>();
        int positives = 0;
        for (int i = 0; i < logits.length; i++) {
            if (injection[i]) {
                positives++;
            } else {
                benign.add(logits[i]);
            }
        }
        benign.sort((a, b) -> Double.compare(b, a));
        int allowed = (int) Math.floor(TARGET_FPR * benign.size());
        double threshold = Math.nextUp(benign.get(allowed));
        int tp = 0;
        int fp = 0;
        for (int i = 0; i < logits.length; i++) {
            if (logits[i] >= threshold) {
                if (injection[i]) {
                    tp++;
                } else {
                    fp++;
                }
            }
        }
        return new double[] {threshold, (double) tp / positives, (double) fp / benign.size()};
    }

    static double logit(double[] w, double[] x) {
        double z = 0;
        for (int i = 0; i < w.length; i++) {
            z += w[i] * x[i];
        }
        return z;
    }

    // Newton's method on the weighted, L2-regularised log-loss (the bias is not regularised)
    static double[] fit(double[][] x, boolean[] injection, List<Integer> rows, double strength) {
        int d = x[0].length;
        int positives = 0;
        for (int i : rows) {
            positives += injection[i] ? 1 : 0;
        }
        double posWeight = rows.size() / (2.0 * positives);
        double negWeight = rows.size() / (2.0 * (rows.size() - positives));
        double[] w = new double[d];
        for (int step = 0; step < NEWTON_STEPS; step++) {
            double[] g = new double[d];
            double[][] h = new double[d][d];
            for (int j = 0; j < d - 1; j++) {
                double lambda = j >= d - 3 ? HEURISTIC_STRENGTH : strength;
                g[j] = lambda * w[j];
                h[j][j] = lambda;
            }
            h[d - 1][d - 1] = 1e-6;
            for (int i : rows) {
                double p = 1 / (1 + Math.exp(-logit(w, x[i])));
                double c = injection[i] ? posWeight : negWeight;
                double r = c * (p - (injection[i] ? 1 : 0));
                double s = c * p * (1 - p);
                double[] xi = x[i];
                for (int a = 0; a < d; a++) {
                    g[a] += r * xi[a];
                    double sa = s * xi[a];
                    if (sa != 0) {
                        double[] ha = h[a];
                        for (int b = a; b < d; b++) {
                            ha[b] += sa * xi[b];
                        }
                    }
                }
            }
            for (int a = 0; a < d; a++) {
                for (int b = 0; b < a; b++) {
                    h[a][b] = h[b][a];
                }
            }
            double[] delta = solve(h, g);
            double change = 0;
            for (int j = 0; j < d; j++) {
                w[j] -= delta[j];
                change = Math.max(change, Math.abs(delta[j]));
            }
            if (change < 1e-7) {
                break;
            }
        }
        return w;
    }

    // Cholesky: the Hessian is symmetric positive definite thanks to the regularisation
    private static double[] solve(double[][] a, double[] b) {
        int n = b.length;
        double[][] l = new double[n][n];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j <= i; j++) {
                double sum = a[i][j];
                for (int k = 0; k < j; k++) {
                    sum -= l[i][k] * l[j][k];
                }
                l[i][j] = i == j ? Math.sqrt(Math.max(sum, 1e-12)) : sum / l[j][j];
            }
        }
        double[] y = new double[n];
        for (int i = 0; i < n; i++) {
            double sum = b[i];
            for (int k = 0; k < i; k++) {
                sum -= l[i][k] * y[k];
            }
            y[i] = sum / l[i][i];
        }
        double[] out = new double[n];
        for (int i = n - 1; i >= 0; i--) {
            double sum = y[i];
            for (int k = i + 1; k < n; k++) {
                sum -= l[k][i] * out[k];
            }
            out[i] = sum / l[i][i];
        }
        return out;
    }

    /**
     * Reads labelled rows and computes their features.
     *
     * @param lines JSON lines
     * @param scorer computes the features
     * @param labels where to put whether each row is an injection, in order
     * @return the features, in order
     * @throws IOException if a line is not JSON
     */
    static double[][] features(List<String> lines, InjectionScorer scorer, List<Boolean> labels) throws IOException {
        ObjectMapper json = new ObjectMapper();
        List<double[]> rows = new ArrayList<>();
        for (String line : lines) {
            if (line.isBlank()) {
                continue;
            }
            JsonNode row = json.readTree(line);
            rows.add(scorer.features(row.get("text").asText()));
            labels.add(row.get("label").asText().equals("injection"));
        }
        return rows.toArray(double[][]::new);
    }

    /**
     * Trains on a file and writes the model.
     *
     * @param args the training rows, and the model file to write
     * @throws IOException if reading or writing fails
     */
    public static void main(String[] args) throws IOException {
        if (args.length != 2) {
            System.err.println("usage: train-injection.sh EXAMPLES.jsonl MODEL.txt");
            System.exit(2);
        }
        List<Boolean> labels = new ArrayList<>();
        double[][] x;
        try (InjectionScorer scorer = new InjectionScorer(
                new InjectionHeuristics(),
                InjectionScorer.standardEmbeddings(),
                new InjectionModel(new double[InjectionModel.DIMENSIONS + 3]))) {
            x = features(Files.readAllLines(Path.of(args[0])), scorer, labels);
        }
        boolean[] injection = new boolean[labels.size()];
        for (int i = 0; i < injection.length; i++) {
            injection[i] = labels.get(i);
        }
        Result r = train(x, injection);
        String summary = String.format(
                Locale.ROOT,
                "rows=%d strength=%s cv_tpr=%.3f cv_fpr=%.3f heuristic_weight=%.3f quoted_heuristic_weight=%.3f",
                x.length,
                r.strength(),
                r.cvTpr(),
                r.cvFpr(),
                r.model().heuristicWeight(),
                r.model().quotedHeuristicWeight());
        try (Writer out = Files.newBufferedWriter(Path.of(args[1]), StandardCharsets.UTF_8)) {
            r.model()
                    .write(
                            out,
                            List.of(
                                    "Injection model: logistic regression over all-MiniLM-L6-v2 embeddings and the"
                                            + " heuristic scores.",
                                    "Written by benchmarks/train-injection.sh from the guard's examples.jsonl; do not"
                                            + " edit.",
                                    "Order: " + InjectionModel.DIMENSIONS
                                            + " embedding weights, the unquoted and quoted heuristic weights, the"
                                            + " bias.",
                                    summary));
        }
        System.out.println(summary);
    }
}
