package dev.steward.providers.gateway;

import dev.steward.api.spi.InferenceProviderFactory;
import dev.steward.providers.testing.ProviderFactoryContract;

class GatewayDiscoveryTest extends ProviderFactoryContract {

    @Override
    protected InferenceProviderFactory factory() {
        return new GatewayProviderFactory();
    }
}
