package dev.steward.core;

import dev.steward.api.ConfigurationException;
import dev.steward.api.ProviderException;
import dev.steward.api.spi.ApprovalStore;
import dev.steward.api.spi.AuditSink;
import dev.steward.api.spi.BudgetLedger;
import dev.steward.api.spi.CapabilityPolicy;
import dev.steward.api.spi.CaptureStore;
import dev.steward.api.spi.InferenceProvider;
import dev.steward.api.spi.InferenceProviderFactory;
import dev.steward.api.spi.PromptRegistry;
import dev.steward.api.spi.ProviderSettings;
import dev.steward.api.spi.RateLimiter;
import dev.steward.api.spi.Redactor;
import dev.steward.api.spi.StoreFactory;
import dev.steward.api.spi.TokenCounter;
import dev.steward.core.answer.AnswerValidator;
import dev.steward.core.approval.InMemoryApprovalStore;
import dev.steward.core.audit.AuditTrail;
import dev.steward.core.audit.InMemoryAuditSink;
import dev.steward.core.audit.JsonLinesAuditSink;
import dev.steward.core.audit.SpoolingAuditSink;
import dev.steward.core.audit.VerifiableAuditLog;
import dev.steward.core.budget.InMemoryBudgetLedger;
import dev.steward.core.budget.PriceTable;
import dev.steward.core.capture.CaptureRecorder;
import dev.steward.core.capture.JsonLinesCaptureStore;
import dev.steward.core.config.ConfigKeys;
import dev.steward.core.config.ConfigReader;
import dev.steward.core.config.ConfigValues;
import dev.steward.core.config.EnvironmentKeys;
import dev.steward.core.internal.Interceptors;
import dev.steward.core.internal.Observers;
import dev.steward.core.internal.Pipeline;
import dev.steward.core.internal.Services;
import dev.steward.core.policy.ConfigCapabilityPolicy;
import dev.steward.core.prompt.ClasspathPromptRegistry;
import dev.steward.core.ratelimit.InMemoryRateLimiter;
import dev.steward.core.route.CircuitBreaker;
import dev.steward.core.route.GuardedProvider;
import dev.steward.core.route.ProviderPolicy;
import dev.steward.core.route.ProviderRoute;
import dev.steward.core.route.Sleeper;
import dev.steward.core.spi.PipelineInterceptor;
import dev.steward.core.spi.RedactorFactory;
import dev.steward.core.spi.StewardObserver;
import dev.steward.core.tool.Tool;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.ServiceLoader;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.LongSupplier;
import java.util.function.Predicate;

/**
 * The entry point of the governance pipeline. Build one per application with {@link #builder()}, which reads and
 * validates the whole {@code steward.*} configuration; then compose each capability once with
 * {@link #capability(CapabilityDefinition)} and invoke the result per call. Thread-safe.
 */
public final class Steward implements AutoCloseable {

    private final Services services;
    private final ApprovalService approvals;
    private final AuditTrail auditTrail;
    private final ScheduledThreadPoolExecutor executor;
    private final List<AutoCloseable> owned;
    private final Map<String, GovernedCapability> capabilities = new ConcurrentHashMap<>();
    private final EnvironmentKeys environmentKeys;
    private final CaptureRecorder capture;
    private final CaptureService captures;
    private final AtomicBoolean closed = new AtomicBoolean();

    private Steward(
            Services services,
            AuditTrail auditTrail,
            ScheduledThreadPoolExecutor executor,
            List<AutoCloseable> owned,
            EnvironmentKeys environmentKeys,
            CaptureRecorder capture) {
        this.services = services;
        this.capture = capture;
        this.captures = new CaptureService(
                capture,
                services.audit(),
                services.observer(),
                services.clock(),
                services.prices().currency());
        this.environmentKeys = environmentKeys;
        this.auditTrail = auditTrail;
        this.executor = executor;
        this.owned = owned;
        this.approvals = new ApprovalService(
                services.approvals(),
                services.audit(),
                services.observer(),
                name -> {
                    GovernedCapability c = capabilities.get(name);
                    return c == null ? null : c.descriptor();
                },
                services.clock(),
                services.prices().currency());
    }

