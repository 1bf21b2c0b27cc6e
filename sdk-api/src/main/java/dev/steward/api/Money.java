package dev.steward.api;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * An amount of money in micro-units (millionths) of an ISO-4217 currency. Immutable and thread-safe.
 *
 * <p>Micro-units keep per-token prices exact enough (a price of 0.0000002 USD per token is 0.2 micro-units, so
 * prices are held per thousand tokens) while letting budget ledgers count with a {@code long}.
 *
 * @param micros the amount in millionths of the currency unit; may be negative for refunds
 * @param currency the upper-case three-letter currency code
 */
public record Money(long micros, String currency) implements Comparable<Money> {

    private static final Pattern CURRENCY = Pattern.compile("[A-Z]{3}");

    /**
     * Validates the currency code.
     *
     * @throws IllegalArgumentException if the currency is not three upper-case letters
     */
    public Money {
        Objects.requireNonNull(currency, "currency");
        if (!CURRENCY.matcher(currency).matches()) {
            throw new IllegalArgumentException(
                    "currency must be an ISO-4217 code of three upper-case letters, was '" + currency + "'");
        }
    }

    /**
     * Zero of a currency.
     *
     * @param currency the currency code
     * @return zero in that currency
     */
    public static Money zero(String currency) {
        return new Money(0, currency);
    }

    /**
     * Parses {@code "<amount> <currency>"}, for example {@code "0.50 USD"}.
     *
     * @param text the text to parse
     * @return the amount
     * @throws IllegalArgumentException if the text is not an amount followed by a currency code, or has more than
     *     six decimal places
     */
    public static Money parse(String text) {
        String[] parts = text.trim().split("\\s+");
        if (parts.length != 2) {
            throw new IllegalArgumentException("expected '<amount> <currency>' such as '0.50 USD', was '" + text + "'");
        }
        BigDecimal amount;
        try {
            amount = new BigDecimal(parts[0]);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("'" + parts[0] + "' in '" + text + "' is not a decimal amount", e);
        }
        try {
            return new Money(
                    amount.movePointRight(6)
                            .setScale(0, RoundingMode.UNNECESSARY)
                            .longValueExact(),
                    parts[1]);
        } catch (ArithmeticException e) {
            throw new IllegalArgumentException("'" + text + "' has more than six decimal places or is too large", e);
        }
    }

    /**
     * Adds another amount of the same currency.
     *
     * @param other the amount to add
     * @return the sum
     * @throws IllegalArgumentException if the currencies differ
     * @throws ArithmeticException on overflow
     */
    public Money plus(Money other) {
        requireSameCurrency(other);
        return new Money(Math.addExact(micros, other.micros), currency);
    }

    /**
     * The amount as a decimal number of currency units.
     *
     * @return the amount
     */
    public BigDecimal amount() {
        return BigDecimal.valueOf(micros, 6).stripTrailingZeros();
    }

    @Override
    public int compareTo(Money other) {
        requireSameCurrency(other);
        return Long.compare(micros, other.micros);
    }

    private void requireSameCurrency(Money other) {
        if (!currency.equals(other.currency)) {
            throw new IllegalArgumentException("cannot combine " + currency + " with " + other.currency);
        }
    }

    /** Returns the amount as {@code "<amount> <currency>"}, the form {@link #parse(String)} reads. */
    @Override
    public String toString() {
        return amount().toPlainString() + " " + currency;
    }
}
