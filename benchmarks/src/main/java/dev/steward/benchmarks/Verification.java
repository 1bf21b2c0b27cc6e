package dev.steward.benchmarks;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The end-of-trial checks that benchmarks run in their forked JVMs (calls made, audit lines written, money settled),
 * passed back to the summary through a file named by the system property {@value #PROPERTY}. Each check is one
 * tab-separated line.
 */
public final class Verification {

    /** The system property naming the file checks are appended to. */
    public static final String PROPERTY = "steward.bench.verification";

    /**
     * One check.
     *
     * @param label which benchmark
     * @param calls operations made
     * @param auditLines lines in the audit file, or -1 when not applicable
     * @param listenerRecords records the listener saw, or -1
     * @param spent amount settled in the ledger
     * @param expectedSpent what it must be
     */
    public record Check(
            String label, long calls, long auditLines, long listenerRecords, long spent, long expectedSpent) {

        /**
         * Whether every count agrees.
         *
         * @return {@code true} when they do
         */
        public boolean exact() {
            return (auditLines < 0 || auditLines == calls)
                    && (listenerRecords < 0 || listenerRecords == calls)
                    && spent == expectedSpent;
        }
    }

    private Verification() {}

    /**
     * Prints a check and, when the property is set, appends it to the file.
     *
     * @param label which benchmark
     * @param calls operations made
     * @param auditLines lines in the audit file, or -1 when not applicable
     * @param listenerRecords records the listener saw, or -1
     * @param spent amount settled in the ledger
     * @param expectedSpent what it must be
     */
    public static synchronized void record(
            String label, long calls, long auditLines, long listenerRecords, long spent, long expectedSpent) {
        String line = String.join(
                "\t",
                label,
                Long.toString(calls),
                Long.toString(auditLines),
                Long.toString(listenerRecords),
                Long.toString(spent),
                Long.toString(expectedSpent));
        System.out.println("verification " + line);
        String file = System.getProperty(PROPERTY);
        if (file == null) {
            return;
        }
        try {
            Files.writeString(
                    Path.of(file),
                    line + "\n",
                    StandardCharsets.UTF_8,
                    StandardOpenOption.CREATE,
                    StandardOpenOption.APPEND);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Reads the checks in a file, the last one of each label winning.
     *
     * @param file the file
     * @return the checks by label
     */
    public static Map<String, Check> read(Path file) {
        Map<String, Check> checks = new LinkedHashMap<>();
        if (!Files.exists(file)) {
            return checks;
        }
        try {
            List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
            for (String line : lines) {
                String[] f = line.split("\t");
                if (f.length == 6) {
                    checks.put(
                            f[0],
                            new Check(
                                    f[0],
                                    Long.parseLong(f[1]),
                                    Long.parseLong(f[2]),
                                    Long.parseLong(f[3]),
                                    Long.parseLong(f[4]),
                                    Long.parseLong(f[5])));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return checks;
    }
}
