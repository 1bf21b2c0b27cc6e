package dev.steward.spring.internal;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.beans.factory.config.ConfigurableListableBeanFactory;

/**
 * Finishes Steward's startup checks once every singleton exists: composes the capabilities of beans not created yet
 * (lazy or non-singleton beans whose type is known), so their declarations fail the context now, not at their first
 * use; then fails on configuration of a capability no method declares and on a {@code STEWARD_*} environment variable
 * that sets no key.
 */
public final class CapabilityVerifier implements SmartInitializingSingleton {

    private final ConfigurableListableBeanFactory beanFactory;
    private final ObjectProvider<StewardRuntime> runtime;

    /**
     * Creates the verifier.
     *
     * @param beanFactory the application's bean factory
     * @param runtime the runtime
     */
    public CapabilityVerifier(ConfigurableListableBeanFactory beanFactory, ObjectProvider<StewardRuntime> runtime) {
        this.beanFactory = beanFactory;
        this.runtime = runtime;
    }

    @Override
    public void afterSingletonsInstantiated() {
        StewardRuntime r = runtime.getObject();
        for (String name : beanFactory.getBeanDefinitionNames()) {
            // false: a FactoryBean is not created only to learn its product's type
            Class<?> type = beanFactory.getType(name, false);
            if (type != null && StewardRuntime.hasCapabilities(type)) {
                r.compose(type);
            }
        }
        r.verify();
    }
}
