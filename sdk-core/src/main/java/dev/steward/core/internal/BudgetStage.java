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
import dev.steward.core.spi.BudgetStatus;
import dev.steward.core.spi.StewardObserver;
import java.time.Clock;
import java.time.Instant;
import java.util.function.LongSupplier;

/**
 * Reserves the call's estimated cost against every ceiling before the call, and settles the real cost after it
 * (or releases the reservation when nothing was consumed). The estimate never undercounts an honest provider: input
 * tokens counted with the model's tokenizer where a {@link dev.steward.api.spi.TokenCounter} knows it, else a safe
 * upper bound (the UTF-8 byte count plus a per-message allowance), plus the {@code max-output-tokens} cap every request
 * carries; money is priced at the dearest configured model. So concurrent calls cannot overspend a ceiling unless a
 * provider reports more than it was allowed; such an overrun is charged as reported and audited. When a ceiling would
 * be exceeded the call is refused, or with {@code DEGRADE} answered by the cheaper route without charging the budgets.
 * Observers hear of each ceiling that refused the call, and of each that the call passed once it is settled.
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
    private final StewardObserver observer;
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
            StewardObserver observer,
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
        this.observer = observer;
        this.next = next;
    }

    @Override
    public String invoke(Invocation call) throws InterruptedException {
        long inputEstimate = estimator.estimate(call.request.messages());
        if (perCall != null && estimate(perCall, inputEstimate) > perCall.amount()) {
            observe(call, BudgetStatus.Scope.CALL, perCall, true, perCall::amount);
            return exceeded(
                    call,
                    "per-call",
                    "the reservation of " + describe(perCall, estimate(perCall, inputEstimate))
                            + " for one call of '" + capability + "' exceeds its per-call ceiling of " + perCall
                            + "; nothing was spent");
        }
        // one window for both budgets, so a call at midnight counts in the same day for the user and the tenant
        BudgetWindow window = perUser != null || perTenant != null ? BudgetWindow.of(period, Instant.now(clock)) : null;
        Reservation user = null;
        Reservation tenant = null;
        boolean admitted = false;
        boolean settled = false;
        try {
            if (perUser != null) {
                String who = call.caller.principal() == null ? "<anonymous>" : call.caller.principal();
                String budget = "user:" + who + "/" + period;
                String owner = "'" + who + "'";
                String key = key("user:" + who, window);
                if (tooLarge(perUser, inputEstimate)) {
                    refused(call, BudgetStatus.Scope.USER, perUser, key);
                    return exceeded(call, budget, tooLargeMessage(perUser, inputEstimate, owner));
                }
                user = reserve(key, window, perUser, inputEstimate);
                if (user == null) {
                    refused(call, BudgetStatus.Scope.USER, perUser, key);
                    return exceeded(call, budget, spentMessage(perUser, inputEstimate, owner));
                }
            }
            if (perTenant != null) {
                String tenantName = call.caller.tenant() == null ? "<none>" : call.caller.tenant();
                String budget = "tenant:" + tenantName + "/" + period;
                String owner = "tenant '" + tenantName + "'";
                String key = key("tenant:" + tenantName, window);
                if (tooLarge(perTenant, inputEstimate)) {
                    refused(call, BudgetStatus.Scope.TENANT, perTenant, key);
                    return exceeded(call, budget, tooLargeMessage(perTenant, inputEstimate, owner));
                }
                tenant = reserve(key, window, perTenant, inputEstimate);
                if (tenant == null) {
                    refused(call, BudgetStatus.Scope.TENANT, perTenant, key);
                    return exceeded(call, budget, spentMessage(perTenant, inputEstimate, owner));
                }
            }
            admitted = true;
            String answer = next.invoke(call);
            settled = true;
            return answer;
        } finally {
            // Settle whatever was consumed, even when a later stage refused or held the answer.
            boolean consumed = call.usage.totalTokens() > 0 || call.costMicros > 0;
            close(user, perUser, call, consumed || settled);
            close(tenant, perTenant, call, consumed || settled);
            if (admitted && perCall != null) {
                long spent = perCall.isTokens() ? call.usage.totalTokens() : call.costMicros;
                observe(call, BudgetStatus.Scope.CALL, perCall, false, () -> perCall.amount() - spent);
            }
            closed(call, BudgetStatus.Scope.USER, perUser, user);
            closed(call, BudgetStatus.Scope.TENANT, perTenant, tenant);
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

    // the ledger's key of one user's or tenant's budget in the current window
    private String key(String who, BudgetWindow window) {
        return who + ":" + capability + ":" + period + ":" + window.label();
    }

    private Reservation reserve(String key, BudgetWindow window, Ceiling ceiling, long inputEstimate) {
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

    private void refused(Invocation call, BudgetStatus.Scope scope, Ceiling ceiling, String key) {
        observe(call, scope, ceiling, true, () -> ceiling.amount() - spent(key));
    }

    private void closed(Invocation call, BudgetStatus.Scope scope, Ceiling ceiling, Reservation r) {
        if (r != null) {
            observe(call, scope, ceiling, false, () -> ceiling.amount() - spent(r.budget()));
        }
    }

    // The observers are isolated from each other and from the call; what is left is read only if one asks.
    private void observe(
            Invocation call, BudgetStatus.Scope scope, Ceiling ceiling, boolean refused, LongSupplier remaining) {
        observer.onBudget(
                call,
                new BudgetStatus(
                        capability,
                        scope,
                        scope == BudgetStatus.Scope.CALL ? CostCeiling.Period.CALL : period,
                        ceiling.amount(),
                        ceiling.currency(),
                        refused,
                        remaining));
    }

    private long spent(String key) {
        try {
            return ledger.spent(key);
        } catch (StewardException e) {
            throw e;
        } catch (RuntimeException e) {
            throw unavailable("read what was spent on " + key, e);
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
