package dev.steward.providers.llama;

import dev.steward.api.spi.InferenceProviderFactory;
import dev.steward.providers.testing.ProviderFactoryContract;

class LocalLlamaDiscoveryTest extends ProviderFactoryContract {

    @Override
    protected InferenceProviderFactory factory() {
        return new LocalLlamaProviderFactory();
    }
}
