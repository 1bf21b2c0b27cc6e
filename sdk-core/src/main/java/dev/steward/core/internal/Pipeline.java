package dev.steward.core.internal;

import dev.steward.api.Answer;
import dev.steward.api.ApprovalRequest;
import dev.steward.api.ApprovalStatus;
import dev.steward.api.CallerContext;
import dev.steward.api.CapabilityDescriptor;
import dev.steward.api.ConfigurationException;
import dev.steward.api.annotation.CostCeiling;
import dev.steward.api.annotation.RequiresApproval;
import dev.steward.api.spi.ApprovalStore;
import dev.steward.core.CapabilityDefinition;
import dev.steward.core.Fallback;
import dev.steward.core.budget.Ceiling;
import dev.steward.core.config.ConfigKeys;
import dev.steward.core.config.ConfigReader;
import dev.steward.core.route.ProviderRoute;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Optional;
import java.util.TreeSet;

/**
 * One capability's composed chain of stages. {@link #assemble} validates the definition against the configuration
 * and builds the chain once; {@link #invoke} runs it per call. Thread-safe.
 */
public final class Pipeline {

    /** Tool rounds per call when {@code steward.capability.<name>.max-tool-rounds} is not set. */
    public static final int DEFAULT_MAX_TOOL_ROUNDS = 5;

    private final CapabilityDescriptor descriptor;
    private final Stage head;
    private final java.util.function.LongSupplier ticker;
    private final ApprovalStore approvals;
    private final java.time.Clock clock;
    private final java.util.Set<String> trustedRoutes;

    private Pipeline(
            CapabilityDescriptor descriptor,
            Stage head,
            java.util.function.LongSupplier ticker,
            ApprovalStore approvals,
            java.time.Clock clock,
            java.util.Set<String> trustedRoutes) {
        this.descriptor = descriptor;
        this.trustedRoutes = trustedRoutes;
        this.head = head;
        this.ticker = ticker;
        this.approvals = approvals;
        this.clock = clock;
    }

    /**
     * What policies and extensions see of the capability.
     *
     * @return the descriptor
     */
    public CapabilityDescriptor descriptor() {
        return descriptor;
    }

    /**
     * Runs one call.
     *
     * @param caller who calls
     * @param args the arguments, in parameter order
     * @param fallback the fallback, or {@code null}
     * @return the answer
     * @throws InterruptedException if interrupted while waiting for a provider
     */
    public Answer<?> invoke(CallerContext caller, Object[] args, Fallback fallback) throws InterruptedException {
        Invocation call = new Invocation(descriptor, caller, args, fallback, ticker.getAsLong(), trustedRoutes);
        String text = head.invoke(call);
        return new Answer<>(
                text, call.value != null ? call.value : text, call.confidence, call.model, call.degraded, call.reason);
    }

