package dev.steward.benchmarks;

import dev.steward.api.CallerContext;
import dev.steward.api.annotation.CostCeiling;
import dev.steward.api.spi.AuditSink;
import dev.steward.api.spi.BudgetLedger;
import dev.steward.api.spi.IdentityResolver;
import dev.steward.api.spi.InferenceProvider;
import dev.steward.core.CapabilityDefinition;
import dev.steward.core.GovernedCapability;
import dev.steward.core.Steward;
import dev.steward.core.audit.InMemoryAuditSink;
import dev.steward.core.audit.JsonLinesAuditSink;
import dev.steward.core.budget.BudgetWindow;
import dev.steward.core.budget.InMemoryBudgetLedger;
import dev.steward.core.config.ConfigValues;
import dev.steward.core.prompt.InMemoryPromptRegistry;
import dev.steward.core.spi.StewardObserver;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;
import java.util.stream.Stream;

/**
 * One capability governed by Steward's core pipeline with every stage that costs something switched on: identity,
 * authorization by role and tenant, a versioned prompt, a per-user money ceiling reserved and settled in memory,
 * audit to the asynchronous JSON-lines sink, and a listener standing in for metrics. The ceiling is far above what
 * any run can spend, so it never trips. Not thread-safe to build or close; the capability itself is.
 */
public final class StewardFixture implements AutoCloseable {

    /** The capability's name. */
    public static final String CAPABILITY = "claims.summarize";

    /** The prompt template, version 1. */
    public static final String TEMPLATE = "Summarize claim {{claimId}} for customer {{customer}}: {{text}}";

    /** Input price per 1,000 tokens of the instant model. */
    public static final String INPUT_PRICE = "0.50 USD";

    /** Output price per 1,000 tokens of the instant model. */
    public static final String OUTPUT_PRICE = "1.50 USD";

    /** The per-user ceiling: a billion dollars, which no run reaches. */
    public static final String PER_USER_CEILING = "1000000000 USD";

    /** The caller every benchmark call is made as. */
    public static final String PRINCIPAL = "alice";

    private final Steward steward;
    private final GovernedCapability capability;
    private final JsonLinesAuditSink sink;
    private final AuditSink auditSink;
    private final Path auditFile;
    private final CountingObserver listener = new CountingObserver();
    private final InMemoryBudgetLedger ledger = new InMemoryBudgetLedger(Clock.systemUTC());
    private final IdentityResolver identity = identity();

    /**
     * Builds Steward around a provider.
     *
     * @param provider the provider the default route calls
     * @param providerTimeout Steward's per-try timeout for the provider, such as {@code 30s} (the default), or
     *     {@code 0s} for none, which calls the provider on the caller's thread
     * @param auditFile the file the JSON-lines audit sink appends to
     * @param auditQueue records the audit sink may hold before callers wait
     */
    public StewardFixture(InferenceProvider provider, String providerTimeout, Path auditFile, int auditQueue) {
        this(provider, providerTimeout, auditFile, auditQueue, true);
    }

    /**
     * Builds Steward around a provider, auditing to the JSON-lines file or, to isolate the file sink's cost, to
     * memory.
     *
     * @param provider the provider the default route calls
     * @param providerTimeout Steward's per-try timeout for the provider, or {@code 0s} for none
     * @param auditFile the file the JSON-lines audit sink appends to
     * @param auditQueue records the audit sink may hold before callers wait
     * @param jsonl {@code true} for the JSON-lines file sink, {@code false} for the in-memory sink (last 1,000 records)
     */
    public StewardFixture(
            InferenceProvider provider, String providerTimeout, Path auditFile, int auditQueue, boolean jsonl) {
        this(provider, providerTimeout, auditFile, auditQueue, jsonl, JsonLinesAuditSink.DEFAULT_FSYNC);
    }

    /**
     * Builds Steward around a provider, choosing whether the JSON-lines sink forces each batch to the device.
     *
     * @param provider the provider
     * @param providerTimeout {@code steward.provider.<name>.timeout}
     * @param auditFile the file the JSON-lines audit sink appends to
     * @param auditQueue records the audit sink may hold before callers wait
     * @param jsonl {@code true} for the JSON-lines file sink, {@code false} for the in-memory sink (last 1,000 records)
     * @param fsync whether the JSON-lines sink forces each batch to the device (its default) or only flushes it
     */
    public StewardFixture(
            InferenceProvider provider,
            String providerTimeout,
            Path auditFile,
            int auditQueue,
            boolean jsonl,
            boolean fsync) {
        this(provider, providerTimeout, auditFile, auditQueue, jsonl, fsync, null);
    }

    /**
     * Builds Steward around a provider with one more observer, such as OpenTelemetry's.
     *
     * @param provider the provider
     * @param providerTimeout {@code steward.provider.<name>.timeout}
     * @param auditFile the file the JSON-lines audit sink appends to
     * @param auditQueue records the audit sink may hold before callers wait
     * @param jsonl {@code true} for the JSON-lines file sink, {@code false} for the in-memory sink (last 1,000 records)
     * @param fsync whether the JSON-lines sink forces each batch to the device (its default) or only flushes it
     * @param observer an observer registered after the counting one, or {@code null} for none
     */
    public StewardFixture(
            InferenceProvider provider,
            String providerTimeout,
            Path auditFile,
            int auditQueue,
            boolean jsonl,
            boolean fsync,
            StewardObserver observer) {
        this.auditFile = auditFile;
        this.sink = jsonl
                ? new JsonLinesAuditSink(auditFile, auditQueue, JsonLinesAuditSink.DEFAULT_WRITE_TIMEOUT, fsync, 1000)
                : null;
        this.auditSink = jsonl ? sink : new InMemoryAuditSink(1_000);
        Steward.Builder builder = Steward.builder()
                .config(ConfigValues.of(configuration(provider.name(), providerTimeout)))
                .discoverProviderFactories(false)
                // the observers each row measures, and no others: the OpenTelemetry observer on this class path
                // would otherwise join every row (reporting to a no-op global, so nearly free, but not nothing)
                .discoverExtensions(false)
                .provider(provider)
                .promptRegistry(new InMemoryPromptRegistry().put(CAPABILITY, "1", TEMPLATE))
                .budgetLedger(ledger)
                .auditSink(auditSink)
                .observer(listener);
        if (observer != null) {
            builder.observer(observer);
        }
        this.steward = builder.build();
        this.capability = steward.capability(CapabilityDefinition.builder(CAPABILITY)
                .source(StewardFixture.class.getName() + "#summarize")
                .parameterNames(List.of("claimId", "customer", "text"))
                .build());
    }

