package dev.steward.core.config;

import dev.steward.api.ConfigurationException;
import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Typed reads of configuration values; every parse failure is a {@link ConfigurationException} that names the key,
 * the bad value and what would be valid. Thread-safe.
 */
public final class ConfigReader {

    private static final Pattern SHORT_DURATION = Pattern.compile("(\\d+)\\s*(ms|s|m|h|d)");

    private final ConfigValues values;

    /**
     * Wraps a source.
     *
     * @param values the source
     */
    public ConfigReader(ConfigValues values) {
        this.values = values;
    }

    /**
     * The underlying source.
     *
     * @return the source
     */
    public ConfigValues values() {
        return values;
    }

    /**
     * A trimmed, non-blank value.
     *
     * @param key the key
     * @return the value, or empty when unset or blank
     */
    public Optional<String> string(String key) {
        return values.get(key).map(String::trim).filter(s -> !s.isEmpty());
    }

    /**
     * A boolean, {@code true} or {@code false}.
     *
     * @param key the key
     * @param defaultValue the value when unset
     * @return the value
     * @throws ConfigurationException if the value is neither
     */
    public boolean bool(String key, boolean defaultValue) {
        return string(key).map(v -> parseBoolean(key, v)).orElse(defaultValue);
    }

    /**
     * An integer within bounds.
     *
     * @param key the key
     * @param defaultValue the value when unset
     * @param min the least valid value
     * @param max the greatest valid value
     * @return the value
     * @throws ConfigurationException if the value is not an integer in [min, max]
     */
    public int integer(String key, int defaultValue, int min, int max) {
        Optional<String> raw = string(key);
        if (raw.isEmpty()) {
            return defaultValue;
        }
        try {
            int v = Integer.parseInt(raw.get());
            if (v < min || v > max) {
                throw new ConfigurationException(key, "must be between " + min + " and " + max + ", was " + raw.get());
            }
            return v;
        } catch (NumberFormatException e) {
            throw new ConfigurationException(key, "must be an integer, was '" + raw.get() + "'", e);
        }
    }

    /**
     * A decimal number within bounds.
     *
     * @param key the key
     * @param defaultValue the value when unset
     * @param min the least valid value
     * @param max the greatest valid value
     * @return the value
     * @throws ConfigurationException if the value is not a number in [min, max]
     */
    public double decimal(String key, double defaultValue, double min, double max) {
        Optional<String> raw = string(key);
        if (raw.isEmpty()) {
            return defaultValue;
        }
        try {
            double v = Double.parseDouble(raw.get());
            if (!(v >= min && v <= max)) {
                throw new ConfigurationException(key, "must be between " + min + " and " + max + ", was " + raw.get());
            }
            return v;
        } catch (NumberFormatException e) {
            throw new ConfigurationException(key, "must be a number, was '" + raw.get() + "'", e);
        }
    }

    /**
     * A duration: ISO-8601 ({@code PT2S}) or short form ({@code 500ms}, {@code 2s}, {@code 1m}, {@code 1h},
     * {@code 1d}); a bare {@code 0} is zero. Where a key allows "none" (a timeout), zero means none.
     *
     * @param key the key
     * @param defaultValue the value when unset, may be {@code null}
     * @return the value
     * @throws ConfigurationException if the value is neither form, or negative
     */
    public Duration duration(String key, Duration defaultValue) {
        Optional<String> raw = string(key);
        return raw.isEmpty() ? defaultValue : parseDuration(key, raw.get());
    }

    /**
     * A decimal number within bounds, if set.
     *
     * @param key the key
     * @param min the least valid value
     * @param max the greatest valid value
     * @return the value, or empty when unset
     * @throws ConfigurationException if the value is not a number in [min, max]
     */
    public Optional<Double> optionalDecimal(String key, double min, double max) {
        return string(key).isPresent() ? Optional.of(decimal(key, 0, min, max)) : Optional.empty();
    }

    /**
     * One of a fixed set of words, compared without regard to case.
     *
     * @param key the key
     * @param defaultValue the value when unset
     * @param valid the valid values, in lower case
     * @return the value, in lower case
     * @throws ConfigurationException if the value is not one of {@code valid}
     */
    public String choice(String key, String defaultValue, String... valid) {
        String value = string(key).map(v -> v.toLowerCase(Locale.ROOT)).orElse(defaultValue);
        if (Arrays.asList(valid).contains(value)) {
            return value;
        }
        throw new ConfigurationException(key, "must be one of " + String.join(", ", valid) + ", was '" + value + "'");
    }

    /**
     * An absolute {@code http} or {@code https} URL that must be set.
     *
     * @param key the key
     * @return the URL, without a trailing slash
     * @throws ConfigurationException if it is unset, not a URL, not absolute or not http(s)
     */
    public URI httpUrl(String key) {
        String value = string(key).orElseThrow(() -> new ConfigurationException(key, "is required but not set"));
        URI uri;
        try {
            uri = new URI(value.endsWith("/") ? value.substring(0, value.length() - 1) : value);
        } catch (URISyntaxException e) {
            throw new ConfigurationException(key, "is not a valid URL: '" + value + "'", e);
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!(scheme.equals("http") || scheme.equals("https")) || uri.getHost() == null) {
            throw new ConfigurationException(
                    key, "must be an absolute http or https URL, for example https://gateway/v1, was '" + value + "'");
        }
        return uri;
    }

    /**
     * A comma-separated list, trimmed, blanks dropped.
     *
     * @param key the key
     * @return the items, empty when unset
     */
    public List<String> list(String key) {
        return string(key)
                .map(v -> Arrays.stream(v.split(","))
                        .map(String::trim)
                        .filter(s -> !s.isEmpty())
                        .toList())
                .orElse(List.of());
    }

    /**
     * Parses a duration in either accepted form.
     *
     * @param key the key, for the error message
     * @param text the value
     * @return the duration
     * @throws ConfigurationException if the value is neither form, or negative
     */
    public static Duration parseDuration(String key, String text) {
        String t = text.trim();
        Duration d;
        Matcher m = SHORT_DURATION.matcher(t.toLowerCase(Locale.ROOT));
        if (t.equals("0")) {
            d = Duration.ZERO;
        } else if (m.matches()) {
            long n = Long.parseLong(m.group(1));
            d = switch (m.group(2)) {
                case "ms" -> Duration.ofMillis(n);
                case "s" -> Duration.ofSeconds(n);
                case "m" -> Duration.ofMinutes(n);
                case "h" -> Duration.ofHours(n);
                default -> Duration.ofDays(n);
            };
        } else {
            try {
                d = Duration.parse(t);
            } catch (DateTimeParseException e) {
                throw new ConfigurationException(
                        key,
                        "must be a duration such as PT2S, 500ms, 2s, 1m, 1h or 1d (0 for none where allowed), was '"
                                + text + "'",
                        e);
            }
        }
        if (d.isNegative()) {
            throw new ConfigurationException(key, "must not be negative, was '" + text + "'");
        }
        return d;
    }

    private static boolean parseBoolean(String key, String v) {
        if (v.equalsIgnoreCase("true")) {
            return true;
        }
        if (v.equalsIgnoreCase("false")) {
            return false;
        }
        throw new ConfigurationException(key, "must be true or false, was '" + v + "'");
    }
}
