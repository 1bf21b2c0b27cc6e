package dev.steward.eval;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.util.List;

/**
 * What one run of the gate found: both versions' pass rates and hashes, every row's answers and verdicts, and whether
 * the candidate passed the gate. Immutable.
 *
 * @param prompt the prompt id
 * @param capability the capability the versions were run as
 * @param candidate the candidate version's result
 * @param baseline the pinned (current) version's result
 * @param tolerance how far below the baseline's pass rate the candidate's may fall
 * @param minimumPassRate the absolute bar the candidate must reach
 * @param passed whether the candidate passed the gate
 * @param reasons why it did not, empty when it passed
 * @param rows every row's result, in eval set order
 */
public record EvalReport(
        String prompt,
        String capability,
        VersionResult candidate,
        VersionResult baseline,
        double tolerance,
        double minimumPassRate,
        boolean passed,
        List<String> reasons,
        List<RowResult> rows) {

    private static final ObjectMapper JSON = new ObjectMapper()
            .enable(SerializationFeature.INDENT_OUTPUT)
            .setSerializationInclusion(JsonInclude.Include.NON_NULL);

    /** Copies the lists. */
    public EvalReport {
        reasons = List.copyOf(reasons);
        rows = List.copyOf(rows);
    }

    /**
     * One version's result.
     *
     * @param version the version label
     * @param sha256 the hash of its text, as audit records carry it
     * @param passed how many rows passed
     * @param total how many rows ran
     * @param passRate {@code passed / total}
     */
    public record VersionResult(String version, String sha256, int passed, int total, double passRate) {}

    /**
     * One row, under both versions.
     *
     * @param id the row id
     * @param scorer the scorer's name
     * @param baselineAnswer the baseline's answer, or the failure it met
     * @param baselinePassed whether it passed
     * @param candidateAnswer the candidate's answer, or the failure it met
     * @param candidatePassed whether it passed
     * @param candidateReason why the candidate failed the row, or {@code null}
     */
    public record RowResult(
            String id,
            String scorer,
            String baselineAnswer,
            boolean baselinePassed,
            String candidateAnswer,
            boolean candidatePassed,
            String candidateReason) {}

    /**
     * Fails unless the candidate passed the gate.
     *
     * @throws EvalGateFailedException saying which bar the candidate missed, with both pass rates
     */
    public void assertPassed() {
        if (!passed) {
            throw new EvalGateFailedException(this);
        }
    }

    /**
     * The report as indented JSON.
     *
     * @return the JSON
     */
    public String toJson() {
        try {
            return JSON.writeValueAsString(this);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("an eval report is always writable as JSON", e);
        }
    }
}
