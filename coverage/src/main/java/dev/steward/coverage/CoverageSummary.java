package dev.steward.coverage;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * Prints line coverage per module and in total from JaCoCo's aggregated CSV report, so that the figures stand at the
 * end of the build log. Never fails the build: a missing or unreadable report is a note, not an error (the floors
 * are enforced by {@code jacoco:check} in the modules).
 */
public final class CoverageSummary {

    private CoverageSummary() {}

    /**
     * Prints the summary.
     *
     * @param args the CSV report, then optionally the line floor (a ratio such as {@code 0.80}) and the modules it
     *     applies to
     */
    public static void main(String[] args) {
        Path csv = Path.of(args.length > 0 ? args[0] : "target/site/jacoco-aggregate/jacoco.csv");
        String floor = args.length > 1 ? args[1] : null;
        Set<String> floored = Set.copyOf(Arrays.asList(args).subList(Math.min(args.length, 2), args.length));
        List<String> out;
        try {
            out = Files.exists(csv)
                    ? summarize(Files.readAllLines(csv, StandardCharsets.UTF_8), floor, floored)
                    : List.of("No coverage report at " + csv + " (no execution data: were the tests skipped?)");
        } catch (IOException | RuntimeException e) {
            out = List.of("Coverage report " + csv + " could not be read: " + e);
        }
        out.forEach(System.out::println);
    }

    /**
     * The lines to print for a JaCoCo CSV report.
     *
     * @param csv the report's lines, header first
     * @param floor the line floor as a ratio, or {@code null}
     * @param floored the modules the floor applies to
     * @return the summary: a heading, one line per module, then the total
     */
    static List<String> summarize(List<String> csv, String floor, Set<String> floored) {
        if (csv.isEmpty()) {
            return List.of("Coverage report is empty");
        }
        List<String> header = Arrays.asList(csv.get(0).split(","));
        int group = header.indexOf("GROUP");
        int missed = header.indexOf("LINE_MISSED");
        int covered = header.indexOf("LINE_COVERED");
        if (group < 0 || missed < 0 || covered < 0) {
            return List.of("Coverage report has no GROUP, LINE_MISSED and LINE_COVERED columns: " + csv.get(0));
        }
        Map<String, long[]> modules = new TreeMap<>();
        for (String row : csv.subList(1, csv.size())) {
            String[] cells = row.split(",", -1);
            if (cells.length <= Math.max(group, Math.max(missed, covered))) {
                continue;
            }
            String name = cells[group].substring(cells[group].lastIndexOf('/') + 1);
            long[] lines = modules.computeIfAbsent(name, n -> new long[2]);
            try {
                lines[0] += Long.parseLong(cells[missed].trim());
                lines[1] += Long.parseLong(cells[covered].trim());
            } catch (NumberFormatException e) {
                // not a data row
            }
        }
        String note = floor == null
                ? ""
                : "; * = at least " + percent(Double.parseDouble(floor)) + " by its own unit tests, checked";
        List<String> out = new ArrayList<>();
        out.add("Line coverage by all tests that ran in the build's JVMs" + note);
        long totalMissed = 0;
        long totalCovered = 0;
        for (Map.Entry<String, long[]> m : modules.entrySet()) {
            long[] lines = m.getValue();
            totalMissed += lines[0];
            totalCovered += lines[1];
            String name = m.getKey() + (floor != null && floored.contains(m.getKey()) ? " *" : "");
            out.add(row(name, lines[0], lines[1]));
        }
        out.add(row("total", totalMissed, totalCovered));
        return out;
    }

    private static String row(String name, long missed, long covered) {
        long all = missed + covered;
        String ratio = all == 0 ? "    -" : percent((double) covered / all);
        return String.format(Locale.ROOT, "  %-22s %8s   %6d of %6d lines", name, ratio, covered, all);
    }

    private static String percent(double ratio) {
        return String.format(Locale.ROOT, "%.1f %%", 100 * ratio);
    }
}