    /**
     * Starts building an instance.
     *
     * @return a builder with defaults that need no infrastructure
     */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * Validates a capability against the configuration and composes its pipeline, once.
     *
     * @param definition the capability
     * @return the governed capability
     * @throws ConfigurationException naming {@code Class#method} and the key: missing prompt or version, unknown
     *     template variable, unknown route, invalid ceiling or approval, an invalid capture mode, or a second
     *     capability of the same name from another source
     */
    public GovernedCapability capability(CapabilityDefinition definition) {
        if (capture != null) {
            capture.check(definition.name());
        }
        GovernedCapability existing = capabilities.get(definition.name());
        if (existing != null) {
            if (existing.definition().source().equals(definition.source())) {
                return existing;
            }
            throw new ConfigurationException(
                    definition.source(),
                    "capability '" + definition.name() + "' is already declared by "
                            + existing.definition().source());
        }
        GovernedCapability governed =
                new GovernedCapability(definition, Pipeline.assemble(definition, services), approvals);
        GovernedCapability raced = capabilities.putIfAbsent(definition.name(), governed);
        return raced == null ? governed : raced;
    }

    /**
     * Fails if configuration names capabilities that were never declared, which is almost always a typo. Integrations
     * call it once every annotated method has been composed.
     *
     * @throws ConfigurationException naming the first key of an undeclared capability
     */
    public void verifyConfiguredCapabilities() {
        for (String key : services.config().values().keys()) {
            ConfigKeys.split(key, "capability", ConfigKeys.CAPABILITY_SETTINGS).ifPresent(k -> {
                if (!capabilities.containsKey(k.name())) {
                    throw new ConfigurationException(
                            key,
                            "configures capability '" + k.name() + "', which no method declares; declared are "
                                    + new TreeSet<>(capabilities.keySet()));
                }
            });
        }
    }

    /**
     * Fails if an environment variable named {@code STEWARD_*} sets no key Steward reads, which is almost always a
     * typo or a provider, route or price that no configuration file declares (see {@link EnvironmentKeys}).
     * Integrations call it once every annotated method has been composed, since capability variables are checked
     * against the declared capabilities. The variables come from {@link ConfigValues#environmentVariables()}.
     *
     * @throws ConfigurationException naming the first such variable and the nearest one Steward would read
     */
    public void verifyEnvironmentVariables() {
        environmentKeys.check(services.config().values().environmentVariables(), capabilities.keySet());
    }

    /**
     * Resumes a call that was held at a tool call needing approval (its {@link dev.steward.api.ApprovalPendingException}
     * carried the approval id): once approved, the tool runs, as the caller, and the conversation goes on from that
     * point; once rejected or expired, the model is told so and goes on without it. The resumed call is a governed call
     * of its own, authorized, budgeted and audited; the held call runs at most once.
     *
     * @param approvalId the approval request's id
     * @param caller who resumes; must be who made the held call
     * @return the answer, as {@link GovernedCapability#answer} returns it
     * @throws dev.steward.api.ApprovalNotAllowedException if no held tool call has that id (its capability is then
     *     {@code null} when no request at all has it), the caller is not who made it, or it has already resumed; every
     *     refusal is audited, an unknown id or a request holding no tool call as
     *     {@link dev.steward.api.Outcome#APPROVAL_REFUSED} with the caller as principal and the id
     * @throws dev.steward.api.ApprovalPendingException while it awaits a decision, or when another tool call of the
     *     resumed conversation needs approval (with that request's id)
     * @throws dev.steward.api.StewardException as {@link GovernedCapability#answer} does
     */
    public dev.steward.api.Answer<?> resume(String approvalId, dev.steward.api.CallerContext caller) {
        java.util.Objects.requireNonNull(approvalId, "approvalId");
        java.util.Objects.requireNonNull(caller, "caller");
        GovernedCapability c = services.approvals()
                .find(approvalId)
                .map(r -> capabilities.get(r.capability()))
                .orElse(null);
        if (c == null) {
            throw approvals.refusedResume(approvalId, caller, null);
        }
        return c.resume(approvalId, caller);
    }

    /**
     * Reads of captured prompts and answers, each audited.
     *
     * @return the capture service; {@link CaptureService#enabled()} says whether any capability captures
     */
    public CaptureService captures() {
        return captures;
    }

    /**
     * Decisions on answers held for approval.
     *
     * @return the approval service
     */
    public ApprovalService approvals() {
        return approvals;
    }

    /**
     * The audit records, when the audit sink can be read back (the in-memory and JSON-lines sinks can).
     *
     * @return the trail, or empty
     */
    public Optional<AuditTrail> auditTrail() {
        return Optional.ofNullable(auditTrail);
    }

    /**
     * The audit log, when the audit sink can verify its chain (the JSON-lines sink can), for auditors.
     *
     * @return the log, or empty
     */
    public Optional<VerifiableAuditLog> auditLog() {
        // the trail is the sink under a spool, if any: the chain lives there
        if (auditTrail instanceof VerifiableAuditLog log) {
            return Optional.of(log);
        }
        return services.audit() instanceof VerifiableAuditLog log ? Optional.of(log) : Optional.empty();
    }

    /**
     * The providers a route tries, in order, as this instance composed it: those of
     * {@code steward.route.<route>.providers} that are enabled, or for the {@code default} route without that key the
     * only provider, when there is exactly one. Integrations use it to check what they wrap around a capability.
     *
     * @param route the route name
     * @return the provider names, or an empty list if there is no such route
     */
    public List<String> routeProviders(String route) {
        ProviderRoute r = services.routes().get(route);
        return r == null
                ? List.of()
                : r.providers().stream().map(GuardedProvider::name).toList();
    }

    /**
     * The capabilities composed so far, by name, for operators' views (an Actuator endpoint, a health page).
     *
     * @return the capabilities, sorted by name
     */
    public List<GovernedCapability> capabilities() {
        return capabilities.values().stream()
                .sorted(java.util.Comparator.comparing(c -> c.definition().name()))
                .toList();
    }

    /**
     * The roles that approve something in this instance, for operators' views of the approval queue: the approver role
     * of every governed capability's answers and of every registered tool that needs approval.
     *
     * @return the roles, sorted
     */
    public java.util.SortedSet<String> approverRoles() {
        java.util.SortedSet<String> roles = new TreeSet<>();
        for (GovernedCapability c : capabilities.values()) {
            if (c.definition().approval() != null) {
                roles.add(c.definition().approval().role());
            }
        }
        for (dev.steward.core.tool.Tool t : services.tools().values()) {
            t.approval().ifPresent(a -> roles.add(a.role()));
        }
        return java.util.Collections.unmodifiableSortedSet(roles);
    }

    /**
     * Every route with the providers it tries, in order, for operators' views.
     *
     * @return the provider names by route name
     */
    public Map<String, List<String>> routes() {
        Map<String, List<String>> out = new LinkedHashMap<>();
        services.routes().forEach((name, r) -> out.put(name, routeProviders(name)));
        return out;
    }

    /**
     * The circuit breaker of each provider, by provider name, for health checks and metrics.
     *
     * @return the breakers
     */
    public Map<String, CircuitBreaker> circuitBreakers() {
        Map<String, CircuitBreaker> out = new LinkedHashMap<>();
        services.routes().values().forEach(r -> r.providers().forEach(p -> out.put(p.name(), p.breaker())));
        return out;
    }

    /**
     * Closes everything this instance created, in reverse order of creation: the providers made from configuration,
     * the sinks and stores it created (writing out queued audit records), and its timeout watchdog thread. Observers
     * hear of it first ({@link StewardObserver#onClose}). Providers, sinks and stores passed to the builder belong to
     * the caller and stay open. Closing twice does nothing.
     *
     * @throws Exception the first failure to close, with later ones suppressed; everything is still closed
     */
    @Override
    public void close() throws Exception {
        if (closed.compareAndSet(false, true)) {
            services.observer().onClose(this);
        }
        closeAll(owned, executor);
    }

    private static void closeAll(List<AutoCloseable> owned, ScheduledThreadPoolExecutor executor) throws Exception {
        Exception first = null;
        synchronized (owned) {
            for (int i = owned.size() - 1; i >= 0; i--) {
                try {
                    owned.get(i).close();
                } catch (Exception e) {
                    if (first == null) {
                        first = e;
                    } else {
                        first.addSuppressed(e);
                    }
                }
            }
            owned.clear();
        }
        if (executor != null) {
            executor.shutdownNow();
            try {
                // its thread is gone when close returns, so a redeploy does not count it as a leak
                executor.awaitTermination(5, java.util.concurrent.TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        if (first != null) {
            throw first;
        }
    }

    /** Builds a {@link Steward}. Not thread-safe; {@link #build()} validates everything at once. */
    public static final class Builder {
        private ConfigValues config = ConfigValues.of(Map.of());
        private final List<InferenceProvider> providers = new ArrayList<>();
        private final List<InferenceProviderFactory> factories = new ArrayList<>();
        private final List<StoreFactory> storeFactories = new ArrayList<>();
        private boolean discoverFactories = true;
        private PromptRegistry prompts;
        private BudgetLedger ledger;
        private RateLimiter rateLimiter;
        private AuditSink audit;
        private ApprovalStore approvals;
        private CapabilityPolicy policy;
        private final List<StewardObserver> observers = new ArrayList<>();
        private final List<PipelineInterceptor> interceptors = new ArrayList<>();
        private final List<dev.steward.core.spi.PipelineInterceptorFactory> interceptorFactories = new ArrayList<>();
        private final List<TokenCounter> tokenCounters = new ArrayList<>();
        private final List<Redactor> redactors = new ArrayList<>();
        private CaptureStore captureStore;
        private boolean discoverExtensions = true;
        private AnswerValidator answerValidator;
        private final List<Tool> tools = new ArrayList<>();
        private Predicate<ProviderException> breakerRecords;
        private Clock clock = Clock.systemUTC();
        private LongSupplier nanoTicker = System::nanoTime;
        private Sleeper sleeper = Sleeper.SYSTEM;
        private ClassLoader classLoader = Thread.currentThread().getContextClassLoader();

        private Builder() {}

        /**
         * Sets the configuration.
         *
         * @param values the {@code steward.*} values
         * @return this builder
         */
        public Builder config(ConfigValues values) {
            this.config = values;
            return this;
        }

        /**
         * Takes the application's components of every kind the builder accepts: each {@link InferenceProvider},
         * {@link InferenceProviderFactory}, {@link StoreFactory}, {@link PipelineInterceptor}, {@link StewardObserver}
         * and {@link TokenCounter}, and at most one each of {@link PromptRegistry}, {@link BudgetLedger},
         * {@link RateLimiter}, {@link AuditSink}, {@link ApprovalStore} and {@link CapabilityPolicy}. Integrations call
         * it with their container's beans.
         *
         * @param components the application's components
         * @return this builder
         * @throws ConfigurationException naming the type when the application declares more than one of a kind it may
         *     declare only once
         */
        public Builder components(ApplicationComponents components) {
            components.all(InferenceProvider.class).forEach(this::provider);
            components.all(InferenceProviderFactory.class).forEach(this::providerFactory);
            components.all(StoreFactory.class).forEach(this::storeFactory);
            single(components, PromptRegistry.class).ifPresent(this::promptRegistry);
            single(components, BudgetLedger.class).ifPresent(this::budgetLedger);
            single(components, RateLimiter.class).ifPresent(this::rateLimiter);
            single(components, AuditSink.class).ifPresent(this::auditSink);
            single(components, ApprovalStore.class).ifPresent(this::approvalStore);
            single(components, CapabilityPolicy.class).ifPresent(this::capabilityPolicy);
            components.all(PipelineInterceptor.class).forEach(this::interceptor);
            components.all(TokenCounter.class).forEach(this::tokenCounter);
            components.all(StewardObserver.class).forEach(this::observer);
            return this;
        }

        private static <T> Optional<T> single(ApplicationComponents components, Class<T> type) {
            List<T> found = components.all(type);
            if (found.size() > 1) {
                throw new ConfigurationException(
                        type.getName(), "more than one " + type.getSimpleName() + " bean; declare exactly one");
            }
            return found.stream().findFirst();
        }

        /**
         * Adds a provider made in code; routes refer to it by {@link InferenceProvider#name()}.
         *
         * @param provider the provider
         * @return this builder
         */
        public Builder provider(InferenceProvider provider) {
            providers.add(provider);
            return this;
        }

        /**
         * Adds a factory for {@code steward.provider.<name>.type}, besides those found by {@link ServiceLoader}.
         *
         * @param factory the factory
         * @return this builder
         */
        public Builder providerFactory(InferenceProviderFactory factory) {
            factories.add(factory);
            return this;
        }

        /**
         * Adds a store backend for {@code steward.audit.sink}, {@code steward.budget.ledger},
         * {@code steward.approval.store} and {@code steward.rate-limit.store}, besides those found by {@link ServiceLoader}.
         *
         * @param factory the factory
         * @return this builder
         */
        public Builder storeFactory(StoreFactory factory) {
            storeFactories.add(java.util.Objects.requireNonNull(factory, "factory"));
            return this;
        }

        /**
         * Whether to find provider and store factories with {@link ServiceLoader} (default {@code true}).
         *
         * @param discover whether to
         * @return this builder
         */
        public Builder discoverProviderFactories(boolean discover) {
            this.discoverFactories = discover;
            return this;
        }

        /**
         * Sets the prompt registry (default: classpath under {@code steward.prompt.location}).
         *
         * @param registry the registry
         * @return this builder
         */
        public Builder promptRegistry(PromptRegistry registry) {
            this.prompts = registry;
            return this;
        }

        /**
         * Sets the budget ledger (default: in memory).
         *
         * @param ledger the ledger
         * @return this builder
         */
        public Builder budgetLedger(BudgetLedger ledger) {
            this.ledger = ledger;
            return this;
        }

        /**
         * Sets the rate limiter (default: per {@code steward.rate-limit.store}, in memory unless it names a store
         * backend).
         *
         * @param limiter the limiter
         * @return this builder
         */
        public Builder rateLimiter(RateLimiter limiter) {
            this.rateLimiter = java.util.Objects.requireNonNull(limiter, "limiter");
            return this;
        }

        /**
         * Sets the audit sink (default: per {@code steward.audit.sink}).
         *
         * @param sink the sink
         * @return this builder
         */
        public Builder auditSink(AuditSink sink) {
            this.audit = sink;
            return this;
        }

        /**
         * Sets the approval store (default: in memory).
         *
         * @param store the store
         * @return this builder
         */
        public Builder approvalStore(ApprovalStore store) {
            this.approvals = store;
            return this;
        }

        /**
         * Sets the capability policy (default: roles, tenants and anonymous access from configuration).
         *
         * @param policy the policy
         * @return this builder
         */
        public Builder capabilityPolicy(CapabilityPolicy policy) {
            this.policy = policy;
            return this;
        }

        /**
         * Adds an observer of calls, provider attempts, budgets, audit records and approvals, and of the built
         * instance's start and close. Observers are told in the order added, then those found with
         * {@link ServiceLoader}.
         *
         * @param observer the observer
         * @return this builder
         */
        public Builder observer(StewardObserver observer) {
            observers.add(java.util.Objects.requireNonNull(observer, "observer"));
            return this;
        }

        /**
         * Adds a pipeline interceptor; interceptors run by {@link PipelineInterceptor#priority()}, and those of equal
         * priority in the order added, before those found with {@link ServiceLoader}.
         *
         * @param interceptor the interceptor
         * @return this builder
         */
        public Builder interceptor(PipelineInterceptor interceptor) {
            interceptors.add(java.util.Objects.requireNonNull(interceptor, "interceptor"));
            return this;
        }

        /**
         * Sets what checks typed answers beyond their JSON shape (default: Jakarta Bean Validation when an API and a
         * provider are on the builder's class loader, found on the first typed answer; else nothing). A violation
         * earns the model one repair attempt, then the call fails with
         * {@link dev.steward.api.InvalidAnswerException}.
         *
         * @param validator the validator, {@link AnswerValidator#NONE} to check the shape only
         * @return this builder
         */
        public Builder answerValidator(AnswerValidator validator) {
            this.answerValidator = java.util.Objects.requireNonNull(validator, "validator");
            return this;
        }

        /**
         * Adds a factory of pipeline interceptors that read the configuration, besides those found with
         * {@link ServiceLoader}; its interceptors come after those added with {@link #interceptor}, and this
         * instance closes those that are {@link AutoCloseable}.
         *
         * @param factory the factory
         * @return this builder
         */
        public Builder interceptorFactory(dev.steward.core.spi.PipelineInterceptorFactory factory) {
            interceptorFactories.add(java.util.Objects.requireNonNull(factory, "factory"));
            return this;
        }

        /**
         * Adds a tool that capabilities may offer their model by name ({@code tools} of {@code @AiCapability},
         * {@link CapabilityDefinition.Builder#tools}, or {@code steward.capability.<name>.tools}).
         *
         * @param tool the tool, for example a {@link dev.steward.core.tool.MethodTool}
         * @return this builder
         */
        public Builder tool(Tool tool) {
            tools.add(java.util.Objects.requireNonNull(tool, "tool"));
            return this;
        }

        /**
         * Adds a redactor for captures of {@code steward.capability.<name>.capture=redacted}, besides those found
         * with {@link ServiceLoader} (as {@link Redactor} or made by a {@link RedactorFactory}, such as
         * steward-guard's).
         *
         * @param redactor the redactor
         * @return this builder
         */
        public Builder redactor(Redactor redactor) {
            redactors.add(java.util.Objects.requireNonNull(redactor, "redactor"));
            return this;
        }

        /**
         * Sets the store of captured prompts and answers (default: per {@code steward.capture.store}, a JSON-lines
         * file unless it names a store backend). It belongs to the caller and stays open when the instance closes.
         *
         * @param store the store
         * @return this builder
         */
        public Builder captureStore(CaptureStore store) {
            this.captureStore = java.util.Objects.requireNonNull(store, "store");
            return this;
        }

        /**
         * Adds a token counter for budget reservations, asked before those found with {@link ServiceLoader}.
         *
         * @param counter the counter
         * @return this builder
         */
        public Builder tokenCounter(TokenCounter counter) {
            tokenCounters.add(java.util.Objects.requireNonNull(counter, "counter"));
            return this;
        }

        /**
         * Whether to find interceptors, observers and token counters with {@link ServiceLoader} on the builder's
         * class loader (default {@code true}).
         *
         * @param discover whether to
         * @return this builder
         */
        public Builder discoverExtensions(boolean discover) {
            this.discoverExtensions = discover;
            return this;
        }

        /**
         * Decides which provider failures every circuit breaker counts, overriding
         * {@code steward.provider.<name>.circuit-breaker.records} (default: only retriable failures).
         *
         * @param records {@code true} for a failure that should count towards opening the breaker
         * @return this builder
         */
        public Builder circuitBreakerRecords(Predicate<ProviderException> records) {
            this.breakerRecords = java.util.Objects.requireNonNull(records, "records");
            return this;
        }

        /**
         * Sets the wall clock (budget windows, approval expiry, breaker timing, audit timestamps).
         *
         * @param clock the clock
         * @return this builder
         */
        public Builder clock(Clock clock) {
            this.clock = clock;
            return this;
        }

        /**
         * Sets the monotonic ticker (latencies, rate limits).
         *
         * @param nanoTicker nanoseconds, like {@link System#nanoTime()}
         * @return this builder
         */
        public Builder nanoTicker(LongSupplier nanoTicker) {
            this.nanoTicker = nanoTicker;
            return this;
        }

        /**
         * Sets how retries wait.
         *
         * @param sleeper the sleeper
         * @return this builder
         */
        public Builder sleeper(Sleeper sleeper) {
            this.sleeper = sleeper;
            return this;
        }

        /**
         * Sets the class loader for prompts and provider factories (default: the thread's context class loader).
         *
         * @param loader the loader
         * @return this builder
         */
        public Builder classLoader(ClassLoader loader) {
            this.classLoader = loader;
            return this;
        }

        /**
         * Reads and validates the configuration, creates configured providers and routes, and builds the instance.
         *
         * @return the instance
         * @throws ConfigurationException naming the first invalid or unknown key
         */
        public Steward build() {
            List<AutoCloseable> owned = new ArrayList<>();
            ScheduledThreadPoolExecutor executor = new ScheduledThreadPoolExecutor(1, r -> {
                Thread t = new Thread(r, "steward-timeouts");
                t.setDaemon(true);
                return t;
            });
            executor.setRemoveOnCancelPolicy(true);
            try {
                return build(owned, executor);
            } catch (RuntimeException | Error e) {
                // whatever was created before the failure is released, so a failed deployment leaks nothing
                try {
                    closeAll(owned, executor);
                } catch (Exception closing) {
                    e.addSuppressed(closing);
                }
                throw e;
            }
        }

        private Steward build(List<AutoCloseable> owned, ScheduledThreadPoolExecutor executor) {
            ConfigReader reader = new ConfigReader(config);
            Map<String, InferenceProviderFactory> byType = new HashMap<>();
            List<InferenceProviderFactory> all = new ArrayList<>(factories);
            if (discoverFactories) {
                ServiceLoader.load(InferenceProviderFactory.class, classLoader).forEach(all::add);
            }
            all.forEach(f -> byType.putIfAbsent(f.type(), f));

            // provider names configured with a type, and the keys each type accepts
            Map<String, InferenceProviderFactory> configured = new LinkedHashMap<>();
            Map<String, Set<String>> typeKeys = new HashMap<>();
            Set<String> disabled = new java.util.HashSet<>();
            List<String> providerTypes = new ArrayList<>();
            for (String key : config.keys()) {
                if (key.startsWith("steward.provider.") && key.endsWith(".type")) {
                    providerTypes.add(key);
                }
            }
            // a provider that only environment variables declare (STEWARD_PROVIDER_<NAME>_TYPE) is read the same way
            EnvironmentKeys.declaredNames(config.environmentVariables(), "provider", "type", providerTypes)
                    .forEach(name -> providerTypes.add("steward.provider." + name + ".type"));
            for (String key : providerTypes) {
                String name = key.substring("steward.provider.".length(), key.length() - ".type".length());
                String type = reader.string(key).orElse("");
                if (!reader.bool("steward.provider." + name + ".enabled", true)) {
                    disabled.add(name);
                }
                InferenceProviderFactory f = byType.get(type);
                if (f == null) {
                    throw new ConfigurationException(
                            key,
                            "unknown provider type '" + type + "'; available types are "
                                    + new TreeSet<>(byType.keySet())
                                    + " (add steward-providers for gateway, ollama, local-llama, local-embeddings)");
                }
                configured.put(name, f);
                typeKeys.put(name, f.keys());
            }
            Map<String, StoreFactory> storesByType = new LinkedHashMap<>();
            List<StoreFactory> allStores = new ArrayList<>(storeFactories);
            if (discoverFactories) {
                ServiceLoader.load(StoreFactory.class, classLoader).forEach(allStores::add);
            }
            allStores.forEach(f -> storesByType.putIfAbsent(f.type(), f));
            Map<String, Set<String>> storeKeys = new HashMap<>();
            storesByType.forEach((type, f) -> storeKeys.put(type, f.keys()));
            ConfigKeys.validate(config, typeKeys, storeKeys);

            String currency = reader.string(ConfigKeys.CURRENCY).orElse("USD");
            PriceTable prices;
            try {
                prices = PriceTable.read(config, currency);
            } catch (IllegalArgumentException e) {
                throw new ConfigurationException(ConfigKeys.CURRENCY, e.getMessage(), e);
            }

            Map<String, InferenceProvider> providerByName = new LinkedHashMap<>();
            for (InferenceProvider p : providers) {
                addProvider(providerByName, p, "provider " + p.getClass().getName());
            }
            configured.forEach((name, factory) -> {
                if (disabled.contains(name)) {
                    return;
                }
                InferenceProvider p = factory.create(settings(name, reader));
                owned.add(p);
                if (!name.equals(p.name())) {
                    throw new ConfigurationException(
                            "steward.provider." + name + ".type",
                            "factory " + factory.type() + " created a provider named '" + p.name() + "'");
                }
                addProvider(providerByName, p, "steward.provider." + name + ".type");
            });

            java.time.Duration auditWriteTimeout =
                    reader.duration(ConfigKeys.AUDIT_WRITE_TIMEOUT, JsonLinesAuditSink.DEFAULT_WRITE_TIMEOUT);
            if (auditWriteTimeout.isZero()) {
                throw new ConfigurationException(
                        ConfigKeys.AUDIT_WRITE_TIMEOUT,
                        "must be positive (a caller never waits without bound for its audit record), was 0;"
                                + " the default is " + JsonLinesAuditSink.DEFAULT_WRITE_TIMEOUT.toSeconds() + "s");
            }
            OpenStores stores = new OpenStores(storesByType, reader, auditWriteTimeout, clock, owned);
            CaptureRecorder capture = capture(reader, stores);
            List<PipelineInterceptor> allInterceptors = new ArrayList<>(interceptors);
            List<StewardObserver> allObservers = new ArrayList<>(observers);
            List<TokenCounter> allCounters = new ArrayList<>(tokenCounters);
            List<dev.steward.core.spi.PipelineInterceptorFactory> allInterceptorFactories =
                    new ArrayList<>(interceptorFactories);
            if (discoverExtensions) {
                ServiceLoader.load(dev.steward.core.spi.PipelineInterceptorFactory.class, classLoader)
                        .forEach(allInterceptorFactories::add);
            }
            for (dev.steward.core.spi.PipelineInterceptorFactory f : allInterceptorFactories) {
                for (PipelineInterceptor i : f.create(config)) {
                    allInterceptors.add(
                            java.util.Objects.requireNonNull(i, f.getClass().getName() + " created null"));
                    if (i instanceof AutoCloseable c) {
                        owned.add(c);
                    }
                }
            }
            if (discoverExtensions) {
                ServiceLoader.load(PipelineInterceptor.class, classLoader).forEach(allInterceptors::add);
                ServiceLoader.load(StewardObserver.class, classLoader).forEach(allObservers::add);
                ServiceLoader.load(TokenCounter.class, classLoader).forEach(allCounters::add);
            }
            if (capture != null) {
                allInterceptors.add(capture);
                allObservers.add(capture);
            }
            Interceptors sortedInterceptors = Interceptors.of(allInterceptors);
            StewardObserver observer = Observers.of(allObservers);
            Map<String, CircuitBreaker> breakers = new HashMap<>();
            Map<String, GuardedProvider> guarded = new HashMap<>();
            providerByName.forEach((name, p) -> {
                if (!reader.bool("steward.provider." + name + ".enabled", true)) {
                    disabled.add(name);
                    return;
                }
                ProviderPolicy policy = ProviderPolicy.read(reader, name);
                CircuitBreaker breaker = breakers.computeIfAbsent(
                        name, n -> new CircuitBreaker(n, policy.failureThreshold(), policy.openDuration(), clock));
                guarded.put(
                        name,
                        new GuardedProvider(
                                p,
                                policy,
                                breaker,
                                executor,
                                sleeper,
                                clock,
                                breakerRecords != null ? breakerRecords : policy.recordsFailure(),
                                sortedInterceptors,
                                observer));
            });
            for (String key : config.keys()) {
                if (key.startsWith("steward.provider.")) {
                    String name = key.substring("steward.provider.".length()).split("\\.", 2)[0];
                    if (!guarded.containsKey(name) && !disabled.contains(name)) {
                        throw new ConfigurationException(
                                key,
                                "configures provider '" + name + "', which has no steward.provider." + name
                                        + ".type and was not registered in code; known providers are "
                                        + guarded.keySet());
                    }
                }
            }

            Map<String, ProviderRoute> routes = new LinkedHashMap<>();
            List<String> routeKeys = new ArrayList<>();
            config.keys().forEach(routeKeys::add);
            EnvironmentKeys.declaredNames(config.environmentVariables(), "route", "providers", routeKeys)
                    .forEach(name -> routeKeys.add("steward.route." + name + ".providers"));
            for (String key : routeKeys) {
                ConfigKeys.split(key, "route", ConfigKeys.ROUTE_SETTINGS)
                        .filter(k -> k.setting().equals("providers"))
                        .ifPresent(k -> {
                            List<String> names = reader.list(key);
                            if (names.isEmpty()) {
                                throw new ConfigurationException(key, "must list at least one provider");
                            }
                            List<GuardedProvider> chain = new ArrayList<>();
                            for (String n : names) {
                                if (disabled.contains(n)) {
                                    continue;
                                }
                                GuardedProvider g = guarded.get(n);
                                if (g == null) {
                                    throw new ConfigurationException(
                                            key,
                                            "unknown provider '" + n + "'; known providers are " + guarded.keySet());
                                }
                                chain.add(g);
                            }
                            routes.put(k.name(), new ProviderRoute(k.name(), chain));
                        });
            }
            if (!routes.containsKey("default") && guarded.size() == 1) {
                routes.put("default", new ProviderRoute("default", List.copyOf(guarded.values())));
            }

            AuditSink sink = audit;
            if (sink == null
                    && !List.of("jsonl", "memory")
                            .contains(reader.string(ConfigKeys.AUDIT_SINK).orElse("jsonl"))) {
                sink = stores.get(ConfigKeys.AUDIT_SINK, StoreFactory.Stores::auditSink, "an audit sink");
            }
            BudgetLedger ledgerToUse = ledger;
            String ledgerKind = reader.string(ConfigKeys.BUDGET_LEDGER).orElse("memory");
            if (ledgerToUse == null && !ledgerKind.equals("memory")) {
                ledgerToUse =
                        stores.get(ConfigKeys.BUDGET_LEDGER, StoreFactory.Stores::budgetLedger, "a budget ledger");
            }
            RateLimiter limiterToUse = rateLimiter;
            String limiterKind = reader.string(ConfigKeys.RATE_LIMIT_STORE).orElse("memory");
            if (limiterToUse == null && !limiterKind.equals("memory")) {
                limiterToUse =
                        stores.get(ConfigKeys.RATE_LIMIT_STORE, StoreFactory.Stores::rateLimiter, "a rate limiter");
            }
            ApprovalStore approvalsToUse = approvals;
            String approvalKind = reader.string(ConfigKeys.APPROVAL_STORE).orElse("memory");
            if (approvalsToUse == null && !approvalKind.equals("memory")) {
                approvalsToUse =
                        stores.get(ConfigKeys.APPROVAL_STORE, StoreFactory.Stores::approvalStore, "an approval store");
            }
            if (sink == null) {
                int capacity = reader.integer(ConfigKeys.AUDIT_CAPACITY, 10_000, 1, 10_000_000);
                String kind = reader.string(ConfigKeys.AUDIT_SINK).orElse("jsonl");
                java.time.Duration writeTimeout = auditWriteTimeout;
                switch (kind) {
                    case "memory" -> sink = new InMemoryAuditSink(capacity);
                    case "jsonl" -> {
                        JsonLinesAuditSink jsonl = new JsonLinesAuditSink(
                                Path.of(reader.string(ConfigKeys.AUDIT_JSONL_PATH)
                                        .orElse("steward-audit.jsonl")),
                                capacity,
                                writeTimeout,
                                reader.bool(ConfigKeys.AUDIT_JSONL_FSYNC, JsonLinesAuditSink.DEFAULT_FSYNC),
                                reader.integer(
                                        ConfigKeys.AUDIT_CHECKPOINT_EVERY,
                                        JsonLinesAuditSink.DEFAULT_CHECKPOINT_EVERY,
                                        1,
                                        Integer.MAX_VALUE));
                        owned.add(jsonl);
                        sink = jsonl;
                    }
                    default -> throw new IllegalStateException("store sinks are resolved above, not '" + kind + "'");
                }
            }
            AuditTrail trail = sink instanceof AuditTrail t ? t : null;
            sink = spoolOnOutage(reader, sink, owned);
            String location =
                    reader.string(ConfigKeys.PROMPT_LOCATION).orElse(ClasspathPromptRegistry.DEFAULT_LOCATION);
            reader.bool(ConfigKeys.ENABLED, true);
            Services services = new Services(
                    reader,
                    prompts != null ? prompts : new ClasspathPromptRegistry(classLoader, location),
                    ledgerToUse != null ? ledgerToUse : new InMemoryBudgetLedger(clock),
                    limiterToUse != null ? limiterToUse : new InMemoryRateLimiter(nanoTicker),
                    sink,
                    approvalsToUse != null ? approvalsToUse : new InMemoryApprovalStore(),
                    policy != null ? policy : new ConfigCapabilityPolicy(reader),
                    Map.copyOf(routes),
                    List.copyOf(new TreeSet<>(guarded.keySet())),
                    prices,
                    observer,
                    sortedInterceptors,
                    List.copyOf(allCounters),
                    clock,
                    nanoTicker,
                    reader.integer(ConfigKeys.DEFAULT_MAX_OUTPUT_TOKENS, 512, 1, 10_000_000),
                    answerValidator(owned),
                    toolsByName());
            Map<String, Set<String>> providerSettings = new HashMap<>();
            for (String name : union(configured.keySet(), providerByName.keySet())) {
                providerSettings.put(name, union(ConfigKeys.PROVIDER_SETTINGS, typeKeys.getOrDefault(name, Set.of())));
            }
            Steward built = new Steward(
                    services, trail, executor, owned, EnvironmentKeys.of(config, providerSettings, storeKeys), capture);
            observer.onStart(built);
            return built;
        }

        // Capture only costs when a capability asks for it: no recorder, no interceptor, no store otherwise.
        private CaptureRecorder capture(ConfigReader reader, OpenStores stores) {
            if (!CaptureRecorder.requested(config)) {
                return null;
            }
            java.time.Duration retention =
                    reader.duration(ConfigKeys.CAPTURE_RETENTION, CaptureRecorder.DEFAULT_RETENTION);
            CaptureStore store = captureStore;
            String kind = reader.string(ConfigKeys.CAPTURE_STORE).orElse("file");
            if (store == null && kind.equals("file")) {
                try {
                    store = new JsonLinesCaptureStore(
                            Path.of(reader.string(ConfigKeys.CAPTURE_PATH).orElse(JsonLinesCaptureStore.DEFAULT_PATH)));
                } catch (IllegalStateException e) {
                    throw new ConfigurationException(ConfigKeys.CAPTURE_PATH, e.getMessage(), e);
                }
            } else if (store == null) {
                store = stores.get(ConfigKeys.CAPTURE_STORE, StoreFactory.Stores::captureStore, "a capture store");
            }
            List<Redactor> all = new ArrayList<>(redactors);
            if (discoverExtensions && CaptureRecorder.redactionRequested(config)) {
                ServiceLoader.load(Redactor.class, classLoader).forEach(all::add);
                ServiceLoader.load(RedactorFactory.class, classLoader).forEach(f -> all.addAll(f.create(config)));
            }
            return new CaptureRecorder(reader, store, all, retention, clock);
        }

        private Map<String, Tool> toolsByName() {
            Map<String, Tool> byName = new LinkedHashMap<>();
            for (Tool t : tools) {
                Tool earlier = byName.putIfAbsent(t.name(), t);
                if (earlier != null) {
                    throw new ConfigurationException(
                            t.source(), "tool '" + t.name() + "' is already declared by " + earlier.source());
                }
            }
            return Map.copyOf(byName);
        }

        private AnswerValidator answerValidator(List<AutoCloseable> owned) {
            if (answerValidator != null) {
                return answerValidator;
            }
            AnswerValidator.Detecting detecting = AnswerValidator.detecting(classLoader);
            owned.add(detecting);
            return detecting;
        }

        // steward.audit.on-outage: fail leaves the sink as it is; spool puts a local spool in front of it, owned here.
        private static AuditSink spoolOnOutage(ConfigReader reader, AuditSink sink, List<AutoCloseable> owned) {
            String onOutage = reader.string(ConfigKeys.AUDIT_ON_OUTAGE).orElse("fail");
            int maxRecords = reader.integer(
                    ConfigKeys.AUDIT_SPOOL_MAX_RECORDS, (int) SpoolingAuditSink.DEFAULT_MAX_RECORDS, 1, 1_000_000_000);
            Path path = Path.of(reader.string(ConfigKeys.AUDIT_SPOOL_PATH).orElse(SpoolingAuditSink.DEFAULT_PATH));
            switch (onOutage) {
                case "fail" -> {
                    return sink;
                }
                case "spool" -> {
                    SpoolingAuditSink spool;
                    try {
                        spool = new SpoolingAuditSink(sink, path, maxRecords);
                    } catch (IllegalStateException e) {
                        throw new ConfigurationException(ConfigKeys.AUDIT_SPOOL_PATH, e.getMessage(), e);
                    }
                    owned.add(spool);
                    return spool;
                }
                default ->
                    throw new ConfigurationException(
                            ConfigKeys.AUDIT_ON_OUTAGE,
                            "must be fail (the call fails closed when its record cannot be stored) or spool (the record is"
                                    + " kept in a local spool and replayed later), was '" + onOutage + "'");
            }
        }

        // Opens each store backend once, when a key first names it; Steward closes what was opened.
        private static final class OpenStores {
            private final Map<String, StoreFactory> byType;
            private final ConfigReader reader;
            private final java.time.Duration auditWriteTimeout;
            private final Clock clock;
            private final List<AutoCloseable> owned;
            private final Map<String, StoreFactory.Stores> open = new HashMap<>();

            OpenStores(
                    Map<String, StoreFactory> byType,
                    ConfigReader reader,
                    java.time.Duration auditWriteTimeout,
                    Clock clock,
                    List<AutoCloseable> owned) {
                this.byType = byType;
                this.reader = reader;
                this.auditWriteTimeout = auditWriteTimeout;
                this.clock = clock;
                this.owned = owned;
            }

            <T> T get(String key, java.util.function.Function<StoreFactory.Stores, Optional<T>> store, String what) {
                String type = reader.string(key).orElseThrow();
                StoreFactory factory = byType.get(type);
                if (factory == null) {
                    throw new ConfigurationException(
                            key,
                            "no store backend of type '" + type + "' is on the classpath; use "
                                    + (key.equals(ConfigKeys.CAPTURE_STORE) ? "file" : "memory")
                                    + (key.equals(ConfigKeys.AUDIT_SINK) ? ", jsonl" : "") + " or one of "
                                    + new TreeSet<>(byType.keySet()));
                }
                StoreFactory.Stores stores = open.computeIfAbsent(type, t -> {
                    StoreFactory.Stores opened = factory.open(new StoreFactory.Context(
                            dev.steward.core.route.ConfiguredProviderSettings.ofStore(t, reader),
                            auditWriteTimeout,
                            clock));
                    owned.add(opened);
                    return opened;
                });
                return store.apply(stores)
                        .orElseThrow(() -> new ConfigurationException(
                                key,
                                "the '" + type + "' store backend offers no " + what.substring(what.indexOf(' ') + 1)));
            }
        }

        private static Set<String> union(Set<String> a, Set<String> b) {
            Set<String> u = new java.util.HashSet<>(a);
            u.addAll(b);
            return u;
        }

        private static void addProvider(Map<String, InferenceProvider> byName, InferenceProvider p, String where) {
            if (byName.putIfAbsent(p.name(), p) != null) {
                throw new ConfigurationException(where, "a second provider is named '" + p.name() + "'");
            }
        }

        private static ProviderSettings settings(String name, ConfigReader reader) {
            // one parser: providers read their keys through core's reader, as core reads its own
            return dev.steward.core.route.ConfiguredProviderSettings.of(name, reader);
        }
    }
}
