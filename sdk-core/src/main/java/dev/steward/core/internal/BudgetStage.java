package dev.steward.core.internal;

import dev.steward.api.BudgetExceededException;
import dev.steward.api.StewardException;
import dev.steward.api.StoreUnavailableException;
import dev.steward.api.annotation.CostCeiling;
import dev.steward.api.spi.BudgetLedger;
import dev.steward.api.spi.BudgetLedger.Reservation;
import dev.steward.core.budget.BudgetWindow;
import dev.steward.core.budget.Ceiling;
import dev.steward.core.budget.PriceTable;
import java.time.Clock;
import java.time.Instant;

/**
 * Reserves the call's estimated cost against every ceiling before the call, and settles the real cost after it
 * (or releases the reservation when nothing was consumed). The estimate never undercounts an honest provider: input
 * tokens counted with the model's tokenizer where a {@link dev.steward.api.spi.TokenCounter} knows it, else a safe
 * upper bound (the UTF-8 byte count plus a per-message allowance), plus the {@code max-output-tokens} cap every request
 * carries; money is priced at the dearest configured model. So concurrent calls cannot overspend a ceiling unless a
 * provider reports more than it was allowed; such an overrun is charged as reported and audited. When a ceiling would
 * be exceeded the call is refused, or with {@code DEGRADE} answered by the cheaper route without charging the budgets.
 */
final class BudgetStage implements Stage {

    private final String capability;
    private final Ceiling perCall;
    private final Ceiling perUser;
    private final Ceiling perTenant;
    private final CostCeiling.Period period;
    private final String degradeRoute;
    private final int maxOutputTokens;
    private final PriceTable prices;
    private final BudgetLedger ledger;
    private final Clock clock;
    private final InputTokenEstimator estimator;
    private final Stage next;

    BudgetStage(
            String capability,
            Ceiling perCall,
            Ceiling perUser,
            Ceiling perTenant,
            CostCeiling.Period period,
            String degradeRoute,
            int maxOutputTokens,
            PriceTable prices,
            BudgetLedger ledger,
            Clock clock,
            InputTokenEstimator estimator,
            Stage next) {
        this.capability = capability;
        this.perCall = perCall;
        this.perUser = perUser;
        this.perTenant = perTenant;
        this.period = period;
        this.degradeRoute = degradeRoute;
        this.maxOutputTokens = maxOutputTokens;
        this.prices = prices;
        this.ledger = ledger;
        this.clock = clock;
        this.estimator = estimator;
        this.next = next;
    }

    @Override
    public String invoke(Invocation call) throws InterruptedException {
        long inputEstimate = estimator.estimate(call.request.messages());
        if (perCall != null && estimate(perCall, inputEstimate) > perCall.amount()) {
            return exceeded(
                    call,
                    "per-call",
                    "the reservation of " + describe(perCall, estimate(perCall, inputEstimate))
                            + " for one call of '" + capability + "' exceeds its per-call ceiling of " + perCall
                            + "; nothing was spent");
        }
        Reservation user = null;
        Reservation tenant = null;
        boolean settled = false;
        try {
            if (perUser != null) {
                String who = call.caller.principal() == null ? "<anonymous>" : call.caller.principal();
                String budget = "user:" + who + "/" + period;
                String owner = "'" + who + "'";
                if (tooLarge(perUser, inputEstimate)) {
                    return exceeded(call, budget, tooLargeMessage(perUser, inputEstimate, owner));
                }
                user = reserve("user:" + who, perUser, inputEstimate);
                if (user == null) {
                    return exceeded(call, budget, spentMessage(perUser, inputEstimate, owner));
                }
            }
            if (perTenant != null) {
                String tenantName = call.caller.tenant() == null ? "<none>" : call.caller.tenant();
                String budget = "tenant:" + tenantName + "/" + period;
                String owner = "tenant '" + tenantName + "'";
                if (tooLarge(perTenant, inputEstimate)) {
                    return exceeded(call, budget, tooLargeMessage(perTenant, inputEstimate, owner));
                }
                tenant = reserve("tenant:" + tenantName, perTenant, inputEstimate);
                if (tenant == null) {
                    return exceeded(call, budget, spentMessage(perTenant, inputEstimate, owner));
                }
            }
            String answer = next.invoke(call);
            settled = true;
            return answer;
        } finally {
            // Settle whatever was consumed, even when a later stage refused or held the answer.
            boolean consumed = call.usage.totalTokens() > 0 || call.costMicros > 0;
            close(user, perUser, call, consumed || settled);
            close(tenant, perTenant, call, consumed || settled);
            if (consumed
                    && (user != null || tenant != null)
                    && call.usage.totalTokens() > inputEstimate + maxOutputTokens) {
                call.addReason("usage of " + call.usage.totalTokens() + " tokens exceeded the reservation of "
                        + (inputEstimate + maxOutputTokens));
                call.tag(
                        "steward.overrun.reservation-tokens",
                        Long.toString(call.usage.totalTokens() - inputEstimate - maxOutputTokens));
            }
        }
    }

