package dev.steward.benchmarks;

import dev.steward.api.CallerContext;
import dev.steward.api.ChatMessage;
import dev.steward.api.InferenceRequest;
import dev.steward.api.PromptTemplate;
import dev.steward.api.spi.InferenceProvider;
import dev.steward.core.config.ConfigReader;
import dev.steward.core.config.ConfigValues;
import dev.steward.core.prompt.PromptHash;
import dev.steward.core.route.ConfiguredProviderSettings;
import dev.steward.providers.gateway.GatewayProviderFactory;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;

/**
 * A closed-loop load test: a fixed number of concurrent callers each make one call after another against a local
 * OpenAI-compatible server with injected latency, through the {@code gateway} provider of {@code steward-providers}:
 * first the provider alone ({@code raw}), then through Steward's pipeline ({@code governed}). Callers are virtual threads on a JDK that has them (21+), else a fixed pool
 * of platform threads. Each run is bounded in calls and in time, and talks to 127.0.0.1 only.
 */
public final class LoadDriver {

    /**
     * What to run.
     *
     * @param callers concurrent callers
     * @param serverThreads the server's request threads
     * @param latency the server's injected latency
     * @param warmup how long to run before measuring
     * @param measuredCalls calls to measure
     * @param maxMeasure the longest the measurement may take
     */
    public record Settings(
            int callers,
            int serverThreads,
            Duration latency,
            Duration warmup,
            long measuredCalls,
            Duration maxMeasure) {

        /**
         * The throughput the callers allow: each has one call outstanding, which takes at least the latency.
         *
         * @return calls per second
         */
        public double callerBound() {
            return callers / seconds(latency);
        }

        /**
         * The throughput the server's thread pool allows.
         *
         * @return calls per second
         */
        public double serverBound() {
            return serverThreads / seconds(latency);
        }

        /**
         * The lower of both bounds.
         *
         * @return calls per second
         */
        public double bound() {
            return Math.min(callerBound(), serverBound());
        }
    }

    /**
     * What a run achieved.
     *
     * @param label {@code raw} or {@code governed}
     * @param threads {@code virtual} or {@code platform}
     * @param measuredCalls calls completed while measuring
     * @param seconds how long measuring took
     * @param p50Nanos median latency of measured calls
     * @param p99Nanos 99th percentile latency of measured calls
     * @param maxNanos slowest measured call
     * @param failures calls that threw, over the whole run
     * @param totalCalls calls made over the whole run, warm-up included
     * @param auditLines lines in the audit file after flushing, or -1 for the raw run
     * @param listenerRecords records the metrics stand-in saw, or -1 for the raw run
     * @param spentMicros money settled in the ledger, or -1 for the raw run
     * @param serverRequests requests the server answered
     * @param cpuNanos CPU time this process used while measuring (callers, Steward, client and server together), or
     *     -1 when the JVM does not tell
     */
    public record Result(
            String label,
            String threads,
            long measuredCalls,
            double seconds,
            long p50Nanos,
            long p99Nanos,
            long maxNanos,
            long failures,
            long totalCalls,
            long auditLines,
            long listenerRecords,
            long spentMicros,
            long serverRequests,
            long cpuNanos) {

        /**
         * Measured calls per second.
         *
         * @return the throughput
         */
        public double throughput() {
            return measuredCalls / seconds;
        }

        /**
         * CPU time per measured call, all threads of the process together.
         *
         * @return nanoseconds, or -1 when unknown
         */
        public long cpuNanosPerCall() {
            return cpuNanos < 0 || measuredCalls == 0 ? -1 : cpuNanos / measuredCalls;
        }
    }

    private static final Object[] ARGS = {"CLM-2024-000117", "Dana Whitfield", "Water came through the kitchen ceiling"
    };

    private static final int WARMUP = 1;
    private static final int MEASURE = 2;
    private static final int STOP = 3;

    private LoadDriver() {}

