package dev.steward.benchmarks;

import dev.steward.guard.GuardInterceptorFactory;
import dev.steward.providers.jdbc.JdbcStores;
import java.lang.management.ManagementFactory;
import java.lang.management.OperatingSystemMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.openjdk.jmh.profile.GCProfiler;
import org.openjdk.jmh.results.Result;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.options.ChainedOptionsBuilder;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;
import org.openjdk.jmh.runner.options.VerboseMode;

/**
 * Runs every benchmark of this module and prints one summary table (Markdown), with the machine it ran on.
 *
 * <p>Arguments: {@code --long} for longer, steadier runs; {@code --only=overhead,ledger,audit,guard,load} for a
 * subset; {@code --jfr} to record each JMH fork with Java Flight Recorder; {@code --verbose} to show JMH's own
 * output.
 */
public final class BenchmarkMain {

    private static final int[] LEDGER_THREADS = {1, 2, 8, 64};
    private static final int[] SERVICE_LEDGER_THREADS = {1, 64};
    private static final int[] AUDIT_CALLERS = {1, 16, 64};

    private final boolean longRun;
    private final Set<String> only;
    private final boolean jfr;
    private final boolean verbose;
    private final Path work;
    private final Path verificationFile;
    private final List<String[]> rows = new ArrayList<>();
    private final List<String> notes = new ArrayList<>();

    private BenchmarkMain(boolean longRun, Set<String> only, boolean jfr, boolean verbose) throws Exception {
        this.longRun = longRun;
        this.only = only;
        this.jfr = jfr;
        this.verbose = verbose;
        this.work = Files.createTempDirectory("steward-bench-");
        this.verificationFile = work.resolve("verification.tsv");
    }

    /**
     * Runs the benchmarks.
     *
     * @param args see the class comment
     * @throws Exception if a benchmark fails, including its end-of-run checks
     */
    public static void main(String[] args) throws Exception {
        boolean longRun = false;
        boolean jfr = false;
        boolean verbose = false;
        Set<String> only = new LinkedHashSet<>(List.of("overhead", "ledger", "audit", "guard", "load"));
        for (String a : args) {
            if (a.equals("--long")) {
                longRun = true;
            } else if (a.equals("--jfr")) {
                jfr = true;
            } else if (a.equals("--verbose")) {
                verbose = true;
            } else if (a.startsWith("--only=")) {
                only = new LinkedHashSet<>(
                        List.of(a.substring("--only=".length()).split(",")));
            } else {
                System.err.println(
                        "usage: benchmarks.jar [--long] [--only=overhead,ledger,audit,guard,load] [--jfr] [--verbose]");
                System.exit(2);
            }
        }
        new BenchmarkMain(longRun, only, jfr, verbose).runAll();
    }

    private void runAll() throws Exception {
        Instant started = Instant.now();
        String machineBefore = machine();
        List<String> loads = new ArrayList<>();
        if (only.contains("overhead")) {
            loads.add("overhead " + loadAverage());
            overhead();
        }
        if (only.contains("ledger")) {
            loads.add("ledger " + loadAverage());
            ledger();
        }
        if (only.contains("audit")) {
            loads.add("audit " + loadAverage());
            audit();
        }
        if (only.contains("guard")) {
            Optional<List<String>> files = guardFiles();
            if (files.isPresent()) {
                loads.add("guard redaction " + loadAverage());
                redaction(files.get());
                loads.add("guard injection " + loadAverage());
                injection(files.get());
            }
        }
        if (only.contains("load")) {
            loads.add("load test " + loadAverage());
            load();
        }
        Duration took = Duration.between(started, Instant.now()).truncatedTo(ChronoUnit.SECONDS);
        System.out.println();
        System.out.println("Steward benchmarks, " + (longRun ? "long" : "short") + " run of "
                + took.toString().substring(2).toLowerCase(Locale.ROOT) + ", started "
                + started.truncatedTo(ChronoUnit.SECONDS));
        System.out.println("machine: " + machineBefore);
        System.out.println("load average (1 min) before each part: " + String.join(", ", loads) + "; at the end "
                + loadAverage()
                + (only.contains("load") ? " (the load test itself runs about 3,000 threads, which raises it)" : ""));
        System.out.println();
        print(List.of("area", "measurement", "result", "target", "status"), rows);
        for (String note : notes) {
            System.out.println("- " + note);
        }
    }

