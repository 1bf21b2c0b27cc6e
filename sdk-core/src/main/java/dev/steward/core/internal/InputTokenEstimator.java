package dev.steward.core.internal;

import dev.steward.api.ChatMessage;
import dev.steward.api.spi.TokenCounter;
import dev.steward.core.budget.InputTokenBound;
import dev.steward.core.route.GuardedProvider;
import dev.steward.core.route.ProviderRoute;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalLong;

/**
 * Estimates a request's input tokens for the reservation, never below what any provider of the route will charge:
 * for each provider, the first {@link TokenCounter} that knows its model counts exactly, else the safe
 * {@link InputTokenBound}; the estimate is the largest of these, since a fallback may answer. Immutable.
 */
final class InputTokenEstimator {

    private final List<String> models;
    private final boolean anyUnknown;
    private final List<TokenCounter> counters;

    InputTokenEstimator(ProviderRoute route, List<TokenCounter> counters) {
        List<String> known = new ArrayList<>();
        boolean unknown = route.providers().isEmpty();
        for (GuardedProvider p : route.providers()) {
            var model = p.provider().model();
            if (model.isPresent()) {
                known.add(model.get());
            } else {
                unknown = true;
            }
        }
        this.models = List.copyOf(known);
        this.anyUnknown = unknown;
        this.counters = List.copyOf(counters);
    }

    long estimate(List<ChatMessage> messages) {
        long bound = -1;
        long best = 0;
        if (anyUnknown) {
            bound = InputTokenBound.of(messages);
            best = bound;
        }
        for (String model : models) {
            OptionalLong counted = count(model, messages);
            long n;
            if (counted.isPresent()) {
                n = counted.getAsLong();
            } else {
                if (bound < 0) {
                    bound = InputTokenBound.of(messages);
                }
                n = bound;
            }
            best = Math.max(best, n);
        }
        return best;
    }

    private OptionalLong count(String model, List<ChatMessage> messages) {
        for (TokenCounter c : counters) {
            OptionalLong n = c.count(model, messages);
            if (n.isPresent()) {
                return n;
            }
        }
        return OptionalLong.empty();
    }
}
