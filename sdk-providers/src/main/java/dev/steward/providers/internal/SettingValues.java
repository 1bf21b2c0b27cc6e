package dev.steward.providers.internal;

import dev.steward.api.ConfigurationException;
import dev.steward.api.spi.ProviderSettings;
import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Typed reads of provider settings. Every failure is a {@link ConfigurationException} that names the full key and
 * says what a valid value looks like, so a bad deployment fails at startup.
 */
public final class SettingValues {

    private static final Pattern SHORT_DURATION = Pattern.compile("(\\d+)\\s*(ms|s|m|h)");

    private final ProviderSettings settings;

    private SettingValues(ProviderSettings settings) {
        this.settings = settings;
    }

    /**
     * Wraps settings.
     *
     * @param settings the provider's settings
     * @return the typed view
     */
    public static SettingValues of(ProviderSettings settings) {
        return new SettingValues(settings);
    }

    /**
     * The provider's name.
     *
     * @return the name
     */
    public String name() {
        return settings.name();
    }

    /**
     * The full key of a setting.
     *
     * @param key the key below the provider's prefix
     * @return the full key
     */
    public String fullKey(String key) {
        return settings.fullKey(key);
    }

    /**
     * A string that must be set and not blank.
     *
     * @param key the key
     * @return the trimmed value
     * @throws ConfigurationException if it is missing or blank
     */
    public String require(String key) {
        return string(key).orElseThrow(() -> new ConfigurationException(fullKey(key), "is required but not set"));
    }

    /**
     * A string, trimmed; blank counts as unset.
     *
     * @param key the key
     * @return the value or empty
     */
    public Optional<String> string(String key) {
        return settings.get(key).map(String::trim).filter(v -> !v.isEmpty());
    }

    /**
     * An absolute http or https URL.
     *
     * @param key the key
     * @return the URL, without a trailing slash
     * @throws ConfigurationException if it is missing or not an http(s) URL
     */
    public URI requireHttpUrl(String key) {
        String value = require(key);
        try {
            URI uri = new URI(value.endsWith("/") ? value.substring(0, value.length() - 1) : value);
            String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
            if (!(scheme.equals("http") || scheme.equals("https")) || uri.getHost() == null) {
                throw new ConfigurationException(
                        fullKey(key),
                        "must be an absolute http or https URL, for example https://gateway/v1, was '" + value + "'");
            }
            return uri;
        } catch (URISyntaxException e) {
            throw new ConfigurationException(fullKey(key), "is not a valid URL: '" + value + "'", e);
        }
    }

    /**
     * A duration: ISO-8601 ({@code PT2S}) or a number with a unit ({@code 500ms}, {@code 2s}, {@code 1m},
     * {@code 1h}).
     *
     * @param key the key
     * @param defaultValue the value when unset
     * @return the duration, positive
     * @throws ConfigurationException if it cannot be parsed or is not positive
     */
    public Duration duration(String key, Duration defaultValue) {
        Optional<String> value = string(key);
        if (value.isEmpty()) {
            return defaultValue;
        }
        Duration parsed = parseDuration(value.get());
        if (parsed == null || parsed.isNegative() || parsed.isZero()) {
            throw new ConfigurationException(
                    fullKey(key),
                    "must be a positive duration such as PT2S, 500ms, 2s or 1m, was '" + value.get() + "'");
        }
        return parsed;
    }

    /**
     * An integer within bounds.
     *
     * @param key the key
     * @param defaultValue the value when unset
     * @param min the smallest valid value
     * @param max the largest valid value
     * @return the value
     * @throws ConfigurationException if it is not an integer in [min, max]
     */
    public int integer(String key, int defaultValue, int min, int max) {
        Optional<String> value = string(key);
        if (value.isEmpty()) {
            return defaultValue;
        }
        try {
            int parsed = Integer.parseInt(value.get());
            if (parsed >= min && parsed <= max) {
                return parsed;
            }
        } catch (NumberFormatException ignored) {
            // reported below with the valid range
        }
        throw new ConfigurationException(
                fullKey(key), "must be an integer from " + min + " to " + max + ", was '" + value.get() + "'");
    }

    /**
     * An optional decimal number within bounds.
     *
     * @param key the key
     * @param min the smallest valid value
     * @param max the largest valid value
     * @return the value or empty
     * @throws ConfigurationException if it is set but not a number in [min, max]
     */
    public Optional<Double> decimal(String key, double min, double max) {
        Optional<String> value = string(key);
        if (value.isEmpty()) {
            return Optional.empty();
        }
        try {
            double parsed = Double.parseDouble(value.get());
            if (parsed >= min && parsed <= max) {
                return Optional.of(parsed);
            }
        } catch (NumberFormatException ignored) {
            // reported below with the valid range
        }
        throw new ConfigurationException(
                fullKey(key), "must be a number from " + min + " to " + max + ", was '" + value.get() + "'");
    }

    /**
     * One of a fixed set of lower-case words.
     *
     * @param key the key
     * @param defaultValue the value when unset
     * @param valid the valid values
     * @return the value, lower case
     * @throws ConfigurationException if it is not one of {@code valid}
     */
    public String choice(String key, String defaultValue, String... valid) {
        String value = string(key).map(v -> v.toLowerCase(Locale.ROOT)).orElse(defaultValue);
        for (String v : valid) {
            if (v.equals(value)) {
                return value;
            }
        }
        throw new ConfigurationException(
                fullKey(key), "must be one of " + String.join(", ", valid) + ", was '" + value + "'");
    }

    /**
     * Parses a duration in either accepted format.
     *
     * @param text the text
     * @return the duration, or {@code null} if it is in neither format
     */
    public static Duration parseDuration(String text) {
        String t = text.trim();
        Matcher m = SHORT_DURATION.matcher(t.toLowerCase(Locale.ROOT));
        if (m.matches()) {
            long n = Long.parseLong(m.group(1));
            return switch (m.group(2)) {
                case "ms" -> Duration.ofMillis(n);
                case "s" -> Duration.ofSeconds(n);
                case "m" -> Duration.ofMinutes(n);
                default -> Duration.ofHours(n);
            };
        }
        try {
            return Duration.parse(t);
        } catch (DateTimeParseException e) {
            return null;
        }
    }
}