    // ---- overhead --------------------------------------------------------------------------------------------

    private void overhead() throws Exception {
        progress("overhead: raw LangChain4j call vs the same call governed by Steward, in core and through CDI");
        Collection<RunResult> results =
                jmh("\\.(Cdi)?" + OverheadBenchmark.class.getSimpleName() + "\\.", 1, true, false);
        RunResult raw = find(results, "raw", null);
        double rawP50 = percentile(raw, 50);
        double rawP99 = percentile(raw, 99);
        rows.add(row(
                "overhead",
                "raw: LangChain4j ChatModel, instant model",
                "p50 " + nanos(rawP50) + ", p99 " + nanos(rawP99) + samples(raw),
                "",
                ""));
        addGoverned("Steward core pipeline (defaults)", find(results, "governed", null), rawP50, rawP99, "governed");
        addGoverned(
                "Steward, provider timeout off",
                find(results, "governedInline", null),
                rawP50,
                rawP99,
                "governedInline");
        addGoverned(
                "Steward + OpenTelemetry SDK (defaults)",
                find(results, "governedOtel", null),
                rawP50,
                rawP99,
                "governedOtel");
        addGoverned(
                "Steward + OpenTelemetry SDK, provider timeout off",
                find(results, "governedInlineOtel", null),
                rawP50,
                rawP99,
                "governedInlineOtel");
        addGoverned(
                "CDI: Weld interceptor (defaults)",
                findParam(results, "cdi", "providerTimeout", "30s"),
                rawP50,
                rawP99,
                "cdi-30s");
        addGoverned(
                "CDI: Weld interceptor, provider timeout off",
                findParam(results, "cdi", "providerTimeout", "0s"),
                rawP50,
                rawP99,
                "cdi-0s");
        notes.add(
                "overhead: one caller thread; JMH SampleTime percentiles over all samples of its forks. The pipeline has"
                        + " identity, role and tenant authorization, kill switch, versioned prompt rendering, per-user money"
                        + " ceiling reserve/settle (in memory), audit to the asynchronous JSON-lines file sink, and a"
                        + " counting StewardObserver standing in for metrics.");
        notes.add("'provider timeout off' sets steward.provider.<name>.timeout=0s, so no timeout watchdog is"
                + " scheduled; the gap between the two rows is the cost of arming and cancelling it per try.");
        notes.add("OpenTelemetry rows: the core rows plus steward-opentelemetry's observer on the OpenTelemetry SDK"
                + " (every span sampled; a batch span processor and a periodic metric reader whose exporters discard"
                + " what they get): a call span and a try span per call, the trace id tagged into the audit record,"
                + " the gen_ai.client.* and steward.* metrics.");
        notes.add("CDI rows: an @AiCapability method of an @ApplicationScoped bean called through Steward's"
                + " interceptor in Weld SE, configured through SmallRye Config (MicroProfile Config), with the same"
                + " model, prompt, ledger, identity and audit sink as the core rows; an observer of the CDI audit"
                + " event counts records.");
    }

