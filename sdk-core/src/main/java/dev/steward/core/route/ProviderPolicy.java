package dev.steward.core.route;

import dev.steward.api.ConfigurationException;
import dev.steward.api.ProviderException;
import dev.steward.core.config.ConfigReader;
import java.time.Duration;
import java.util.function.Predicate;

/**
 * The guards Steward puts around one provider, read from {@code steward.provider.<name>.*}. Immutable.
 *
 * @param timeout the longest one try may take, or {@code null} for no timeout
 * @param retry the retry policy
 * @param failureThreshold consecutive failures that open the circuit breaker; 0 disables it
 * @param openDuration how long the breaker stays open before a probe
 * @param recordsFailure which failures the breaker counts
 */
public record ProviderPolicy(
        Duration timeout,
        RetryPolicy retry,
        int failureThreshold,
        Duration openDuration,
        Predicate<ProviderException> recordsFailure) {

    /** The breaker's default: count only failures a retry could fix (timeouts, 5xx, 429, connection failures). */
    public static final Predicate<ProviderException> RETRIABLE_FAILURES = ProviderException::isRetriable;

    /** Count every failure, as 0.1 did. */
    public static final Predicate<ProviderException> ALL_FAILURES = e -> true;

    /** The longest one try may take when {@code steward.provider.<name>.timeout} is unset. */
    public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(30);

    /**
     * Reads a provider's {@code timeout}: how long one try may take; {@code 0} means no timeout.
     *
     * @param config the configuration
     * @param provider the provider name
     * @return the timeout ({@link #DEFAULT_TIMEOUT} when unset), or {@code null} for none
     * @throws dev.steward.api.ConfigurationException naming the key of an invalid value
     */
    public static Duration readTimeout(ConfigReader config, String provider) {
        Duration timeout = config.duration("steward.provider." + provider + ".timeout", DEFAULT_TIMEOUT);
        return timeout.isZero() ? null : timeout;
    }

    /**
     * Reads a provider's policy.
     *
     * @param config the configuration
     * @param provider the provider name
     * @return the policy; defaults: 30 s timeout ({@code 0} for none), 1 attempt, backoff 200 ms to 5 s with 0.2
     *     jitter, breaker opening after 5 retriable failures for 30 s
     * @throws dev.steward.api.ConfigurationException naming the key of an invalid value
     */
    public static ProviderPolicy read(ConfigReader config, String provider) {
        String p = "steward.provider." + provider + ".";
        RetryPolicy retry = new RetryPolicy(
                config.integer(p + "retry.max-attempts", 1, 1, 100),
                config.duration(p + "retry.backoff", Duration.ofMillis(200)),
                config.duration(p + "retry.max-backoff", Duration.ofSeconds(5)),
                config.decimal(p + "retry.jitter", 0.2, 0, 1));
        String records = config.string(p + "circuit-breaker.records").orElse("retriable");
        Predicate<ProviderException> predicate = switch (records) {
            case "retriable" -> RETRIABLE_FAILURES;
            case "all" -> ALL_FAILURES;
            default ->
                throw new ConfigurationException(
                        p + "circuit-breaker.records", "must be retriable or all, was '" + records + "'");
        };
        return new ProviderPolicy(
                readTimeout(config, provider),
                retry,
                config.integer(p + "circuit-breaker.failure-threshold", 5, 0, 1_000_000),
                config.duration(p + "circuit-breaker.open-duration", Duration.ofSeconds(30)),
                predicate);
    }
}
