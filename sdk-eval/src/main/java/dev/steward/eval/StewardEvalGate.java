package dev.steward.eval;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * A JUnit 5 test that runs the {@link EvalGate} of a capability's prompt: the annotated method is a test, which may
 * declare an {@link EvalGate.Builder} parameter to add in-process providers or change any setting; when the method
 * returns, the gate runs the candidate and the baseline version through the real pipeline, writes its JSON report,
 * publishes both pass rates and the report's path as report entries of the test, and fails the test with
 * {@link EvalGateFailedException} when the candidate regresses.
 *
 * <pre>
 * &#64;StewardEvalGate(capability = "claims.triage", route = "triage", candidate = "v2", tolerance = 0.05,
 *         minimumPassRate = 0.9)
 * void triageV2(EvalGate.Builder gate) {
 *     gate.provider(new MyInProcessEngine()); // optional
 * }
 * </pre>
 *
 * <p>The gate reads the application's configuration from the properties file {@link #config()} on the test class
 * path (keys of MicroProfile Config profiles, starting with {@code %}, are left out) and loads prompts, eval sets and
 * provider factories with the test class's class loader. The system property {@value #CANDIDATE_PROPERTY}, when set,
 * overrides the candidate of every {@code @StewardEvalGate} of the run, so a build can gate another version without a
 * code change.
 *
 * <p>A test with JUnit Jupiter on its class path: {@code steward-eval} depends on {@code junit-jupiter-api} only as
 * {@code provided}.
 */
@Target(ElementType.METHOD)
@Retention(RetentionPolicy.RUNTIME)
@Documented
@Test
@ExtendWith(EvalGateExtension.class)
public @interface StewardEvalGate {

    /** The system property that, when set, overrides {@link #candidate()}. */
    String CANDIDATE_PROPERTY = "steward.eval.candidate";

    /** The configuration file read by default, as a MicroProfile application ships it. */
    String DEFAULT_CONFIG = "META-INF/microprofile-config.properties";

    /**
     * The capability whose prompt is evaluated.
     *
     * @return the capability name
     */
    String capability();

    /**
     * The prompt id, when it is not the capability's name.
     *
     * @return the prompt id, or empty for the capability's name
     */
    String prompt() default "";

    /**
     * The version under test; {@value #CANDIDATE_PROPERTY} overrides it. The test fails with
     * {@link IllegalStateException} when neither sets one.
     *
     * @return the candidate version
     */
    String candidate() default "";

    /**
     * The version to compare with; by default the configured pin, else the latest other listed version (see
     * {@link EvalGate.Builder#baseline(String)}).
     *
     * @return the baseline version, or empty for the default
     */
    String baseline() default "";

    /**
     * The route that answers when the configuration sets none for the capability.
     *
     * @return the route name
     */
    String route() default "default";

    /**
     * How far below the baseline's pass rate the candidate's may fall, a share in [0, 1].
     *
     * @return the tolerance
     */
    double tolerance() default 0;

    /**
     * The pass rate the candidate must reach whatever the baseline's, a share in [0, 1].
     *
     * @return the absolute bar
     */
    double minimumPassRate() default 0;

    /**
     * The properties file on the test class path that holds the application's configuration: its providers, routes
     * and pin. Empty for none; the test fails with {@link IllegalArgumentException} when a named file is missing.
     *
     * @return the resource name
     */
    String config() default DEFAULT_CONFIG;

    /**
     * Where the JSON report goes, relative to the working directory (the module under Maven).
     *
     * @return the folder
     */
    String reportDirectory() default "target/steward-evals";
}