    // A reservation larger than the whole ceiling can never be admitted, however little was spent: the ledger is not
    // asked, and the message says so rather than claiming the ceiling was spent.
    private boolean tooLarge(Ceiling ceiling, long inputEstimate) {
        return estimate(ceiling, inputEstimate) > ceiling.amount();
    }

    private String tooLargeMessage(Ceiling ceiling, long inputEstimate, String owner) {
        return "the reservation of " + describe(ceiling, estimate(ceiling, inputEstimate)) + " for one call of '"
                + capability + "' exceeds the " + period + " ceiling of " + ceiling + " of " + owner
                + "; nothing was spent,"
                + " but no call this large can pass (the reservation is the input estimate plus max-output-tokens of "
                + maxOutputTokens + ")";
    }

    private String spentMessage(Ceiling ceiling, long inputEstimate, String owner) {
        return owner + " has spent the " + period + " ceiling of " + ceiling + " for '" + capability
                + "': what was spent and what calls in flight reserve leave less than this call's reservation of "
                + describe(ceiling, estimate(ceiling, inputEstimate));
    }

    private String exceeded(Invocation call, String budget, String message) throws InterruptedException {
        if (degradeRoute == null) {
            throw new BudgetExceededException(capability, budget, message);
        }
        call.degraded = true;
        call.reason = message + "; degraded to route '" + degradeRoute + "'";
        call.route = degradeRoute;
        return next.invoke(call);
    }

    private Reservation reserve(String who, Ceiling ceiling, long inputEstimate) {
        BudgetWindow window = BudgetWindow.of(period, Instant.now(clock));
        String key = who + ":" + capability + ":" + period + ":" + window.label();
        try {
            return ledger.reserve(key, estimate(ceiling, inputEstimate), ceiling.amount(), window.end());
        } catch (StewardException e) {
            throw e;
        } catch (RuntimeException e) {
            throw unavailable("reserve on " + key, e);
        }
    }

    private void close(Reservation r, Ceiling ceiling, Invocation call, boolean settle) {
        if (r == null) {
            return;
        }
        if (settle) {
            try {
                ledger.settle(r, ceiling.isTokens() ? call.usage.totalTokens() : call.costMicros);
            } catch (StewardException e) {
                throw e;
            } catch (RuntimeException e) {
                throw unavailable("settle", e);
            }
        } else {
            try {
                ledger.release(r);
            } catch (StewardException e) {
                throw e;
            } catch (RuntimeException e) {
                throw unavailable("release", e);
            }
        }
    }

    // A ledger that cannot be reached fails the call closed, typed and retriable, whatever the backend throws.
    private StoreUnavailableException unavailable(String operation, RuntimeException e) {
        return new StoreUnavailableException(
                capability,
                "budget ledger",
                "the budget ledger failed to " + operation + " for '" + capability + "': " + e,
                e);
    }

    private long estimate(Ceiling ceiling, long inputEstimate) {
        return ceiling.isTokens()
                ? inputEstimate + maxOutputTokens
                : prices.maxCostMicros(inputEstimate, maxOutputTokens);
    }

    private static String describe(Ceiling unitOf, long amount) {
        return new Ceiling(amount, unitOf.currency()).toString();
    }
}
