package dev.steward.build.junit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;

import dev.steward.build.junit.fixtures.AbortedInBeforeAllFixture;
import dev.steward.build.junit.fixtures.DisabledClassFixture;
import dev.steward.build.junit.fixtures.MixedFixture;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.ServiceLoader;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.junit.platform.launcher.Launcher;
import org.junit.platform.launcher.LauncherDiscoveryRequest;
import org.junit.platform.launcher.TestExecutionListener;
import org.junit.platform.launcher.core.LauncherConfig;
import org.junit.platform.launcher.core.LauncherDiscoveryRequestBuilder;
import org.junit.platform.launcher.core.LauncherFactory;

/**
 * Runs fixture classes (named {@code *Fixture}, so the build does not run them itself) on a real JUnit Platform
 * launcher and reads what the listener printed.
 */
class SkippedTestListenerTest {

    private static final String FIXTURES = "dev.steward.build.junit.fixtures.";

    @Test
    void printsAClassAbortedInBeforeAllOnceWithItsReasonThoughNoneOfItsTestsIsReported() {
        assertThat(run(AbortedInBeforeAllFixture.class))
                .containsExactly("SKIPPED " + FIXTURES
                        + "AbortedInBeforeAllFixture: PostgreSQL is not reachable at 127.0.0.1:5432 (Connection"
                        + " refused)");
    }

    @Test
    void printsAClassSwitchedOffByAConditionWithTheConditionsReason() {
        assertThat(run(DisabledClassFixture.class))
                .singleElement()
                .asString()
                .startsWith("SKIPPED " + FIXTURES + "DisabledClassFixture: ")
                .contains("STEWARD_FIXTURE_NEVER_SET");
    }

    @Test
    void printsEachSkippedTestOnOneLineWithItsReasonAndNothingForTestsThatRanOrFailed() {
        String mixed = "SKIPPED " + FIXTURES + "MixedFixture#";
        assertThat(run(MixedFixture.class))
                .containsExactlyInAnyOrder(
                        mixed + "assumes: Assumption failed: the gateway is not installed: npm was not found",
                        mixed + "disabled: waits for the next release",
                        mixed + "eachNumber [2] 2: Assumption failed: only one",
                        mixed + "dynamic skipped dynamically: Assumption failed: dynamic");
    }

    @Test
    void isFoundByEveryLauncherThroughTheServiceLoaderAndPrintsToStandardOutput() {
        assertThat(ServiceLoader.load(TestExecutionListener.class).stream().map(ServiceLoader.Provider::type))
                .contains(SkippedTestListener.class);

        // the launcher as surefire and failsafe make it: listeners registered as services are added automatically
        Launcher launcher = LauncherFactory.create();
        PrintStream console = System.out;
        ByteArrayOutputStream printed = new ByteArrayOutputStream();
        System.setOut(new PrintStream(printed, true, StandardCharsets.UTF_8));
        try {
            launcher.execute(request(AbortedInBeforeAllFixture.class));
        } finally {
            System.setOut(console);
        }
        assertThat(printed.toString(StandardCharsets.UTF_8))
                .contains("SKIPPED " + FIXTURES + "AbortedInBeforeAllFixture: PostgreSQL is not reachable");
    }

    @Test
    void needsASink() {
        assertThatThrownBy(() -> new SkippedTestListener(null)).isInstanceOf(NullPointerException.class);
    }

    private static List<String> run(Class<?> fixture) {
        List<String> lines = new CopyOnWriteArrayList<>();
        // without the listeners registered as services, or this one would print the fixtures' skips to the build log
        Launcher launcher = LauncherFactory.create(LauncherConfig.builder()
                .enableTestExecutionListenerAutoRegistration(false)
                .build());
        launcher.execute(request(fixture), new SkippedTestListener(lines::add));
        return lines;
    }

    private static LauncherDiscoveryRequest request(Class<?> fixture) {
        return LauncherDiscoveryRequestBuilder.request()
                .selectors(selectClass(fixture))
                .build();
    }
}
