package dev.steward.cdi.internal;

import java.util.Optional;

/**
 * What the container must provide before Steward's runtime can even be loaded: MicroProfile Config, whose types the
 * runtime's methods name, so that a missing feature fails deployment with its name instead of a
 * {@code NoClassDefFoundError} deep in the container. Everything else Steward uses from the container is optional:
 * Jakarta Security (without it every caller is anonymous), the Servlet API (headers), MicroProfile JWT (only for
 * {@code steward.identity.tenant.source=claim}), MicroProfile Fault Tolerance (only recognised by name), and
 * Jakarta REST (only for the REST resources).
 */
public final class RequiredFeatures {

    /** Why deployment fails when the MicroProfile Config API is missing. */
    public static final String NO_CONFIG_API = "Steward needs MicroProfile Config: enable the Liberty feature"
            + " mpConfig-3.1 (or add a MicroProfile Config implementation to the application); the class"
            + " org.eclipse.microprofile.config.ConfigProvider is not visible to the application";

    /** Why deployment fails when the API is there but no implementation is. */
    public static final String NO_CONFIG_IMPLEMENTATION =
            "the API is present but no implementation is; enable the Liberty feature mpConfig-3.1 (or add a MicroProfile Config"
                    + " implementation such as SmallRye Config to the application)";

    private RequiredFeatures() {}

    /**
     * What is missing, if anything, for the classes a class loader sees.
     *
     * @param loader the application's class loader, the one that loaded Steward
     * @return why Steward cannot run, or empty when nothing is missing
     */
    public static Optional<String> missing(ClassLoader loader) {
        try {
            Class.forName("org.eclipse.microprofile.config.ConfigProvider", false, loader);
            return Optional.empty();
        } catch (ClassNotFoundException | LinkageError e) {
            return Optional.of(NO_CONFIG_API);
        }
    }
}