    /**
     * The {@code steward.*} configuration of every governed benchmark: a default route to the provider, roles and
     * tenants allowed, a per-user money ceiling, and prices for the instant model.
     *
     * @param providerName the provider the default route calls
     * @param providerTimeout Steward's per-try timeout for the provider
     * @return the keys and values
     */
    public static Map<String, String> configuration(String providerName, String providerTimeout) {
        String cap = "steward.capability." + CAPABILITY + ".";
        Map<String, String> config = new HashMap<>();
        config.put("steward.route.default.providers", providerName);
        config.put("steward.provider." + providerName + ".timeout", providerTimeout);
        config.put(cap + "allowed-roles", "adjuster,supervisor");
        config.put(cap + "allowed-tenants", "acme,globex");
        config.put(cap + "ceiling.per-user", PER_USER_CEILING);
        config.put(cap + "max-output-tokens", "256");
        config.put("steward.price." + InstantChatModel.MODEL + ".input-per-1k", INPUT_PRICE);
        config.put("steward.price." + InstantChatModel.MODEL + ".output-per-1k", OUTPUT_PRICE);
        return config;
    }

    /**
     * Identity as an integration resolves it per call: the session's principal, roles and tenant, with a fresh
     * correlation id.
     *
     * @return the resolver
     */
    public static IdentityResolver identity() {
        return new SessionIdentity(PRINCIPAL, Set.of("adjuster"), "acme");
    }

    /**
     * Makes one governed call as the session's caller.
     *
     * @param args claim id, customer and claim text
     * @return the answer
     */
    public String summarize(Object[] args) {
        return capability.invoke(identity.resolve(), args, null);
    }

    /**
     * The same prompt the capability renders, rendered by hand, for the ungoverned baseline.
     *
     * @param args claim id, customer and claim text
     * @return the prompt text
     */
    public static String render(Object[] args) {
        return "Summarize claim " + args[0] + " for customer " + args[1] + ": " + args[2];
    }

    /**
     * What one call costs in micro-dollars, at the configured prices and the instant model's usage.
     *
     * @return the cost
     */
    public static long costPerCallMicros() {
        // 42 input tokens at 0.50 USD and 17 output tokens at 1.50 USD per 1,000, rounded up per part
        return ceilDiv(InstantChatModel.INPUT_TOKENS * 500_000L, 1000)
                + ceilDiv(InstantChatModel.OUTPUT_TOKENS * 1_500_000L, 1000);
    }

    /**
     * What the caller has spent so far.
     *
     * @return micro-dollars settled
     */
    public long spentMicros() {
        return spentMicros(ledger);
    }

    /**
     * What the caller has spent in a ledger, summed over yesterday's and today's daily windows (a run may cross
     * midnight UTC).
     *
     * @param ledger the ledger
     * @return micro-dollars settled
     */
    public static long spentMicros(BudgetLedger ledger) {
        Instant now = Instant.now();
        long total = 0;
        for (Instant day : List.of(now.minus(Duration.ofDays(1)), now)) {
            String label = BudgetWindow.of(CostCeiling.Period.DAY, day).label();
            total += ledger.spent("user:" + PRINCIPAL + ":" + CAPABILITY + ":DAY:" + label);
        }
        return total;
    }

    /**
     * Audit records the listener saw.
     *
     * @return the count
     */
    public long listenerRecords() {
        return listener.records();
    }

    /**
     * Waits until every record queued so far is in the file, then counts its lines.
     *
     * @return lines in the audit file, or -1 when auditing to memory
     * @throws InterruptedException if interrupted while waiting
     */
    public long flushAndCountAuditLines() throws InterruptedException {
        if (sink == null) {
            return -1;
        }
        sink.flush();
        try (Stream<String> lines = Files.lines(auditFile)) {
            return lines.filter(l -> !l.isBlank()).count();
        } catch (java.nio.file.NoSuchFileException e) {
            return 0;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * The audit file.
     *
     * @return the path
     */
    public Path auditFile() {
        return auditFile;
    }

    /**
     * Closes Steward and writes out the audit records still queued.
     *
     * @throws IllegalStateException if either fails to close
     */
    @Override
    public void close() {
        try {
            steward.close();
            if (sink != null) {
                sink.close();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while closing the audit sink", e);
        } catch (Exception e) {
            throw new IllegalStateException("cannot close Steward: " + e, e);
        }
    }

    private static long ceilDiv(long a, long b) {
        return -Math.floorDiv(-a, b);
    }

    /**
     * Identity as an integration resolves it per call: the session's principal, roles and tenant, with a fresh
     * correlation id.
     */
    private record SessionIdentity(String principal, Set<String> roles, String tenant) implements IdentityResolver {
        @Override
        public CallerContext resolve() {
            return new CallerContext(
                    principal,
                    roles,
                    tenant,
                    Long.toHexString(ThreadLocalRandom.current().nextLong()));
        }
    }
}
