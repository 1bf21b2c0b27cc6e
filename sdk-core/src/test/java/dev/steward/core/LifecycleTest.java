package dev.steward.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.steward.api.ConfigurationException;
import dev.steward.api.spi.InferenceProvider;
import dev.steward.api.spi.InferenceProviderFactory;
import dev.steward.api.spi.ProviderSettings;
import dev.steward.core.audit.InMemoryAuditSink;
import dev.steward.core.config.ConfigValues;
import dev.steward.core.prompt.InMemoryPromptRegistry;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LifecycleTest {

    /** Makes scripted providers and remembers them, so the test can see which were closed. */
    static final class RecordingFactory implements InferenceProviderFactory {
        final List<ScriptedProvider> made = new CopyOnWriteArrayList<>();

        @Override
        public String type() {
            return "scripted";
        }

        @Override
        public Set<String> keys() {
            return Set.of();
        }

        @Override
        public InferenceProvider create(ProviderSettings settings) {
            ScriptedProvider p = new ScriptedProvider(settings.name());
            made.add(p);
            return p;
        }
    }

    private static long stewardThreads() {
        return Thread.getAllStackTraces().keySet().stream()
                .filter(t -> t.isAlive() && t.getName().startsWith("steward-"))
                .count();
    }

    @Test
    void closeClosesTheProvidersItCreatedButNotThoseItWasGiven() throws Exception {
        RecordingFactory factory = new RecordingFactory();
        ScriptedProvider given = new ScriptedProvider("given");
        Steward steward = Steward.builder()
                .config(ConfigValues.of(Map.of(
                        "steward.provider.one.type", "scripted",
                        "steward.provider.two.type", "scripted",
                        "steward.route.default.providers", "one,two,given")))
                .providerFactory(factory)
                .provider(given)
                .promptRegistry(new InMemoryPromptRegistry())
                .auditSink(new InMemoryAuditSink(10))
                .build();

        steward.close();
        steward.close();

        assertThat(factory.made)
                .hasSize(2)
                .allSatisfy(p -> assertThat(p.closed.get()).isEqualTo(1));
        assertThat(given.closed.get()).isZero();
    }

    @Test
    void aBuildThatFailsHalfWayClosesWhatItHadCreated() {
        RecordingFactory factory = new RecordingFactory();
        long before = stewardThreads();

        assertThatThrownBy(() -> Steward.builder()
                        .config(ConfigValues.of(Map.of(
                                "steward.provider.one.type", "scripted",
                                "steward.route.default.providers", "one,missing")))
                        .providerFactory(factory)
                        .promptRegistry(new InMemoryPromptRegistry())
                        .build())
                .isInstanceOf(ConfigurationException.class)
                .hasMessageContaining("unknown provider 'missing'");

        assertThat(factory.made)
                .singleElement()
                .satisfies(p -> assertThat(p.closed.get()).isEqualTo(1));
        assertThat(stewardThreads()).isLessThanOrEqualTo(before);
    }

    @Test
    void fiftyBuildsAndClosesLeaveNoThreadAndNoOpenAuditFileBehind(@TempDir Path dir) throws Exception {
        // warm up class loading and the JDK's own lazily started threads before taking the baseline
        cycle(dir, -1);
        int threadsBefore = Thread.activeCount();
        long stewardBefore = stewardThreads();
        long fdsBefore = openFileDescriptors();

        for (int i = 0; i < 50; i++) {
            cycle(dir, i);
        }

        // a thread told to stop at close may still be on its way out: a leak stays, a late exit does not
        long deadline = System.nanoTime() + 5_000_000_000L;
        while ((stewardThreads() > stewardBefore || Thread.activeCount() > threadsBefore + 2)
                && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
        // at most as many as before: a thread of an earlier test in this JVM may end meanwhile, a leak only adds
        assertThat(stewardThreads()).isLessThanOrEqualTo(stewardBefore);
        assertThat(Thread.activeCount()).isLessThanOrEqualTo(threadsBefore + 2);
        if (fdsBefore >= 0) {
            assertThat(openFileDescriptors()).isLessThanOrEqualTo(fdsBefore + 2);
        }
    }

    private static void cycle(Path dir, int i) throws Exception {
        RecordingFactory factory = new RecordingFactory();
        Map<String, String> config = new HashMap<>();
        config.put("steward.provider.one.type", "scripted");
        config.put(
                "steward.audit.jsonl.path", dir.resolve("audit-" + i + ".jsonl").toString());
        try (Steward steward = Steward.builder()
                .config(ConfigValues.of(config))
                .providerFactory(factory)
                .promptRegistry(new InMemoryPromptRegistry().put("claims.tag", "v1", "Tag"))
                .build()) {
            GovernedCapability cap = steward.capability(
                    CapabilityDefinition.builder("claims.tag").build());
            cap.invoke(Callers.ADJUSTER, new Object[0], null);
        }
        assertThat(factory.made).allSatisfy(p -> assertThat(p.closed.get()).isEqualTo(1));
    }

    /** Open file descriptors of this process where the OS shows them (Linux), else -1. */
    static long openFileDescriptors() throws java.io.IOException {
        Path fds = Path.of("/proc/self/fd");
        if (!java.nio.file.Files.isDirectory(fds)) {
            return -1;
        }
        try (var list = java.nio.file.Files.list(fds)) {
            return list.count();
        }
    }
}
