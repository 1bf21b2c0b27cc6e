package dev.steward.guard.eval;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.steward.guard.injection.InjectionScorer;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * Measures the injection scorer on rows {@code {"text": ..., "label": "injection"|"benign", "subset": ...}}: per
 * subset and for {@code ALL}, the share of injections at or above the threshold (true-positive rate) and of benign
 * texts at or above it (false-positive rate), then the median and 99th-percentile time to score one text and the
 * threshold used.
 */
public final class InjectionEvaluation {

    private InjectionEvaluation() {}

    /** One scored row. */
    record Scored(String subset, boolean injection, double score) {}

    /**
     * Scores every row of a file.
     *
     * @param file JSON lines
     * @param scorer the scorer
     * @param nanos where to add the time each text took, or {@code null}
     * @return the scored rows
     * @throws IOException if the file cannot be read
     */
    static List<Scored> score(Path file, InjectionScorer scorer, List<Long> nanos) throws IOException {
        ObjectMapper json = new ObjectMapper();
        List<Scored> out = new ArrayList<>();
        for (String line : Files.readAllLines(file)) {
            if (line.isBlank()) {
                continue;
            }
            JsonNode row = json.readTree(line);
            long start = System.nanoTime();
            double s = scorer.score(row.get("text").asText());
            if (nanos != null) {
                nanos.add(System.nanoTime() - start);
            }
            out.add(new Scored(
                    row.path("subset").asText("all"), row.get("label").asText().equals("injection"), s));
        }
        return out;
    }

    /**
     * The lines {@code SUBSET tpr=0.000 fpr=0.000 n=N}, per subset and {@code ALL} last.
     *
     * @param rows the scored rows
     * @param threshold the threshold
     * @return rates by subset: {tpr, fpr, n}
     */
    static Map<String, double[]> rates(List<Scored> rows, double threshold) {
        Map<String, List<Scored>> bySubset = new TreeMap<>();
        rows.forEach(r ->
                bySubset.computeIfAbsent(r.subset(), k -> new ArrayList<>()).add(r));
        Map<String, double[]> out = new LinkedHashMap<>();
        bySubset.forEach((k, v) -> out.put(k, rate(v, threshold)));
        out.put("ALL", rate(rows, threshold));
        return out;
    }

    private static double[] rate(List<Scored> rows, double threshold) {
        int pos = 0, tp = 0, neg = 0, fp = 0;
        for (Scored r : rows) {
            boolean flagged = r.score() >= threshold;
            if (r.injection()) {
                pos++;
                tp += flagged ? 1 : 0;
            } else {
                neg++;
                fp += flagged ? 1 : 0;
            }
        }
        // a subset without injections has no true-positive rate to miss, and one without benign texts no false one
        return new double[] {pos == 0 ? 1 : (double) tp / pos, neg == 0 ? 0 : (double) fp / neg, rows.size()};
    }

    /**
     * Scores a file with the shipped scorer and prints the lines.
     *
     * @param args the file, and optionally the threshold (default: the guard's default threshold)
     * @throws IOException if the file cannot be read
     */
    public static void main(String[] args) throws IOException {
        if (args.length < 1 || args.length > 2) {
            System.err.println("usage: eval-injection.sh FILE.jsonl [THRESHOLD]");
            System.exit(2);
        }
        double threshold = args.length == 2 ? Double.parseDouble(args[1]) : InjectionTraining.OPERATING_POINT;
        try (InjectionScorer scorer = InjectionScorer.standard()) {
            Path file = Path.of(args[0]);
            score(file, scorer, null); // warm-up: the first texts pay for loading and compiling
            List<Long> nanos = new ArrayList<>();
            List<Scored> rows = score(file, scorer, nanos);
            rates(rows, threshold)
                    .forEach((k, v) ->
                            System.out.printf(Locale.ROOT, "%s tpr=%.3f fpr=%.3f n=%d%n", k, v[0], v[1], (int) v[2]));
            long[] sorted = nanos.stream().mapToLong(Long::longValue).sorted().toArray();
            System.out.printf(
                    Locale.ROOT,
                    "latency median_ms=%.2f p99_ms=%.2f texts=%d threshold=%.2f%n",
                    sorted[sorted.length / 2] / 1e6,
                    sorted[Math.min(sorted.length - 1, (int) Math.ceil(sorted.length * 0.99) - 1)] / 1e6,
                    sorted.length,
                    threshold);
            Arrays.fill(sorted, 0);
        }
    }
}
