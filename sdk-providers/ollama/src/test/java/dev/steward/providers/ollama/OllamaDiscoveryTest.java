package dev.steward.providers.ollama;

import dev.steward.api.spi.InferenceProviderFactory;
import dev.steward.providers.testing.ProviderFactoryContract;

class OllamaDiscoveryTest extends ProviderFactoryContract {

    @Override
    protected InferenceProviderFactory factory() {
        return new OllamaProviderFactory();
    }
}