    private void addGoverned(String what, RunResult r, double rawP50, double rawP99, String label) {
        double p50 = percentile(r, 50);
        double p99 = percentile(r, 99);
        rows.add(row("overhead", what, "p50 " + nanos(p50) + ", p99 " + nanos(p99) + samples(r), "", ""));
        double d50 = p50 - rawP50;
        double d99 = p99 - rawP99;
        boolean met = d50 <= 5_000 && d99 <= 50_000;
        rows.add(row(
                "overhead",
                "  difference (" + what + " - raw)",
                "p50 +" + nanos(d50) + ", p99 +" + nanos(d99),
                "p50 <= 5 µs, p99 <= 50 µs",
                met ? "met" : "MISSED"));
        Verification.Check c = Verification.read(verificationFile).get(label);
        if (c != null) {
            rows.add(row(
                    "overhead",
                    "  audit lines / listener records / ledger (" + label + ")",
                    count(c.auditLines()) + " / " + count(c.listenerRecords()) + " for " + count(c.calls())
                            + " calls; spent " + count(c.spent()) + " of " + count(c.expectedSpent()) + " µUSD",
                    "all equal",
                    c.exact() ? "exact" : "MISMATCH"));
        }
    }

    // ---- ledger ----------------------------------------------------------------------------------------------

    private void ledger() throws Exception {
        for (int threads : LEDGER_THREADS) {
            progress("ledger: InMemoryBudgetLedger reserve+settle with " + threads + " thread(s)");
            Collection<RunResult> results = jmh(LedgerBenchmark.class.getName() + "\\.", threads, false, true);
            addLedger(results, "memory", threads, true);
        }
        for (String store : List.of("redis", "postgres")) {
            Optional<String> skipped = LedgerBenchmark.unavailable(store);
            if (skipped.isPresent()) {
                progress("ledger: " + store + " skipped: " + skipped.get());
                notes.add("ledger " + store + " skipped: " + skipped.get());
                continue;
            }
            for (int threads : SERVICE_LEDGER_THREADS) {
                progress("ledger: " + store + " reserve+settle with " + threads + " thread(s)");
                Collection<RunResult> results =
                        jmh(LedgerBenchmark.class.getName() + "\\.", threads, false, true, Map.of("store", store));
                addLedger(results, store, threads, false);
            }
        }
        notes.add("ledger: JMH Throughput; each operation is reserve + settle of a fixed amount; 'one budget' has"
                + " every thread charge the same key (contended), 'per-thread budgets' one key per thread. The"
                + " final balance is checked against operations x amount after every trial. redis is"
                + " RedisBudgetLedger (two Lua scripts, one round trip each) through Jedis' RedisClient with its"
                + " default pool of 8 connections; postgres is JdbcBudgetLedger (a conditional UPDATE and a"
                + " reservation row per reserve, one transaction each for reserve and settle) through the store's"
                + " own pool of " + JdbcStores.DEFAULT_POOL_SIZE + " connections; both servers are local.");
    }

    private void addLedger(Collection<RunResult> results, String store, int threads, boolean target) {
        Map<String, Verification.Check> checks = Verification.read(verificationFile);
        for (String budgets : List.of("one", "per-thread")) {
            RunResult r = find(results, "reserveAndSettle", budgets);
            double perSecond = r.getPrimaryResult().getScore();
            Verification.Check c = checks.get("ledger-" + store + "-" + budgets + "-" + threads);
            String balance = c == null
                    ? "balance not checked"
                    : c.exact()
                            ? "balance exact (" + count(c.calls()) + " x " + LedgerBenchmark.AMOUNT + ")"
                            : "BALANCE OFF: " + c.spent() + " != " + c.expectedSpent();
            boolean exact = c != null && c.exact();
            rows.add(row(
                    "ledger",
                    store + ", " + threads + (threads == 1 ? " thread" : " threads") + ", " + budgets + " budget"
                            + (budgets.equals("one") ? "" : "s"),
                    count((long) perSecond) + " reservations/s; " + balance,
                    target ? ">= 50,000/s" : "",
                    target ? (perSecond >= 50_000 && exact ? "met" : "MISSED") : exact ? "exact" : "MISMATCH"));
        }
    }

    // ---- audit -----------------------------------------------------------------------------------------------

