package dev.steward.cdi.internal;

import static dev.steward.cdi.CdiConfigKeys.REST_ENABLED;
import static dev.steward.cdi.CdiConfigKeys.REST_MAX_BODY_BYTES;

import dev.steward.api.ConfigurationException;
import org.eclipse.microprofile.config.Config;

/**
 * How Steward's REST resources behave, read once at deployment and validated there. Immutable.
 *
 * @param enabled whether the resources answer; when not, they answer 404
 * @param maxBodyBytes the largest request body they read
 */
public record RestSettings(boolean enabled, int maxBodyBytes) {

    /** The default of {@link dev.steward.cdi.CdiConfigKeys#REST_MAX_BODY_BYTES}: 1 MiB. */
    public static final int DEFAULT_MAX_BODY_BYTES = 1 << 20;

    static RestSettings read(Config config) {
        String enabled = config.getOptionalValue(REST_ENABLED, String.class)
                .map(String::trim)
                .orElse("true");
        if (!enabled.equals("true") && !enabled.equals("false")) {
            throw new ConfigurationException(REST_ENABLED, "must be true or false, was '" + enabled + "'");
        }
        String max = config.getOptionalValue(REST_MAX_BODY_BYTES, String.class)
                .map(String::trim)
                .orElse(Integer.toString(DEFAULT_MAX_BODY_BYTES));
        int bytes;
        try {
            bytes = Integer.parseInt(max);
        } catch (NumberFormatException e) {
            bytes = 0;
        }
        if (bytes < 1) {
            throw new ConfigurationException(
                    REST_MAX_BODY_BYTES,
                    "must be a whole number of bytes from 1 to " + Integer.MAX_VALUE + ", was '" + max + "'");
        }
        return new RestSettings(Boolean.parseBoolean(enabled), bytes);
    }
}