    /**
     * Validates a capability and composes its chain, outermost first: audit (and the observers' call events),
     * authorization, kill switch, prompt, input (rendering and the interceptors' {@code onInput}), budget, rate limit,
     * inference with its route (each try through the interceptors' {@code aroundAttempt}), then on the answer the
     * interceptors' {@code onAnswer} and the approval gate.
     *
     * @param def the capability
     * @param s the shared services
     * @return the pipeline
     * @throws ConfigurationException naming {@code Class#method} and the key of the first problem: a missing prompt
     *     or version, an unknown template variable, an unknown route, an invalid ceiling, approval or limit
     */
    public static Pipeline assemble(CapabilityDefinition def, Services s) {
        String name = def.name();
        String p = "steward.capability." + name + ".";
        ConfigReader config = s.config();
        String where = def.source() + " ";
        int maxOutput = config.integer(p + "max-output-tokens", s.defaultMaxOutputTokens(), 1, 10_000_000);

        // routes
        String routeName = config.string(p + "route").orElse(def.route());
        ProviderRoute route = route(
                s, routeName, where + (config.string(p + "route").isPresent() ? p + "route" : "route"), p + "route");
        CapabilityDefinition.Ceiling declared = def.ceiling();
        String degradeName = null;
        if (declared != null && declared.onExceeded() == CostCeiling.OnExceeded.DEGRADE) {
            degradeName = declared.degradeRoute();
            if (degradeName.isEmpty()) {
                throw new ConfigurationException(
                        where + "@CostCeiling.degradeRoute",
                        "onExceeded = DEGRADE needs a degradeRoute naming a route");
            }
        }
        ProviderRoute degrade =
                degradeName == null ? null : route(s, degradeName, where + "@CostCeiling.degradeRoute", p + "route");

        // routes an extension may treat as keeping the data in-house (steward.route.<name>.trusted)
        java.util.Set<String> trusted = new java.util.HashSet<>();
        if (config.bool("steward.route." + routeName + ".trusted", false)) {
            trusted.add(routeName);
        }
        if (degradeName != null && config.bool("steward.route." + degradeName + ".trusted", false)) {
            trusted.add(degradeName);
        }

        // output: approval gate, or pass-through that refuses an answer an extension wants approved
        InferenceStage.OutputStage output = (call, text, confidence) -> {
            if (call.approvalRequired != null) {
                call.addReason(call.approvalRequired);
                throw new dev.steward.api.CapabilityDeniedException(
                        name,
                        call.caller.principal(),
                        "the answer of '" + name + "' needs approval (" + call.approvalRequired + "), but the"
                                + " capability names no approver; declare @RequiresApproval on " + def.source());
            }
            return text;
        };
        if (def.approval() != null) {
            CapabilityDefinition.Approval a = def.approval();
            if (a.role() == null || a.role().isBlank()) {
                throw new ConfigurationException(where + "@RequiresApproval.role", "must name the approver role");
            }
            if (a.belowConfidence() != RequiresApproval.ALWAYS
                    && !(a.belowConfidence() >= 0 && a.belowConfidence() <= 1)) {
                throw new ConfigurationException(
                        where + "@RequiresApproval.belowConfidence",
                        "must be in [0, 1] or ALWAYS, was " + a.belowConfidence());
            }
            Duration expiry;
            try {
                expiry = Duration.parse(a.expiry());
            } catch (DateTimeParseException e) {
                throw new ConfigurationException(
                        where + "@RequiresApproval.expiry",
                        "must be an ISO-8601 duration such as P2D, was '" + a.expiry() + "'",
                        e);
            }
            if (expiry.isNegative() || expiry.isZero()) {
                throw new ConfigurationException(
                        where + "@RequiresApproval.expiry", "must be positive, was " + a.expiry());
            }
            output = new ApprovalGate(
                    name, a.role(), a.belowConfidence(), expiry, s.approvals(), s.observer(), s.clock());
        }
        StructuredAnswer structured =
                def.answerType().isText() ? null : new StructuredAnswer(def.answerType(), s.answerValidator());
        Ceiling perCall = ceiling(
                config,
                p + "ceiling.per-call",
                declared == null ? "" : declared.perCall(),
                where + "@CostCeiling.perCall",
                s);
        ToolConversation tools = tools(def, s, where, p, perCall, route, degrade);
        Stage chain = new InferenceStage(name, route, degrade, s.prices(), s.interceptors(), output, structured, tools);

        // rate limit
        Optional<String> permits = config.string(p + "rate-limit.permits");
        if (permits.isPresent()) {
            int n = config.integer(p + "rate-limit.permits", 1, 1, Integer.MAX_VALUE);
            Duration period = config.duration(p + "rate-limit.period", Duration.ofMinutes(1));
            if (period.isZero()) {
                throw new ConfigurationException(p + "rate-limit.period", "must be positive");
            }
            chain = new RateLimitStage(name, s.rateLimiter(), n, period, chain);
        }

        // budget
        Ceiling perUser = ceiling(
                config,
                p + "ceiling.per-user",
                declared == null ? "" : declared.perUser(),
                where + "@CostCeiling.perUser",
                s);
        Ceiling perTenant = ceiling(
                config,
                p + "ceiling.per-tenant",
                declared == null ? "" : declared.perTenant(),
                where + "@CostCeiling.perTenant",
                s);
        CostCeiling.Period period = config.string(p + "ceiling.period")
                .map(v -> period(p + "ceiling.period", v))
                .orElse(declared == null ? CostCeiling.Period.DAY : declared.period());
        if (period == CostCeiling.Period.CALL && (perUser != null || perTenant != null)) {
            throw new ConfigurationException(
                    where + "@CostCeiling.period",
                    "per-user and per-tenant ceilings need a period of HOUR, DAY or MONTH, not CALL");
        }
        if (degrade == null) {
            admitsOneCall(perCall, config, p, "ceiling.per-call", where + "@CostCeiling.perCall", maxOutput, def, s);
            admitsOneCall(perUser, config, p, "ceiling.per-user", where + "@CostCeiling.perUser", maxOutput, def, s);
            admitsOneCall(
                    perTenant, config, p, "ceiling.per-tenant", where + "@CostCeiling.perTenant", maxOutput, def, s);
        }
        if (perCall != null || perUser != null || perTenant != null) {
            chain = new BudgetStage(
                    name,
                    perCall,
                    perUser,
                    perTenant,
                    period,
                    degrade == null ? null : degrade.name(),
                    maxOutput,
                    s.prices(),
                    s.ledger(),
                    s.clock(),
                    new InputTokenEstimator(route, s.tokenCounters()),
                    s.observer(),
                    chain);
        }

        // prompt: every version that may be chosen must exist and compile now
        List<String> versions = s.prompts().versions(def.promptId());
        String defaultVersion = def.promptVersion();
        if (defaultVersion == null) {
            if (versions.isEmpty()) {
                throw new ConfigurationException(
                        where + "prompt",
                        "prompt '" + def.promptId() + "' has no versions in the prompt registry; add"
                                + " META-INF/steward/prompts/" + def.promptId() + "/<version>.txt and list it in its"
                                + " 'versions' file");
            }
            defaultVersion = versions.get(versions.size() - 1);
        }
        chain = new InputStage(name, def.parameterNames(), maxOutput, s.interceptors(), chain);
        PromptStage prompt =
                new PromptStage(name, def.promptId(), defaultVersion, def.parameterNames(), s.prompts(), config, chain);
        prompt.precompile(defaultVersion, where + (def.promptVersion() == null ? "prompt (latest)" : "promptVersion"));
        config.string(p + "prompt.version").ifPresent(v -> prompt.precompile(v, where + p + "prompt.version"));
        config.string(p + "prompt.canary.version")
                .ifPresent(v -> prompt.precompile(v, where + p + "prompt.canary.version"));
        config.decimal(p + "prompt.canary.percent", 0, 0, 100);
        chain = prompt;

        chain = new KillSwitchStage(name, config, chain);
        config.bool(p + "enabled", true);
        chain = new AuthorizationStage(name, s.policy(), chain);
        chain = new AuditStage(
                name,
                def.source(),
                def.promptId(),
                s.prices().currency(),
                s.audit(),
                s.observer(),
                s.clock(),
                s.nanoTicker(),
                chain);
        CapabilityDescriptor descriptor =
                new CapabilityDescriptor(name, def.source(), def.risk(), def.dataClasses(), routeName);
        return new Pipeline(descriptor, chain, s.nanoTicker(), s.approvals(), s.clock(), java.util.Set.copyOf(trusted));
    }