    private void audit() throws Exception {
        Duration warmup = Duration.ofSeconds(longRun ? 5 : 2);
        Duration measure = Duration.ofSeconds(longRun ? 20 : 5);
        for (String sink : List.of("postgres", "jsonl")) {
            if (sink.equals("postgres")) {
                Optional<String> skipped = AuditThroughput.postgresUnavailable();
                if (skipped.isPresent()) {
                    progress("audit: postgres skipped: " + skipped.get());
                    notes.add("audit postgres skipped: " + skipped.get());
                    continue;
                }
            }
            for (int callers : AUDIT_CALLERS) {
                progress("audit: " + sink + " sink, " + callers + " concurrent caller(s), " + measure.toSeconds()
                        + " s after " + warmup.toSeconds() + " s warm-up");
                AuditThroughput.Result r =
                        AuditThroughput.run(sink, new AuditThroughput.Settings(callers, warmup, measure));
                boolean target = sink.equals("postgres") && callers == 64;
                boolean met = r.perSecond() >= 10_000 && r.p99Nanos() <= 10_000_000 && r.exact();
                rows.add(row(
                        "audit",
                        (sink.equals("postgres") ? "JdbcAuditSink on PostgreSQL" : "JsonLinesAuditSink (file)") + ", "
                                + callers + (callers == 1 ? " caller" : " callers"),
                        count((long) r.perSecond()) + " records/s; added p50 " + nanos(r.p50Nanos()) + ", p99 "
                                + nanos(r.p99Nanos()) + ", max " + nanos(r.maxNanos()) + "; " + count(r.measured())
                                + " measured, " + count(r.stored()) + " of " + count(r.written()) + " stored ("
                                + r.check() + "), " + count(r.failures()) + " failed",
                        target ? ">= 10,000/s, p99 <= 10 ms" : "",
                        target ? (met ? "met" : "MISSED") : r.exact() ? "exact" : "MISMATCH"));
            }
        }
        notes.add("audit: closed loop of platform-thread callers, each writing one record after another; the added"
                + " latency is the time of AuditSink.write, which returns once the record is stored: committed to"
                + " PostgreSQL (JdbcAuditSink: group commit, one transaction per batch under the chain-head row"
                + " lock, synchronous_commit as the server has it) or written and flushed to the file"
                + " (JsonLinesAuditSink: flushed to the operating system, not forced to the device). Warm-up "
                + warmup.toSeconds() + " s, then " + measure.toSeconds() + " s measured; a fresh table or file"
                + " per row, read back afterwards (the chain verified, the lines counted).");
    }

    // ---- guard -----------------------------------------------------------------------------------------------

    /** The forks' arguments that name the guard's data files, or empty when one is missing (noted). */
    private Optional<List<String>> guardFiles() {
        List<String> jvmArgs = new ArrayList<>();
        for (DataFile file : List.of(RedactionBenchmark.CASES, InjectionBenchmark.HELD_OUT)) {
            Optional<String> skipped = file.unavailable();
            if (skipped.isPresent()) {
                progress("guard skipped: " + skipped.get());
                notes.add("guard skipped: " + skipped.get());
                return Optional.empty();
            }
            // the forks read the files this JVM found, whatever their working directory
            jvmArgs.add("-D" + file.property() + "=" + file.locate());
        }
        return Optional.of(jvmArgs);
    }

    /**
     * Every detector together took 8 to 10 s of 1 s passes to reach its steady time on two busy cores (the phone
     * detector, libphonenumber, most of it), and the first seconds ran two to three times slower.
     */
    private int guardWarmupSeconds() {
        return longRun ? 20 : 15;
    }

