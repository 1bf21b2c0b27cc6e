package dev.steward.core.internal;

import dev.steward.api.spi.ApprovalStore;
import dev.steward.api.spi.AuditSink;
import dev.steward.api.spi.BudgetLedger;
import dev.steward.api.spi.CapabilityPolicy;
import dev.steward.api.spi.PromptRegistry;
import dev.steward.api.spi.RateLimiter;
import dev.steward.api.spi.TokenCounter;
import dev.steward.core.budget.PriceTable;
import dev.steward.core.config.ConfigReader;
import dev.steward.core.route.ProviderRoute;
import dev.steward.core.spi.StewardObserver;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.function.LongSupplier;

/**
 * Everything a pipeline is assembled from, shared by all capabilities of one Steward instance.
 *
 * @param config the configuration
 * @param prompts the prompt registry
 * @param ledger the budget ledger
 * @param rateLimiter the rate limiter of every capability with {@code rate-limit.permits}
 * @param audit the audit sink
 * @param approvals the approval store
 * @param policy the capability policy
 * @param routes the routes by name
 * @param providers the names of the enabled providers, for errors that list them
 * @param prices the price table
 * @param observer every observer, isolated from each other
 * @param interceptors the interceptors, sorted
 * @param tokenCounters the token counters
 * @param clock the wall clock
 * @param nanoTicker the monotonic ticker for latencies and rate limits
 * @param defaultMaxOutputTokens output tokens per call when a capability sets none
 * @param answerValidator what checks typed answers beyond their JSON shape
 * @param tools the tools capabilities may offer, by name
 */
public record Services(
        ConfigReader config,
        PromptRegistry prompts,
        BudgetLedger ledger,
        RateLimiter rateLimiter,
        AuditSink audit,
        ApprovalStore approvals,
        CapabilityPolicy policy,
        Map<String, ProviderRoute> routes,
        List<String> providers,
        PriceTable prices,
        StewardObserver observer,
        Interceptors interceptors,
        List<TokenCounter> tokenCounters,
        Clock clock,
        LongSupplier nanoTicker,
        int defaultMaxOutputTokens,
        dev.steward.core.answer.AnswerValidator answerValidator,
        Map<String, dev.steward.core.tool.Tool> tools) {}
