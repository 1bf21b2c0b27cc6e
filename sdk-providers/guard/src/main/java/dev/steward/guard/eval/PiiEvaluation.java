package dev.steward.guard.eval;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.steward.api.spi.Redactor;
import dev.steward.core.config.ConfigKeys;
import dev.steward.core.config.ConfigValues;
import dev.steward.guard.GuardInterceptorFactory;
import dev.steward.guard.redact.Redaction;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * Measures the redactors on rows {@code {"text": ..., "spans": [{"start", "end", "type"}]}}: a found value is a true
 * positive when a span of the same type has exactly its start and end. Types are compared by name; the built-in
 * redactors use the names of the common PII benchmarks ({@code EMAIL_ADDRESS}, {@code PHONE_NUMBER},
 * {@code CREDIT_CARD}, {@code IBAN_CODE}, {@code US_SSN}, {@code IP_ADDRESS}, {@code CRYPTO}, {@code URL}).
 */
public final class PiiEvaluation {

    /** Counts of one type. */
    public static final class Counts {
        int truePositives;
        int falsePositives;
        int falseNegatives;

        /** @return true positives / found, or 1 when nothing was found */
        public double precision() {
            int found = truePositives + falsePositives;
            return found == 0 ? 1 : (double) truePositives / found;
        }

        /** @return true positives / annotated, or 1 when nothing was annotated */
        public double recall() {
            int gold = truePositives + falseNegatives;
            return gold == 0 ? 1 : (double) truePositives / gold;
        }

        /** @return the harmonic mean of precision and recall */
        public double f1() {
            double p = precision();
            double r = recall();
            return p + r == 0 ? 0 : 2 * p * r / (p + r);
        }

        /** @return the number of annotated spans */
        public int n() {
            return truePositives + falseNegatives;
        }
    }

    private PiiEvaluation() {}

    /**
     * Evaluates a file.
     *
     * @param file JSON lines
     * @param redaction the redactors
     * @return counts by type, with {@code ALL} last
     * @throws IOException if the file cannot be read
     */
    public static Map<String, Counts> evaluate(Path file, Redaction redaction) throws IOException {
        ObjectMapper json = new ObjectMapper();
        Map<String, Counts> byType = new TreeMap<>();
        Counts all = new Counts();
        for (String line : Files.readAllLines(file)) {
            if (line.isBlank()) {
                continue;
            }
            JsonNode row = json.readTree(line);
            String text = row.get("text").asText();
            Set<String> gold = new HashSet<>();
            for (JsonNode s : row.get("spans")) {
                gold.add(s.get("start").asInt() + ":" + s.get("end").asInt() + ":"
                        + s.get("type").asText());
            }
            Set<String> found = new HashSet<>();
            for (Redactor.Finding f : redaction.find("evaluation", text)) {
                found.add(f.start() + ":" + f.end() + ":" + f.type());
            }
            for (String g : gold) {
                Counts c = byType.computeIfAbsent(type(g), t -> new Counts());
                if (found.contains(g)) {
                    c.truePositives++;
                    all.truePositives++;
                } else {
                    c.falseNegatives++;
                    all.falseNegatives++;
                }
            }
            for (String f : found) {
                if (!gold.contains(f)) {
                    byType.computeIfAbsent(type(f), t -> new Counts()).falsePositives++;
                    all.falsePositives++;
                }
            }
        }
        Map<String, Counts> ordered = new java.util.LinkedHashMap<>(byType);
        ordered.put("ALL", all);
        return ordered;
    }

    /**
     * Every built-in redactor, with the default phone regions.
     *
     * @return the redaction
     */
    public static Redaction everyDetector() {
        return GuardInterceptorFactory.redaction(ConfigValues.of(Map.of(
                ConfigKeys.GUARD_REDACTION_DETECTORS, String.join(",", GuardInterceptorFactory.builtInDetectors()))));
    }

    private static String type(String key) {
        return key.substring(key.indexOf(':', key.indexOf(':') + 1) + 1);
    }

    /**
     * Prints one line per type and {@code ALL}: {@code TYPE precision=0.000 recall=0.000 f1=0.000 n=N}.
     *
     * @param counts the counts
     * @param out where to print
     */
    public static void print(Map<String, Counts> counts, PrintStream out) {
        counts.forEach((type, c) -> out.printf(
                Locale.ROOT,
                "%s precision=%.3f recall=%.3f f1=%.3f n=%d%n",
                type,
                c.precision(),
                c.recall(),
                c.f1(),
                c.n()));
    }

    /**
     * Evaluates every built-in redactor (those on by default and {@code url}) on a file and prints the lines, then
     * the detectors' speed: the fastest of several timed rounds, so that other work on the machine weighs less.
     *
     * @param args the file
     * @throws IOException if the file cannot be read
     */
    public static void main(String[] args) throws IOException {
        if (args.length != 1) {
            System.err.println("usage: eval-pii.sh FILE.jsonl");
            System.exit(2);
        }
        Path file = Path.of(args[0]);
        Redaction redaction = everyDetector();
        print(evaluate(file, redaction), System.out);
        List<String> texts = Files.readAllLines(file).stream()
                .filter(l -> !l.isBlank())
                .map(l -> {
                    try {
                        return new ObjectMapper().readTree(l).get("text").asText();
                    } catch (IOException e) {
                        throw new java.io.UncheckedIOException(e);
                    }
                })
                .toList();
        long chars = texts.stream().mapToLong(String::length).sum();
        for (int warm = 0; warm < 5; warm++) {
            texts.forEach(t -> redaction.find("evaluation", t));
        }
        double kb = chars / 1024.0;
        System.out.printf(
                Locale.ROOT,
                "latency all ms_per_kb=%.3f texts=%d%n",
                fastestRound(() -> texts.forEach(t -> redaction.find("evaluation", t))) / kb,
                texts.size());
        for (Redactor r : redaction.redactors()) {
            System.out.printf(
                    Locale.ROOT,
                    "latency %s ms_per_kb=%.3f%n",
                    r.name(),
                    fastestRound(() -> texts.forEach(r::find)) / kb);
        }
    }

    /** The milliseconds of the fastest of 20 rounds, each of one pass. */
    private static double fastestRound(Runnable pass) {
        double best = Double.MAX_VALUE;
        for (int r = 0; r < 20; r++) {
            long t0 = System.nanoTime();
            pass.run();
            best = Math.min(best, (System.nanoTime() - t0) / 1e6);
        }
        return best;
    }
}