    private void redaction(List<String> jvmArgs) throws Exception {
        List<String> texts = DataFile.texts(RedactionBenchmark.CASES.locate());
        double kb = DataFile.kilobytes(texts);
        progress("guard: the PII detectors, all together and each alone, over " + count(texts.size()) + " texts ("
                + String.format(Locale.ROOT, "%.1f", kb) + " KB)");
        Collection<RunResult> results = jmh(
                "\\." + RedactionBenchmark.class.getSimpleName() + "\\.",
                1,
                false,
                true,
                Map.of(),
                jvmArgs,
                guardWarmupSeconds());
        List<String> detectors = new ArrayList<>();
        detectors.add(RedactionBenchmark.EVERY_DETECTOR);
        detectors.addAll(GuardInterceptorFactory.builtInDetectors());
        RedactionBenchmark benchmark = new RedactionBenchmark();
        for (String name : detectors) {
            RunResult r = findParam(results, "findInEveryText", "detectors", name);
            double perPass = r.getPrimaryResult().getScore();
            double fastest = r.getPrimaryResult().getStatistics().getMin();
            double slowest = r.getPrimaryResult().getStatistics().getMax();
            // one more pass here, to show what the measured passes found
            RedactionBenchmark.Texts state = new RedactionBenchmark.Texts();
            state.detectors = name;
            state.setUp();
            int found = benchmark.findInEveryText(state);
            double perKb = perPass / kb;
            rows.add(row(
                    "guard",
                    name.equals(RedactionBenchmark.EVERY_DETECTOR)
                            ? "redaction: every built-in detector, one Redaction.find per text"
                            : "  redaction: " + name + " alone",
                    String.format(Locale.ROOT, "%.3f ms/KB", perKb) + " (" + ms(perPass) + " per pass; iterations "
                            + ms(fastest) + " to " + ms(slowest) + "); " + count(found) + " values found",
                    "<= 1 ms/KB",
                    perKb <= 1 ? "met" : "MISSED"));
        }
        notes.add("guard redaction: the texts of Microsoft Presidio's recognizer cases as the guard keeps them in its"
                + " test data (" + count(texts.size()) + " texts, " + String.format(Locale.ROOT, "%.1f", kb)
                + " KB; 1 KB = 1,024 bytes of UTF-8); JMH AverageTime of one pass, a Redaction.find per text, over"
                + " the whole file, divided by its size. 'Every built-in detector' is PiiEvaluation.everyDetector()"
                + " (url included), overlaps resolved as in a call; a detector alone is configured alone through"
                + " steward.guard.redaction.detectors. Values found: those one pass keeps. One fork per row, "
                + guardWarmupSeconds() + " s of warm-up.");
    }

    private void injection(List<String> jvmArgs) throws Exception {
        int texts = DataFile.texts(InjectionBenchmark.HELD_OUT.locate()).size();
        progress("guard: the injection scorer, one text per call, " + count(texts) + " held-out texts in turn");
        Collection<RunResult> results = jmh(
                "\\." + InjectionBenchmark.class.getSimpleName() + "\\.",
                1,
                false,
                false,
                Map.of(),
                jvmArgs,
                guardWarmupSeconds());
        RunResult r = find(results, "score", null);
        double p50 = percentile(r, 50);
        double p99 = percentile(r, 99);
        rows.add(row(
                "guard",
                "injection: InjectionScorer.standard(), one text per call",
                "p50 " + ms(p50) + ", p99 " + ms(p99) + ", max "
                        + ms(r.getPrimaryResult().getStatistics().getMax()) + " per text; "
                        + count(r.getPrimaryResult().getStatistics().getN()) + " samples over " + count(texts)
                        + " texts",
                "<= 20 ms per text (p50 and p99)",
                p50 <= 20 && p99 <= 20 ? "met" : "MISSED"));
        notes.add("guard injection: InjectionScorer.standard(), as the guard builds it (heuristics, de-obfuscation, the"
                + " quantized all-MiniLM-L6-v2 embedding on ONNX Runtime, the logistic regression), scoring one text"
                + " of the injection development set's held-out file per operation, in turn; only the texts are"
                + " read. JMH SampleTime percentiles over all samples of its forks, after " + guardWarmupSeconds()
                + " s of warm-up each.");
    }

    // ---- load ------------------------------------------------------------------------------------------------

