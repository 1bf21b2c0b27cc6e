package dev.steward.eval;

/**
 * A candidate prompt version regressed: its pass rate fell below the pinned version's by more than the tolerance, or
 * below the absolute bar. An {@link AssertionError}, so every test framework and build reports it as a failed test.
 */
public final class EvalGateFailedException extends AssertionError {

    private static final long serialVersionUID = 1L;

    private final transient EvalReport report;

    /**
     * Creates the failure.
     *
     * @param report the report of the run that failed
     */
    public EvalGateFailedException(EvalReport report) {
        super("prompt " + report.prompt() + " version " + report.candidate().version() + " fails the eval gate: "
                + String.join("; ", report.reasons()));
        this.report = report;
    }

    /**
     * The report of the run that failed.
     *
     * @return the report
     */
    public EvalReport report() {
        return report;
    }
}
