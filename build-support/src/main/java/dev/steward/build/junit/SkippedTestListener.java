package dev.steward.build.junit;

import java.util.Objects;
import java.util.function.Consumer;
import org.junit.platform.engine.TestExecutionResult;
import org.junit.platform.engine.TestSource;
import org.junit.platform.engine.support.descriptor.ClassSource;
import org.junit.platform.engine.support.descriptor.MethodSource;
import org.junit.platform.launcher.TestExecutionListener;
import org.junit.platform.launcher.TestIdentifier;

/**
 * Prints one console line for every test or test class that did not run, with its reason: disabled
 * ({@code @Disabled}, a condition such as {@code @EnabledIfEnvironmentVariable}) or aborted (a failed assumption,
 * {@code Assumptions.abort}). Surefire and failsafe count a skipped test, but show its reason only in the XML report;
 * a class aborted in {@code @BeforeAll} they show as "Tests run: 0, Skipped: 0", which hides it completely. Each line
 * reads
 *
 * <pre>SKIPPED dev.steward.providers.redis.RedisRateLimiterIT#aBucketRefillsWithTime: Redis is not reachable ...</pre>
 *
 * with the class alone for a class that was skipped as a whole. Registered with {@link java.util.ServiceLoader}, so
 * the JUnit Platform launcher of every surefire and failsafe run picks it up from the test classpath.
 *
 * <p>Thread-safe: it keeps no state, and each line is written in one call.
 */
public final class SkippedTestListener implements TestExecutionListener {

    /** What every line starts with, so that a log search finds them all. */
    public static final String PREFIX = "SKIPPED ";

    private final Consumer<String> out;

    /** Prints to {@code System.out}, where surefire and failsafe forward a test JVM's output to the console. */
    public SkippedTestListener() {
        // looked up at each line: the test framework may replace System.out after this listener was made
        this(line -> System.out.println(line));
    }

    /**
     * Prints to a sink of lines.
     *
     * @param out receives each line, without a line break
     * @throws NullPointerException if {@code out} is {@code null}
     */
    public SkippedTestListener(Consumer<String> out) {
        this.out = Objects.requireNonNull(out, "out");
    }

    /** A test or container skipped before it started; a skipped container's children are not reported at all. */
    @Override
    public void executionSkipped(TestIdentifier test, String reason) {
        print(test, reason == null || reason.isBlank() ? "no reason given" : reason);
    }

    /** A test or container that started and was aborted, typically by an assumption that did not hold. */
    @Override
    public void executionFinished(TestIdentifier test, TestExecutionResult result) {
        if (result.getStatus() != TestExecutionResult.Status.ABORTED) {
            return;
        }
        String reason = result.getThrowable()
                .map(t -> t.getMessage() == null || t.getMessage().isBlank()
                        ? t.getClass().getName()
                        : t.getMessage())
                .orElse("aborted");
        print(test, reason);
    }

    private void print(TestIdentifier test, String reason) {
        // one line per test, whatever the reason holds
        out.accept(PREFIX + name(test) + ": " + reason.strip().replaceAll("\\s*\\R\\s*", " "));
    }

    /**
     * The name a developer would look for: {@code Class#method} for a test method, the class for a test class, and
     * the display name added for a repeated or parameterized invocation or a dynamic test.
     */
    static String name(TestIdentifier test) {
        TestSource source = test.getSource().orElse(null);
        if (source instanceof MethodSource method) {
            String name = method.getClassName() + "#" + method.getMethodName();
            // a plain test method is the last segment "method"; invocations of templates and factories are not
            String kind = test.getUniqueIdObject().getLastSegment().getType();
            return "method".equals(kind) ? name : name + " " + test.getDisplayName();
        }
        if (source instanceof ClassSource type) {
            return type.getClassName();
        }
        return test.getDisplayName();
    }
}