    private void load() throws Exception {
        LoadDriver.Settings s = longRun
                ? new LoadDriver.Settings(
                        1000, 1024, Duration.ofMillis(50), Duration.ofSeconds(10), 300_000, Duration.ofSeconds(60))
                : new LoadDriver.Settings(
                        1000, 1024, Duration.ofMillis(50), Duration.ofSeconds(5), 100_000, Duration.ofSeconds(20));
        rows.add(row(
                "load",
                "bound: " + s.callers() + " callers / " + s.latency().toMillis() + " ms; server pool "
                        + s.serverThreads() + " threads / " + s.latency().toMillis() + " ms",
                count((long) s.callerBound()) + " req/s; " + count((long) s.serverBound()) + " req/s",
                "",
                ""));
        progress("load: JIT warm-up of both providers, the server and Steward (not reported)");
        LoadDriver.Settings warmUp = new LoadDriver.Settings(
                s.callers(), s.serverThreads(), s.latency(), s.warmup(), 1, Duration.ofSeconds(1));
        LoadDriver.runReference(warmUp);
        LoadDriver.run(warmUp, "0s");
        progress("load: " + s.callers() + " callers, plain HttpClient.send() reference, up to "
                + count(s.measuredCalls()) + " calls or " + s.maxMeasure().toSeconds() + " s");
        LoadDriver.Result reference = LoadDriver.runReference(s);
        addLoad(s, reference, "reference: plain JDK HttpClient.send(), no Steward", null, false);
        progress("load: " + s.callers() + " callers, gateway provider alone");
        LoadDriver.Result raw = LoadDriver.run(s, null);
        addLoad(s, raw, "raw: gateway provider alone", null, false);
        progress("load: " + s.callers() + " callers through Steward (defaults)");
        LoadDriver.Result governed = LoadDriver.run(s, "30s");
        addLoad(s, governed, "Steward (defaults) + gateway provider", raw, true);
        addAudit(governed);
        progress("load: " + s.callers() + " callers through Steward, provider timeout off");
        LoadDriver.Result inline = LoadDriver.run(s, "0s");
        addLoad(s, inline, "Steward, provider timeout off", raw, true);
        addAudit(inline);
        notes.add("load: closed loop, " + raw.threads() + " caller threads, loopback JDK HttpServer with "
                + s.latency().toMillis() + " ms injected latency answering with usage; the gateway provider of"
                + " steward-providers (OpenAI chat-completions over the JDK HttpClient); with the timeout off, only"
                + " Steward's guard is off, the provider keeps its 30 s read timeout. Warm-up "
                + s.warmup().toSeconds() + " s, then up to "
                + count(s.measuredCalls()) + " calls or " + s.maxMeasure().toSeconds() + " s. The raw row is the"
                + " gateway provider without Steward; the reference row a minimal provider doing one blocking"
                + " HttpClient.send() per call: what this machine's client and server can do at all. CPU/call is the"
                + " process's CPU time (callers, Steward, HTTP client and server) over measured calls; "
                + Runtime.getRuntime().availableProcessors() + " cores at the reference run's CPU/call allow at most "
                + (reference.cpuNanosPerCall() > 0
                        ? count((long) (Runtime.getRuntime().availableProcessors() * 1e9 / reference.cpuNanosPerCall()))
                        : "?")
                + " req/s.");
    }

    private void addAudit(LoadDriver.Result r) {
        boolean exact = r.auditLines() == r.totalCalls()
                && r.listenerRecords() == r.totalCalls()
                && r.spentMicros() == (r.totalCalls() - r.failures()) * StewardFixture.costPerCallMicros();
        rows.add(row(
                "load",
                "  audit lines / listener records / ledger",
                count(r.auditLines()) + " / " + count(r.listenerRecords()) + " for " + count(r.totalCalls())
                        + " calls (" + count(r.failures()) + " failed); spent " + count(r.spentMicros()) + " µUSD",
                "lines == calls",
                exact ? "exact" : "MISMATCH"));
    }

