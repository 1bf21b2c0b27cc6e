package dev.steward.api.spi;

import java.util.Set;

/**
 * Creates providers of one type from configuration, so that architects choose providers by configuration alone:
 * {@code steward.provider.<name>.type=<type>} selects the factory whose {@link #type()} matches. Factories are found
 * with {@link java.util.ServiceLoader} or registered with Steward's builder.
 */
public interface InferenceProviderFactory {

    /**
     * The type name configuration selects, for example {@code gateway}.
     *
     * @return the type
     */
    String type();

    /**
     * The provider-specific keys this type accepts under {@code steward.provider.<name>.}, for example
     * {@code base-url}. Steward rejects any other key at startup, naming it.
     *
     * @return the accepted keys
     */
    Set<String> keys();

    /**
     * Creates a provider. Called once, at startup.
     *
     * @param settings the provider's configuration
     * @return the provider, whose {@link InferenceProvider#name()} is {@link ProviderSettings#name()}
     * @throws dev.steward.api.ConfigurationException if a value is missing or invalid, naming the key
     */
    InferenceProvider create(ProviderSettings settings);
}
