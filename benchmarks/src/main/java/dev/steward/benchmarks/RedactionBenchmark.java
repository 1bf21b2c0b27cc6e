package dev.steward.benchmarks;

import dev.steward.core.config.ConfigKeys;
import dev.steward.core.config.ConfigValues;
import dev.steward.guard.GuardInterceptorFactory;
import dev.steward.guard.eval.PiiEvaluation;
import dev.steward.guard.redact.Redaction;
import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Threads;

/**
 * The guard's pattern detectors on the texts of Microsoft Presidio's recognizer cases, which the guard keeps as test
 * data ({@link #CASES}, read in place): one operation is one {@link Redaction#find} per text over the whole file, so
 * its time over the file's kilobytes is the detectors' cost per kilobyte. {@code detectors=all} runs every built-in
 * detector together, as {@link PiiEvaluation#everyDetector()} builds them ({@code url} included) and as one call's
 * redaction runs them, overlaps resolved; any other value runs that detector alone, configured as
 * {@code steward.guard.redaction.detectors} would configure it.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Threads(1)
public class RedactionBenchmark {

    /** The recognizer cases, from the project root; {@code -Dsteward.bench.guard.pii-cases=FILE} names another. */
    public static final DataFile CASES = new DataFile(
            "steward.bench.guard.pii-cases", "sdk-providers/guard/src/test/resources/pii/recognizer_cases.jsonl");

    /** The {@code detectors} value that runs every built-in detector together. */
    public static final String EVERY_DETECTOR = "all";

    /** The texts and the detectors that run over them. */
    @State(Scope.Benchmark)
    public static class Texts {
        /** {@value #EVERY_DETECTOR}, or the name of one built-in detector. */
        @Param({
            EVERY_DETECTOR,
            "credit-card",
            "iban",
            "crypto",
            "us-ssn",
            "email",
            "ip-address",
            "date-of-birth",
            "phone",
            "url"
        })
        public String detectors = EVERY_DETECTOR;

        List<String> texts;
        Redaction redaction;

        @Setup(Level.Trial)
        public void setUp() throws IOException {
            texts = DataFile.texts(CASES.locate());
            redaction = detectors.equals(EVERY_DETECTOR)
                    ? PiiEvaluation.everyDetector()
                    : GuardInterceptorFactory.redaction(
                            ConfigValues.of(Map.of(ConfigKeys.GUARD_REDACTION_DETECTORS, detectors)));
        }
    }

    /**
     * Redacts every text of the file once.
     *
     * @param s the texts and detectors
     * @return the number of values found, overlaps resolved
     */
    @Benchmark
    public int findInEveryText(Texts s) {
        int found = 0;
        for (String text : s.texts) {
            found += s.redaction.find("benchmark", text).size();
        }
        return found;
    }
}