    private void addLoad(
            LoadDriver.Settings s, LoadDriver.Result r, String what, LoadDriver.Result alone, boolean target) {
        double share = r.throughput() / s.bound();
        rows.add(row(
                "load",
                what + ", " + s.callers() + " callers",
                count((long) r.throughput()) + " req/s = " + String.format(Locale.ROOT, "%.1f", share * 100)
                        + " % of bound"
                        + (alone == null
                                ? ""
                                : " (" + String.format(Locale.ROOT, "%.0f", 100 * r.throughput() / alone.throughput())
                                        + " % of the provider alone)")
                        + "; p50 " + millis(r.p50Nanos()) + ", p99 " + millis(r.p99Nanos())
                        + "; CPU " + (r.cpuNanosPerCall() < 0 ? "?" : nanos(r.cpuNanosPerCall())) + "/call; "
                        + count(r.measuredCalls()) + " calls in "
                        + String.format(Locale.ROOT, "%.1f", r.seconds()) + " s, " + count(r.failures())
                        + " failed",
                target ? ">= 95 % of bound" : "",
                target ? (share >= 0.95 ? "met" : "MISSED") : ""));
    }

    // ---- JMH -------------------------------------------------------------------------------------------------

    private Collection<RunResult> jmh(String include, int threads, boolean allocation, boolean brief) throws Exception {
        return jmh(include, threads, allocation, brief, Map.of());
    }

    private Collection<RunResult> jmh(
            String include, int threads, boolean allocation, boolean brief, Map<String, String> params)
            throws Exception {
        return jmh(include, threads, allocation, brief, params, List.of(), 0);
    }

    /**
     * Runs JMH.
     *
     * @param jvmArgs more arguments for the forked JVMs
     * @param warmupSeconds the warm-up in 1 s iterations, for code that takes longer to compile than the default
     *     warm-up lasts; 0 for the default
     */
    private Collection<RunResult> jmh(
            String include,
            int threads,
            boolean allocation,
            boolean brief,
            Map<String, String> params,
            List<String> jvmArgs,
            int warmupSeconds)
            throws Exception {
        // a long run of a brief benchmark (one of many thread counts) stays in one fork
        boolean steady = longRun && !brief;
        List<String> forkArgs =
                new ArrayList<>(List.of("-Xms1g", "-Xmx1g", "-D" + Verification.PROPERTY + "=" + verificationFile));
        // one list: each jvmArgsAppend call replaces what an earlier one gave
        forkArgs.addAll(jvmArgs);
        ChainedOptionsBuilder b = new OptionsBuilder()
                .include(include)
                .threads(threads)
                .forks(steady ? 2 : 1)
                .warmupIterations(warmupSeconds > 0 ? warmupSeconds : steady ? 5 : longRun ? 3 : 2)
                .warmupTime(TimeValue.seconds(warmupSeconds > 0 ? 1 : steady ? 2 : 1))
                .measurementIterations(steady ? 10 : longRun ? 5 : 3)
                .measurementTime(TimeValue.seconds(longRun ? 2 : 1))
                .jvmArgsAppend(forkArgs.toArray(String[]::new))
                .shouldFailOnError(true)
                .verbosity(verbose ? VerboseMode.NORMAL : VerboseMode.SILENT);
        params.forEach(b::param);
        if (allocation) {
            b.addProfiler(GCProfiler.class);
        }
        if (jfr) {
            b.addProfiler("jfr", "dir=" + work.resolve("jfr"));
            notes.add("JFR recordings: " + work.resolve("jfr"));
        }
        return new Runner(b.build()).run();
    }

