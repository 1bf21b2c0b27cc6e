package dev.steward.core.budget;

import dev.steward.api.Money;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One limit: an amount of tokens, or of money in micro-units of a currency. Immutable.
 *
 * @param amount the limit, in tokens or micro-units
 * @param currency the currency, or {@code null} for a token limit
 */
public record Ceiling(long amount, String currency) {

    private static final Pattern TOKENS = Pattern.compile("(-?\\d+)\\s*tokens?", Pattern.CASE_INSENSITIVE);

    /**
     * Parses {@code "<n> tokens"} or {@code "<amount> <currency>"}.
     *
     * @param text the text
     * @return the ceiling
     * @throws IllegalArgumentException if the text is neither form, or negative, with a message saying which forms
     *     are valid
     */
    public static Ceiling parse(String text) {
        String t = text.trim();
        Matcher m = TOKENS.matcher(t);
        long amount;
        String currency;
        if (m.matches()) {
            amount = Long.parseLong(m.group(1));
            currency = null;
        } else {
            Money money;
            try {
                money = Money.parse(t.toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException(
                        "'" + text + "' is not a ceiling; write '<n> tokens' or '<amount> <currency>' such as"
                                + " '0.50 USD'",
                        e);
            }
            amount = money.micros();
            currency = money.currency();
        }
        if (amount < 0) {
            throw new IllegalArgumentException("ceiling '" + text + "' must not be negative");
        }
        return new Ceiling(amount, currency);
    }

    /**
     * Whether the limit counts tokens.
     *
     * @return {@code true} for a token limit
     */
    public boolean isTokens() {
        return currency == null;
    }

    @Override
    public String toString() {
        return isTokens() ? amount + " tokens" : new Money(amount, currency).toString();
    }
}