    // the tools offered: configuration replaces the annotation's list; each must be registered, and every provider
    // that may answer must be able to offer them
    private static ToolConversation tools(
            CapabilityDefinition def,
            Services s,
            String where,
            String p,
            Ceiling perCall,
            ProviderRoute route,
            ProviderRoute degrade) {
        ConfigReader config = s.config();
        boolean configured = config.string(p + "tools").isPresent();
        List<String> names = configured ? config.list(p + "tools") : def.tools();
        String at = configured ? p + "tools" : where + "@AiCapability.tools";
        int maxRounds = config.integer(p + "max-tool-rounds", DEFAULT_MAX_TOOL_ROUNDS, 1, 100);
        if (names.isEmpty()) {
            return null;
        }
        List<dev.steward.core.tool.Tool> offered = new java.util.ArrayList<>();
        for (String n : names) {
            dev.steward.core.tool.Tool t = s.tools().get(n);
            if (t == null) {
                throw new ConfigurationException(
                        at,
                        "unknown tool '" + n + "'; the registered tools are "
                                + new TreeSet<>(s.tools().keySet())
                                + " (an @AiTool method of a bean, or Steward.Builder.tool)");
            }
            offered.add(t);
        }
        for (ProviderRoute r : degrade == null ? List.of(route) : List.of(route, degrade)) {
            for (var g : r.providers()) {
                if (!g.provider().supportsTools()) {
                    throw new ConfigurationException(
                            at,
                            "offers tools " + names + ", but provider '" + g.name() + "' of route '" + r.name()
                                    + "' cannot offer tools to its model; route the capability to providers that can,"
                                    + " such as the gateway provider");
                }
            }
        }
        return new ToolConversation(
                def.name(),
                offered,
                maxRounds,
                perCall,
                s.policy(),
                s.approvals(),
                s.audit(),
                s.observer(),
                s.prices().currency(),
                s.clock(),
                s.nanoTicker());
    }

    /**
     * The approval request that holds a tool call of this capability under an id.
     *
     * @param approvalId the approval request's id
     * @return the request, or empty when no request has that id, it belongs to another capability, or it holds an
     *     answer rather than a tool call
     */
    public java.util.Optional<ApprovalRequest> heldToolCall(String approvalId) {
        return approvals
                .find(approvalId)
                .filter(r -> r.capability().equals(descriptor.name()) && HeldToolCall.isHeldToolCall(r.output()));
    }