    private static RunResult find(Collection<RunResult> results, String method, String budgets) {
        for (RunResult r : results) {
            String label = r.getParams().getBenchmark();
            boolean sameMethod = label.endsWith("." + method);
            boolean sameParam = budgets == null || budgets.equals(r.getParams().getParam("budgets"));
            if (sameMethod && sameParam) {
                return r;
            }
        }
        throw new IllegalStateException("no result for " + method + (budgets == null ? "" : " " + budgets));
    }

    private static RunResult findParam(Collection<RunResult> results, String method, String param, String value) {
        for (RunResult r : results) {
            if (r.getParams().getBenchmark().endsWith("." + method)
                    && value.equals(r.getParams().getParam(param))) {
                return r;
            }
        }
        throw new IllegalStateException("no result for " + method + " " + param + "=" + value);
    }

    private static double percentile(RunResult r, double p) {
        return r.getPrimaryResult().getStatistics().getPercentile(p);
    }

    private static String samples(RunResult r) {
        Result<?> alloc = r.getSecondaryResults().get("gc.alloc.rate.norm");
        return "; " + (alloc == null ? "" : count(Math.round(alloc.getScore())) + " B allocated/call; ")
                + count(r.getPrimaryResult().getStatistics().getN()) + " samples";
    }

    // ---- output ----------------------------------------------------------------------------------------------

    private static String[] row(String... cells) {
        return cells;
    }

    private static void print(List<String> header, List<String[]> rows) {
        int[] width = new int[header.size()];
        for (int i = 0; i < width.length; i++) {
            width[i] = header.get(i).length();
        }
        for (String[] r : rows) {
            for (int i = 0; i < width.length; i++) {
                width[i] = Math.max(width[i], r[i].length());
            }
        }
        System.out.println(line(header.toArray(String[]::new), width));
        String[] rule = new String[width.length];
        for (int i = 0; i < width.length; i++) {
            rule[i] = "-".repeat(width[i]);
        }
        System.out.println(line(rule, width));
        for (String[] r : rows) {
            System.out.println(line(r, width));
        }
    }

    private static String line(String[] cells, int[] width) {
        StringBuilder b = new StringBuilder("|");
        for (int i = 0; i < cells.length; i++) {
            b.append(' ')
                    .append(cells[i])
                    .append(" ".repeat(width[i] - cells[i].length()))
                    .append(" |");
        }
        return b.toString();
    }

    private static String nanos(double ns) {
        if (Math.abs(ns) < 1_000) {
            return String.format(Locale.ROOT, "%.0f ns", ns);
        }
        if (Math.abs(ns) < 1_000_000) {
            return String.format(Locale.ROOT, "%.2f µs", ns / 1_000);
        }
        return String.format(Locale.ROOT, "%.2f ms", ns / 1_000_000);
    }

    private static String millis(long ns) {
        return String.format(Locale.ROOT, "%.1f ms", ns / 1e6);
    }

    private static String ms(double ms) {
        return String.format(Locale.ROOT, "%.2f ms", ms);
    }

    private static String count(long n) {
        return String.format(Locale.ROOT, "%,d", n);
    }

    private static void progress(String what) {
        System.err.println("[" + Instant.now().truncatedTo(ChronoUnit.SECONDS) + "] " + what);
    }

    private static String machine() {
        Runtime rt = Runtime.getRuntime();
        String memory = "?";
        OperatingSystemMXBean os = ManagementFactory.getOperatingSystemMXBean();
        if (os instanceof com.sun.management.OperatingSystemMXBean sun) {
            memory = String.format(Locale.ROOT, "%.1f GiB", sun.getTotalMemorySize() / (1024.0 * 1024 * 1024));
        }
        return rt.availableProcessors() + " cores, " + memory + " RAM, " + System.getProperty("os.name") + " "
                + System.getProperty("os.arch") + ", JDK " + System.getProperty("java.runtime.version") + " ("
                + System.getProperty("java.vm.name") + "), load average at start " + loadAverage();
    }

    private static String loadAverage() {
        double l = ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
        return l < 0 ? "unknown" : String.format(Locale.ROOT, "%.2f", l);
    }
}
