package dev.steward.benchmarks;

import dev.steward.api.AuditRecord;
import dev.steward.api.annotation.AiCapability;
import dev.steward.api.spi.AuditSink;
import dev.steward.api.spi.BudgetLedger;
import dev.steward.api.spi.IdentityResolver;
import dev.steward.api.spi.InferenceProvider;
import dev.steward.api.spi.PromptRegistry;
import dev.steward.cdi.AuditRecorded;
import dev.steward.cdi.StewardExtension;
import dev.steward.core.audit.JsonLinesAuditSink;
import dev.steward.core.budget.InMemoryBudgetLedger;
import dev.steward.core.config.ConfigKeys;
import dev.steward.core.prompt.InMemoryPromptRegistry;
import io.smallrye.config.SmallRyeConfig;
import io.smallrye.config.SmallRyeConfigBuilder;
import io.smallrye.config.common.MapBackedConfigSource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.Produces;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;
import org.eclipse.microprofile.config.spi.ConfigProviderResolver;
import org.jboss.weld.environment.se.Weld;
import org.jboss.weld.environment.se.WeldContainer;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Threads;

/**
 * The governed call of {@link OverheadBenchmark}, made the way a Jakarta EE application makes it: a call of an
 * {@code @AiCapability} method of a CDI bean, intercepted by Steward's interceptor in Weld SE, configured through
 * MicroProfile Config, with the same model, prompt, ceiling, audit sink and provider timeouts as the core rows. CDI
 * events stand in for metrics. Compare it with {@code OverheadBenchmark.raw}, {@code governed} and
 * {@code governedInline}.
 */
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Threads(1)
public class CdiOverheadBenchmark {

    /** The Weld container and the audit file. */
    @State(Scope.Benchmark)
    public static class Container {
        /** Steward's provider timeout: {@code 30s}, the default, or {@code 0s} to call the provider inline. */
        @Param({"30s", "0s"})
        public String providerTimeout = "30s";

        WeldContainer weld;
        Claims claims;
        Path audit;
        long calls;

        @Setup(Level.Trial)
        public void setUp() throws Exception {
            audit = Files.createTempFile("steward-bench-cdi-audit-", ".jsonl");
            Files.delete(audit);
            Resources.sink = new JsonLinesAuditSink(audit, 10_000);
            Resources.ledger = new InMemoryBudgetLedger();
            AuditCounter.RECORDS.reset();
            Map<String, String> config = StewardFixture.configuration("instant", providerTimeout);
            // steward-guard is on this module's class path for the guard rows; the jar leaves out its registrations,
            // and this keeps its injection scorer out of the build's smoke test of this row as well
            config.put(ConfigKeys.GUARD_INJECTION_ACTION, "off");
            SmallRyeConfig built = new SmallRyeConfigBuilder()
                    .withSources(new MapBackedConfigSource("benchmark", config, 500) {})
                    .build();
            ConfigProviderResolver.instance()
                    .registerConfig(built, Thread.currentThread().getContextClassLoader());
            weld = new Weld()
                    .disableDiscovery()
                    .addExtension(new StewardExtension())
                    .addBeanClasses(Claims.class, Resources.class, AuditCounter.class)
                    .initialize();
            claims = weld.select(Claims.class).get();
        }

        @TearDown(Level.Trial)
        public void tearDown() throws Exception {
            try {
                Resources.sink.flush();
                long lines;
                try (var stream = Files.lines(audit)) {
                    lines = stream.filter(l -> !l.isBlank()).count();
                }
                long spent = StewardFixture.spentMicros(Resources.ledger);
                long expected = calls * StewardFixture.costPerCallMicros();
                Verification.record(
                        "cdi-" + providerTimeout, calls, lines, AuditCounter.RECORDS.sum(), spent, expected);
                if (lines != calls || AuditCounter.RECORDS.sum() != calls || spent != expected) {
                    throw new IllegalStateException("cdi: " + calls + " calls but " + lines + " audit lines, "
                            + AuditCounter.RECORDS.sum() + " events, " + spent + " micros spent");
                }
            } finally {
                weld.shutdown();
                Resources.sink.close();
                Files.deleteIfExists(audit);
            }
        }
    }

    /**
     * One governed call through the interceptor.
     *
     * @param c the container
     * @return the answer
     */
    @Benchmark
    public String cdi(Container c) {
        c.calls++;
        return c.claims.summarize("CLM-2024-000117", "Dana Whitfield", "Water came through the kitchen ceiling");
    }

    /** The governed service, as an application writes it. */
    @ApplicationScoped
    public static class Claims {
        /**
         * Summarizes a claim; the model answers, the body never runs.
         *
         * @param claimId the claim
         * @param customer the customer
         * @param text the claim's text
         * @return the summary
         */
        @AiCapability(StewardFixture.CAPABILITY)
        public String summarize(String claimId, String customer, String text) {
            throw new IllegalStateException("the governed method's body must not run");
        }
    }

    /** The application's Steward beans: the same model, prompts, ledger, identity and audit sink as the core rows. */
    @ApplicationScoped
    public static class Resources {
        static JsonLinesAuditSink sink;
        static InMemoryBudgetLedger ledger;

        @Produces
        @ApplicationScoped
        InferenceProvider provider() {
            return new ChatModelProvider("instant", new InstantChatModel());
        }

        @Produces
        @ApplicationScoped
        PromptRegistry prompts() {
            return new InMemoryPromptRegistry().put(StewardFixture.CAPABILITY, "1", StewardFixture.TEMPLATE);
        }

        @Produces
        @ApplicationScoped
        BudgetLedger ledger() {
            return ledger;
        }

        @Produces
        @ApplicationScoped
        AuditSink audit() {
            return sink;
        }

        @Produces
        @ApplicationScoped
        IdentityResolver identity() {
            return StewardFixture.identity();
        }
    }

    /** Counts the CDI audit events, as a metrics observer would. */
    @ApplicationScoped
    public static class AuditCounter {
        static final LongAdder RECORDS = new LongAdder();

        void on(@Observes AuditRecorded event) {
            AuditRecord r = event.record();
            if (r != null) {
                RECORDS.increment();
            }
        }
    }
}
