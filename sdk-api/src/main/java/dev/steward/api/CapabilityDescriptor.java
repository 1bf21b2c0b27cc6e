package dev.steward.api;

import dev.steward.api.annotation.DataClass;
import dev.steward.api.annotation.RiskTier;
import java.util.Objects;
import java.util.Set;

/**
 * What a policy may know about a capability when it decides a call: its name, where it was declared, its risk tier,
 * the data classes its input may contain and the route it is configured to take. Immutable.
 *
 * @param name the capability's name
 * @param source the annotated {@code Class#method}, or the registering code's name
 * @param risk the declared risk tier
 * @param dataClasses the declared data classes, possibly empty
 * @param route the route its calls take (after configuration overrides)
 */
public record CapabilityDescriptor(
        String name, String source, RiskTier risk, Set<DataClass> dataClasses, String route) {

    /**
     * Validates and copies the components.
     *
     * @throws NullPointerException if a component is {@code null}
     */
    public CapabilityDescriptor {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(risk, "risk");
        dataClasses = Set.copyOf(dataClasses);
        Objects.requireNonNull(route, "route");
    }
}
