package dev.steward.core.config;

import dev.steward.api.ConfigurationException;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * How an integration tells who is calling, read from the {@code steward.identity.*} keys that the Jakarta EE and the
 * Spring integrations share: where the tenant comes from, the correlation id header, and extra roles to check. Each
 * integration names the tenant sources it supports. Immutable.
 *
 * @param tenantSource one of the sources the integration supports; {@code none} when no tenant is read
 * @param tenantName the header, claim or attribute name, or {@code null} with {@code none}
 * @param correlationHeader the HTTP request header a correlation id is taken from
 * @param extraRoles role names to check besides those configuration and annotations name
 */
public record IdentitySettings(
        String tenantSource, String tenantName, String correlationHeader, Set<String> extraRoles) {

    /** Where the caller's tenant comes from; {@code none} by default. */
    public static final String TENANT_SOURCE = "steward.identity.tenant.source";

    /** The header, claim or attribute name the tenant is read from; required unless the source is {@code none}. */
    public static final String TENANT_NAME = "steward.identity.tenant.name";

    /** The HTTP request header a correlation id is taken from, default {@value #DEFAULT_CORRELATION_HEADER}. */
    public static final String CORRELATION_HEADER = "steward.identity.correlation-header";

    /** Extra role names, comma-separated, for custom policies that check roles no configuration names. */
    public static final String EXTRA_ROLES = "steward.identity.roles";

    /** The correlation id header when {@link #CORRELATION_HEADER} is not set. */
    public static final String DEFAULT_CORRELATION_HEADER = "X-Correlation-Id";

    /** The shared identity keys. */
    public static final Set<String> KEYS = Set.of(TENANT_SOURCE, TENANT_NAME, CORRELATION_HEADER, EXTRA_ROLES);

    /**
     * Validates the components.
     *
     * @throws NullPointerException if a component other than {@code tenantName} is {@code null}
     */
    public IdentitySettings {
        java.util.Objects.requireNonNull(tenantSource, "tenantSource");
        java.util.Objects.requireNonNull(correlationHeader, "correlationHeader");
        extraRoles = Set.copyOf(extraRoles);
    }

    /**
     * Reads and validates the identity keys.
     *
     * @param config the configuration
     * @param tenantSources the tenant sources the integration supports, {@code none} first
     * @return the settings
     * @throws ConfigurationException naming {@link #TENANT_SOURCE} when it is not one of {@code tenantSources}, or
     *     {@link #TENANT_NAME} when it is missing while a source is chosen
     */
    public static IdentitySettings read(ConfigValues config, List<String> tenantSources) {
        ConfigReader reader = new ConfigReader(config);
        String source = reader.string(TENANT_SOURCE).map(String::trim).orElse("none");
        if (!tenantSources.contains(source)) {
            throw new ConfigurationException(
                    TENANT_SOURCE, "'" + source + "' is not a tenant source; valid are " + tenantSources);
        }
        String name = reader.string(TENANT_NAME).map(String::trim).orElse(null);
        if (!source.equals("none") && name == null) {
            throw new ConfigurationException(
                    TENANT_NAME,
                    "required with " + TENANT_SOURCE + "=" + source + ": the " + source + " name the tenant is read"
                            + " from");
        }
        return new IdentitySettings(
                source,
                name,
                reader.string(CORRELATION_HEADER).orElse(DEFAULT_CORRELATION_HEADER),
                Set.copyOf(reader.list(EXTRA_ROLES)));
    }

    /**
     * Fails on a key below an integration's prefixes that the integration does not read, almost always a typo.
     *
     * @param config the configuration
     * @param prefixes the prefixes the integration owns, for example {@code steward.identity.}
     * @param known every key the integration reads below them
     * @throws ConfigurationException naming the first unknown key and the valid ones
     */
    public static void checkIntegrationKeys(ConfigValues config, List<String> prefixes, Set<String> known) {
        for (String key : config.keys()) {
            if (prefixes.stream().anyMatch(key::startsWith) && !known.contains(key)) {
                throw new ConfigurationException(key, "unknown key; valid keys are " + new TreeSet<>(known));
            }
        }
    }

    /**
     * A comma-separated list of role names, trimmed, blanks dropped.
     *
     * @param config the configuration
     * @param key the key
     * @param defaultValue the value when the key is not set
     * @return the roles
     */
    public static Set<String> roles(ConfigValues config, String key, String defaultValue) {
        List<String> set = new ConfigReader(config).list(key);
        if (config.get(key).isEmpty()) {
            set = new ConfigReader(ConfigValues.of(java.util.Map.of(key, defaultValue))).list(key);
        }
        return Set.copyOf(set);
    }

    /**
     * The correlation id of the current call: the configured request header's value when {@link CorrelationIds}
     * accepts it, or a new random id.
     *
     * @param headers the current request's headers by name, empty outside a request
     * @return the id
     */
    public String correlationId(java.util.function.Function<String, java.util.Optional<String>> headers) {
        return CorrelationIds.resolve(headers.apply(correlationHeader));
    }

    /**
     * The resolver for applications without container security and without their own {@code IdentityResolver}: every
     * caller is anonymous, so capabilities refuse them unless configured with {@code allow-anonymous}. Fails closed on
     * purpose.
     *
     * @param headers the current request's headers by name, empty outside a request
     * @return the resolver
     */
    public dev.steward.api.spi.IdentityResolver anonymous(
            java.util.function.Function<String, java.util.Optional<String>> headers) {
        return () -> dev.steward.api.CallerContext.anonymous(correlationId(headers));
    }
}