    /**
     * Runs the load against a fresh server with the minimal {@link OpenAiHttpProvider} alone: what the HTTP client
     * and server cost on this machine, the ceiling for every other run.
     *
     * @param settings what to run
     * @return what it achieved
     * @throws Exception if the server cannot start or the run cannot finish
     */
    public static Result runReference(Settings settings) throws Exception {
        try (OpenAiStubServer server = new OpenAiStubServer(settings.serverThreads(), settings.latency())) {
            OpenAiHttpProvider provider = new OpenAiHttpProvider(
                    "reference", server.baseUrl(), InstantChatModel.MODEL, Duration.ofSeconds(30));
            try {
                return drive(settings, "reference", rawCall(provider), null, server);
            } finally {
                provider.close();
            }
        }
    }

    /**
     * Runs the load against a fresh server.
     *
     * @param settings what to run
     * @param providerTimeout Steward's provider timeout ({@code 30s} is the default; {@code 0s} calls the provider on
     *     the caller's thread), or {@code null} to call the provider without Steward
     * @return what it achieved
     * @throws Exception if the server cannot start or the run cannot finish
     */
    public static Result run(Settings settings, String providerTimeout) throws Exception {
        Path audit = Files.createTempFile("steward-load-audit-", ".jsonl");
        Files.delete(audit);
        try (OpenAiStubServer server = new OpenAiStubServer(settings.serverThreads(), settings.latency())) {
            InferenceProvider provider = gateway(server);
            if (providerTimeout == null) {
                return drive(settings, "raw", rawCall(provider), null, server);
            }
            // the audit queue holds as many records as there are callers, twice over, so it absorbs bursts
            try (StewardFixture steward =
                    new StewardFixture(provider, providerTimeout, audit, Math.max(10_000, settings.callers() * 2))) {
                return drive(settings, "governed", () -> steward.summarize(ARGS), steward, server);
            }
        } finally {
            Files.deleteIfExists(audit);
        }
    }

    /**
     * The {@code gateway} provider of {@code steward-provider-gateway}, pointed at the server, as
     * {@code steward.provider.gateway.type=gateway} would create it, its settings read by core. Its read timeout is
     * the provider's {@code timeout} (30 s here), so the raw row measures the same provider the governed rows use.
     */
    private static InferenceProvider gateway(OpenAiStubServer server) {
        Map<String, String> values = Map.of(
                "steward.provider.gateway.base-url",
                server.baseUrl() + "/v1",
                "steward.provider.gateway.model",
                InstantChatModel.MODEL,
                "steward.provider.gateway.timeout",
                "30s");
        return new GatewayProviderFactory()
                .create(ConfiguredProviderSettings.of("gateway", new ConfigReader(ConfigValues.of(values))));
    }

    private static Runnable rawCall(InferenceProvider provider) {
        PromptTemplate prompt = new PromptTemplate(
                StewardFixture.CAPABILITY, "1", StewardFixture.TEMPLATE, PromptHash.of(StewardFixture.TEMPLATE));
        CallerContext caller = new CallerContext(StewardFixture.PRINCIPAL, Set.of("adjuster"), "acme", "load");
        return () -> provider.infer(new InferenceRequest(
                StewardFixture.CAPABILITY,
                prompt,
                List.of(new ChatMessage(ChatMessage.Role.USER, StewardFixture.render(ARGS))),
                Map.of(),
                256,
                caller));
    }