    /**
     * Resumes a call held at a tool call needing approval.
     *
     * @param held the request holding it, as {@link #heldToolCall} found it
     * @param caller who resumes; must be who made the held call
     * @return the answer
     * @throws InterruptedException if interrupted while waiting for a provider
     * @throws IllegalArgumentException if the request holds no tool call of this capability
     */
    public Answer<?> resume(ApprovalRequest held, CallerContext caller) throws InterruptedException {
        if (!held.capability().equals(descriptor.name()) || !HeldToolCall.isHeldToolCall(held.output())) {
            throw new IllegalArgumentException(
                    "approval request " + held.id() + " holds no tool call of '" + descriptor.name() + "'");
        }
        ApprovalRequest r = held;
        if (r.status() == ApprovalStatus.PENDING && !clock.instant().isBefore(r.expiresAt())) {
            ApprovalRequest expired = r.decide(ApprovalStatus.EXPIRED, null, clock.instant(), "expired");
            r = approvals.compareAndSet(expired, ApprovalStatus.PENDING)
                    ? expired
                    : approvals.find(held.id()).orElseThrow();
        }
        Invocation call = new Invocation(descriptor, caller, new Object[0], null, ticker.getAsLong(), trustedRoutes);
        call.resumed = HeldToolCall.fromJson(r.output());
        call.resumedDecision = r;
        String text = head.invoke(call);
        return new Answer<>(
                text, call.value != null ? call.value : text, call.confidence, call.model, call.degraded, call.reason);
    }

    // The default route exists without configuration only when exactly one provider is enabled; otherwise the
    // error says which key to set and which providers there are to list in it.
    private static ProviderRoute route(Services s, String routeName, String where, String capabilityRouteKey) {
        ProviderRoute r = s.routes().get(routeName);
        if (r != null) {
            return r;
        }
        String key = "steward.route." + routeName + ".providers";
        String configured = s.routes().isEmpty()
                ? ""
                : "; configured routes are " + new TreeSet<>(s.routes().keySet());
        if (s.providers().isEmpty()) {
            throw new ConfigurationException(
                    where,
                    "route '" + routeName + "' has no provider to try: no provider is configured or enabled; declare"
                            + " one with steward.provider.<name>.type (for example steward.provider.gateway.type=gateway"
                            + " with its base-url and model), which the default route then uses alone"
                            + configured);
        }
        if (routeName.equals("default")) {
            throw new ConfigurationException(
                    where,
                    "no route is configured for this capability and "
                            + s.providers().size() + " providers are "
                            + s.providers() + ", so none is the default; set " + key
                            + " to the providers to try, in order (for example " + key + "="
                            + String.join(",", s.providers()) + "), or " + capabilityRouteKey
                            + " to a configured route" + configured);
        }
        throw new ConfigurationException(
                where,
                "unknown route '" + routeName + "'; set " + key + " to the providers to try, in order, from "
                        + s.providers() + configured);
    }

    private static Ceiling ceiling(ConfigReader config, String key, String declared, String where, Services s) {
        Optional<String> configured = config.string(key);
        String text = configured.orElse(declared);
        if (text == null || text.isBlank()) {
            return null;
        }
        String at = configured.isPresent() ? key : where;
        Ceiling c;
        try {
            c = Ceiling.parse(text);
        } catch (IllegalArgumentException e) {
            throw new ConfigurationException(at, e.getMessage(), e);
        }
        if (!c.isTokens() && !c.currency().equals(s.prices().currency())) {
            throw new ConfigurationException(
                    at,
                    "ceiling " + c + " is not in the budget currency "
                            + s.prices().currency() + " (steward.currency)");
        }
        return c;
    }

    // Every call reserves at least its max-output-tokens (priced at the dearest model for money), whatever its input:
    // a rejecting ceiling below that refuses every call, which is a configuration mistake, so it fails now. With
    // DEGRADE such a ceiling sends every call to the cheaper route, which may be meant, so it is left alone.
    private static void admitsOneCall(
            Ceiling c,
            ConfigReader config,
            String prefix,
            String setting,
            String annotation,
            int maxOutput,
            CapabilityDefinition def,
            Services s) {
        if (c == null) {
            return;
        }
        long least = c.isTokens() ? maxOutput : s.prices().maxCostMicros(0, maxOutput);
        if (least <= c.amount()) {
            return;
        }
        String at = config.string(prefix + setting).isPresent() ? prefix + setting : annotation;
        throw new ConfigurationException(
                at,
                "the ceiling of " + c + " of '" + def.name() + "' (" + def.source() + ") can never admit a call: the"
                        + " reservation of every call is at least its max-output-tokens of " + maxOutput
                        + (c.isTokens() ? "" : ", " + new Ceiling(least, c.currency()) + " at the dearest price")
                        + ", which exceeds the ceiling; raise the ceiling, or lower " + prefix
                        + "max-output-tokens (or " + ConfigKeys.DEFAULT_MAX_OUTPUT_TOKENS + ")");
    }

    private static CostCeiling.Period period(String key, String value) {
        try {
            return CostCeiling.Period.valueOf(value.trim().toUpperCase(java.util.Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new ConfigurationException(key, "must be one of CALL, HOUR, DAY, MONTH, was '" + value + "'", e);
        }
    }
}
