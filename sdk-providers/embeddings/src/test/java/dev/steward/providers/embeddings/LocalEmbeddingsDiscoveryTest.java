package dev.steward.providers.embeddings;

import dev.steward.api.spi.InferenceProviderFactory;
import dev.steward.providers.testing.ProviderFactoryContract;

class LocalEmbeddingsDiscoveryTest extends ProviderFactoryContract {

    @Override
    protected InferenceProviderFactory factory() {
        return new LocalEmbeddingsProviderFactory();
    }
}