    private static Result drive(
            Settings s, String label, Runnable call, StewardFixture steward, OpenAiStubServer server) throws Exception {
        AtomicInteger phase = new AtomicInteger(WARMUP);
        AtomicLong measured = new AtomicLong();
        LongAdder total = new LongAdder();
        LongAdder failures = new LongAdder();
        long[][] latencies = new long[s.callers()][];
        int[] counts = new int[s.callers()];
        int perCaller = (int) Math.min(Integer.MAX_VALUE - 8, s.measuredCalls() / s.callers() * 4 + 64);
        long[] window = new long[2];

        CountDownLatch start = new CountDownLatch(1);
        Threads threads = Threads.best(s.callers());
        ExecutorService callers = threads.executor();
        for (int i = 0; i < s.callers(); i++) {
            int id = i;
            callers.execute(() -> {
                long[] mine = new long[perCaller];
                int n = 0;
                try {
                    start.await();
                } catch (InterruptedException e) {
                    return;
                }
                while (phase.get() != STOP) {
                    long t0 = System.nanoTime();
                    try {
                        call.run();
                    } catch (RuntimeException e) {
                        failures.increment();
                    }
                    long t = System.nanoTime() - t0;
                    total.increment();
                    if (phase.get() == MEASURE) {
                        if (n < mine.length) {
                            mine[n++] = t;
                        }
                        if (measured.incrementAndGet() == s.measuredCalls()) {
                            long now = System.nanoTime();
                            if (phase.compareAndSet(MEASURE, STOP)) {
                                window[1] = now;
                            }
                        }
                    }
                }
                latencies[id] = mine;
                counts[id] = n;
            });
        }
        start.countDown();
        Thread.sleep(s.warmup().toMillis());
        long cpuStart = processCpuNanos();
        window[0] = System.nanoTime();
        phase.set(MEASURE);
        long deadline = window[0] + s.maxMeasure().toNanos();
        while (phase.get() == MEASURE && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
        if (phase.compareAndSet(MEASURE, STOP)) {
            window[1] = System.nanoTime();
        }
        long cpuEnd = processCpuNanos();
        callers.shutdown();
        if (!callers.awaitTermination(2, TimeUnit.MINUTES)) {
            callers.shutdownNow();
            throw new IllegalStateException("callers did not finish within two minutes of the end of the run");
        }
        long[] all = merge(latencies, counts);
        Arrays.sort(all);
        long auditLines = -1;
        long listenerRecords = -1;
        long spent = -1;
        if (steward != null) {
            auditLines = steward.flushAndCountAuditLines();
            listenerRecords = steward.listenerRecords();
            spent = steward.spentMicros();
        }
        return new Result(
                label,
                threads.kind(),
                measured.get() > s.measuredCalls() ? s.measuredCalls() : measured.get(),
                (window[1] - window[0]) / 1e9,
                percentile(all, 0.50),
                percentile(all, 0.99),
                all.length == 0 ? 0 : all[all.length - 1],
                failures.sum(),
                total.sum(),
                auditLines,
                listenerRecords,
                spent,
                server.requests(),
                cpuStart < 0 ? -1 : cpuEnd - cpuStart);
    }

    private static long processCpuNanos() {
        return ManagementFactory.getOperatingSystemMXBean() instanceof com.sun.management.OperatingSystemMXBean os
                ? os.getProcessCpuTime()
                : -1;
    }

    private static long[] merge(long[][] latencies, int[] counts) {
        int size = 0;
        for (int c : counts) {
            size += c;
        }
        long[] all = new long[size];
        int at = 0;
        for (int i = 0; i < latencies.length; i++) {
            if (latencies[i] != null) {
                System.arraycopy(latencies[i], 0, all, at, counts[i]);
                at += counts[i];
            }
        }
        return all;
    }

    private static long percentile(long[] sorted, double p) {
        if (sorted.length == 0) {
            return 0;
        }
        int index = (int) Math.ceil(p * sorted.length) - 1;
        return sorted[Math.max(0, Math.min(sorted.length - 1, index))];
    }

    private static double seconds(Duration d) {
        return d.toNanos() / 1e9;
    }

    /** Virtual threads where the JDK has them, found by reflection so the jar still runs on 17. */
    private record Threads(String kind, ExecutorService executor) {
        static Threads best(int callers) {
            try {
                ExecutorService virtual = (ExecutorService) Executors.class
                        .getMethod("newVirtualThreadPerTaskExecutor")
                        .invoke(null);
                return new Threads("virtual", virtual);
            } catch (ReflectiveOperationException e) {
                AtomicInteger n = new AtomicInteger();
                return new Threads("platform", Executors.newFixedThreadPool(callers, r -> {
                    Thread t = new Thread(r, "load-caller-" + n.incrementAndGet());
                    t.setDaemon(true);
                    return t;
                }));
            }
        }
    }
}
