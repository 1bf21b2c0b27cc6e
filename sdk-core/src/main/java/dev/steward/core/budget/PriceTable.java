package dev.steward.core.budget;

import dev.steward.api.ConfigurationException;
import dev.steward.api.Money;
import dev.steward.api.TokenUsage;
import dev.steward.core.config.ConfigKeys;
import dev.steward.core.config.ConfigValues;
import java.util.HashMap;
import java.util.Map;

/**
 * Prices per model, per thousand input and output tokens, from {@code steward.price.<model>.input-per-1k} and
 * {@code .output-per-1k}. A model without a price costs nothing, which is right for local engines. Immutable.
 */
public final class PriceTable {

    private record Price(long inputMicrosPer1k, long outputMicrosPer1k) {}

    private final String currency;
    private final Map<String, Price> prices;

    private PriceTable(String currency, Map<String, Price> prices) {
        this.currency = currency;
        this.prices = Map.copyOf(prices);
    }

    /**
     * Reads the prices.
     *
     * @param values the configuration
     * @param currency the budget currency every price must be in
     * @return the table
     * @throws ConfigurationException naming a price key that is not money in {@code currency}
     */
    public static PriceTable read(ConfigValues values, String currency) {
        Map<String, long[]> raw = new HashMap<>();
        for (String key : values.keys()) {
            ConfigKeys.split(key, "price", ConfigKeys.PRICE_SETTINGS).ifPresent(k -> {
                Money m;
                try {
                    m = Money.parse(values.get(key).orElse(""));
                } catch (IllegalArgumentException e) {
                    throw new ConfigurationException(key, e.getMessage(), e);
                }
                if (!m.currency().equals(currency)) {
                    throw new ConfigurationException(
                            key, "price is in " + m.currency() + " but steward.currency is " + currency);
                }
                if (m.micros() < 0) {
                    throw new ConfigurationException(key, "price must not be negative, was " + m);
                }
                long[] p = raw.computeIfAbsent(k.name(), n -> new long[2]);
                p[k.setting().startsWith("input") ? 0 : 1] = m.micros();
            });
        }
        Map<String, Price> prices = new HashMap<>();
        raw.forEach((model, p) -> prices.put(model, new Price(p[0], p[1])));
        return new PriceTable(currency, prices);
    }

    /**
     * The currency of every price.
     *
     * @return the currency code
     */
    public String currency() {
        return currency;
    }

    /**
     * What a usage of a model costs, rounded up to the micro-unit.
     *
     * @param model the model, {@code null} for none
     * @param usage the usage
     * @return the cost
     */
    public Money cost(String model, TokenUsage usage) {
        return new Money(costMicros(model, usage.inputTokens(), usage.outputTokens()), currency);
    }

    /**
     * What a usage of a model costs in micro-units, rounded up.
     *
     * @param model the model, {@code null} for none
     * @param inputTokens input tokens
     * @param outputTokens output tokens
     * @return the cost in micro-units
     */
    public long costMicros(String model, long inputTokens, long outputTokens) {
        Price p = model == null ? null : prices.get(model);
        if (p == null) {
            return 0;
        }
        return ceilDiv(Math.multiplyExact(inputTokens, p.inputMicrosPer1k), 1000)
                + ceilDiv(Math.multiplyExact(outputTokens, p.outputMicrosPer1k), 1000);
    }

    /**
     * The highest cost of a usage across every priced model, to reserve before the answering model is known.
     *
     * @param inputTokens input tokens
     * @param outputTokens output tokens
     * @return the cost in micro-units
     */
    public long maxCostMicros(long inputTokens, long outputTokens) {
        long max = 0;
        for (String model : prices.keySet()) {
            max = Math.max(max, costMicros(model, inputTokens, outputTokens));
        }
        return max;
    }

    private static long ceilDiv(long a, long b) {
        return -Math.floorDiv(-a, b);
    }
}
