package dev.steward.cdi.internal;

import dev.steward.api.ConfigurationException;
import dev.steward.api.annotation.AiCapability;
import dev.steward.api.spi.IdentityResolver;
import dev.steward.core.ApplicationComponents;
import dev.steward.core.GovernedMethod;
import dev.steward.core.Steward;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Dependent;
import jakarta.enterprise.inject.Any;
import jakarta.enterprise.inject.Produces;
import jakarta.enterprise.inject.Vetoed;
import jakarta.enterprise.inject.spi.BeanManager;
import jakarta.inject.Inject;
import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.eclipse.microprofile.config.Config;
import org.eclipse.microprofile.config.ConfigProvider;

/**
 * The application's one Steward: built once when the container starts, from MicroProfile Config and from any
 * providers, stores and policies the application declares as CDI beans; closed when the application stops.
 * Application-scoped, so every interceptor and resource shares it.
 *
 * <p>{@code @Vetoed} and registered by the extension, which calls {@link #start} and {@link #govern} during
 * {@code AfterDeploymentValidation} so that configuration errors fail deployment.
 */
@Vetoed
@ApplicationScoped
public class StewardRuntime {

    private static final String CAPABILITY = "steward.capability.";

    @Inject
    BeanManager beanManager;

    // written once during deployment validation, before any call can reach the interceptor; the map is concurrent
    // because an unusual container could publish the bean to other threads while deployment still registers methods
    private volatile Steward steward;
    private volatile IdentityResolver identity;
    private volatile IdentitySettings settings;
    private volatile RestSettings rest;
    private final Map<Method, GovernedMethod> governed = new ConcurrentHashMap<>();

    /** For the container's client proxy. */
    public StewardRuntime() {}

    /**
     * Builds Steward. Called once, by the extension, during deployment validation.
     *
     * @param annotatedRoles the approver roles that {@code @RequiresApproval} annotations name
     * @param toolMethods the {@code @AiTool} methods of the application's beans; each runs on the bean's contextual
     *     reference (a client proxy for a normal-scoped bean), asked for on every call
     * @throws ConfigurationException naming the key or {@code Class#method}, if configuration, a tool or the
     *     application's beans are invalid
     */
    public synchronized void start(Set<String> annotatedRoles, java.util.Collection<Method> toolMethods) {
        if (steward != null) {
            return;
        }
        Config config;
        try {
            config = ConfigProvider.getConfig();
        } catch (IllegalStateException e) {
            // the API's own message ("No ConfigProviderResolver implementation found!") does not say what to enable
            throw new ConfigurationException("MicroProfile Config", RequiredFeatures.NO_CONFIG_IMPLEMENTATION, e);
        }
        IdentitySettings identitySettings = IdentitySettings.read(config);
        RestSettings restSettings = RestSettings.read(config);
        RequestHeaders headers = RequestHeaders.of(beanManager);
        Steward.Builder builder = Steward.builder().config(new MicroProfileConfigValues(config));
        builder.observer(new CdiEventListener(beanManager));
        builder.observer(new CorrelationIdTagger(headers, identitySettings.correlationHeader()));
        builder.components(new ApplicationComponents() {
            @Override
            public <T> List<T> all(Class<T> type) {
                return beans(type);
            }
        });
        for (Method tool : toolMethods) {
            Class<?> beanClass = tool.getDeclaringClass();
            builder.tool(dev.steward.core.tool.MethodTool.of(
                    tool, () -> beanManager.createInstance().select(beanClass).get()));
        }
        Steward built = builder.build();
        try {
            this.identity = identityResolver(config, identitySettings, headers, annotatedRoles);
        } catch (RuntimeException e) {
            closeQuietly(built);
            throw e;
        }
        this.settings = identitySettings;
        this.rest = restSettings;
        this.steward = built;
    }

    /**
     * Composes one {@code @AiCapability} method. Called by the extension for each, during deployment validation.
     *
     * @param method the annotated method
     * @throws dev.steward.api.StewardException (usually {@link ConfigurationException}) if the method's prompt,
     *     version, route, ceiling or fallback is invalid
     */
    public void govern(Method method) {
        governed.put(method, GovernedMethod.compose(requireStarted(), method, identity));
    }

    /**
     * The providers of the route a capability method uses that retry by themselves ({@code retry.max-attempts} above
     * 1), to reject MicroProfile {@code @Retry} on top of them: retries would multiply.
     *
     * @param method the annotated method
     * @return the full {@code retry.max-attempts} keys that are above 1; empty when none is
     */
    public List<String> retryingProviderKeys(Method method) {
        Config config = ConfigProvider.getConfig();
        AiCapability capability = method.getAnnotation(AiCapability.class);
        String route = config.getOptionalValue(CAPABILITY + capability.value() + ".route", String.class)
                .orElse(capability.route());
        List<String> keys = new ArrayList<>();
        // the route as core composed it, so that the implicit default route of the only provider is covered too
        for (String provider : requireStarted().routeProviders(route)) {
            String key = "steward.provider." + provider + ".retry.max-attempts";
            Optional<String> attempts = config.getOptionalValue(key, String.class);
            if (attempts.isPresent() && !attempts.get().trim().equals("1")) {
                keys.add(key + "=" + attempts.get().trim());
            }
        }
        return keys;
    }

    /**
     * Runs one intercepted call of a composed method.
     *
     * @param method the intercepted method
     * @param target the bean instance, on which a fallback method runs
     * @param args the call's arguments
     * @return the answer: its text or typed value, or the whole {@code Answer} when the method returns one
     * @throws dev.steward.api.StewardException as the pipeline decides
     * @throws IllegalStateException if the method was not composed at deployment (a bug: every bound method is)
     */
    public Object invoke(Method method, Object target, Object[] args) {
        GovernedMethod g = governed.get(method);
        if (g == null) {
            throw new IllegalStateException(method.getDeclaringClass().getName() + "#" + method.getName()
                    + " was not composed at deployment; Steward's extension did not see its bean class");
        }
        return g.invoke(target, args);
    }

    /**
     * The application's Steward, for approvals, audit queries and capabilities registered in code.
     *
     * @return the instance built at startup
     * @throws IllegalStateException if deployment validation has not started it
     */
    @Produces
    @Dependent
    public Steward steward() {
        return requireStarted();
    }

    /**
     * Who is calling, as the governed calls see it.
     *
     * @return the identity resolver
     */
    public IdentityResolver identity() {
        requireStarted();
        return identity;
    }

    /**
     * The roles that may read audit records over REST.
     *
     * @return the roles
     */
    public Set<String> auditRoles() {
        requireStarted();
        return settings.auditRoles();
    }

    /**
     * The roles that may read captured prompts and answers over REST; empty unless configured.
     *
     * @return the roles
     */
    public Set<String> captureRoles() {
        requireStarted();
        return settings.captureRoles();
    }

    /**
     * How the REST resources behave.
     *
     * @return the settings read at startup
     */
    public RestSettings rest() {
        requireStarted();
        return rest;
    }

    /**
     * Fails if configuration names a capability no method declares, almost always a typo. Called by the extension
     * once every method is composed.
     *
     * @throws ConfigurationException naming the key
     */
    public void verifyConfiguredCapabilities() {
        requireStarted().verifyConfiguredCapabilities();
    }

    /**
     * Fails if a {@code STEWARD_*} environment variable sets no key Steward reads. Called by the extension once every
     * method has been composed.
     *
     * @throws ConfigurationException naming the variable and the nearest one Steward would read
     */
    public void verifyEnvironmentVariables() {
        requireStarted().verifyEnvironmentVariables();
    }

    /** Closes Steward when the application stops, writing out queued audit records. */
    @PreDestroy
    public void close() {
        Steward s = steward;
        if (s != null) {
            closeQuietly(s);
        }
    }

    private static void closeQuietly(Steward s) {
        try {
            s.close();
        } catch (Exception e) {
            // the application is stopping: nobody can act on the failure but an operator reading the log
            System.getLogger(StewardRuntime.class.getName())
                    .log(System.Logger.Level.WARNING, "Closing Steward failed", e);
        }
    }

    private Steward requireStarted() {
        Steward s = steward;
        if (s == null) {
            throw new IllegalStateException("Steward has not started; is StewardExtension registered?");
        }
        return s;
    }

    private IdentityResolver identityResolver(
            Config config, IdentitySettings s, RequestHeaders headers, Set<String> annotatedRoles) {
        List<IdentityResolver> custom = beans(IdentityResolver.class);
        if (custom.size() > 1) {
            throw new ConfigurationException(
                    IdentityResolver.class.getName(), "more than one IdentityResolver bean; declare exactly one");
        }
        if (custom.size() == 1) {
            return custom.get(0);
        }
        if (!present("jakarta.security.enterprise.SecurityContext")) {
            return s.identity().anonymous(headers::get);
        }
        Set<String> roles = new HashSet<>(annotatedRoles);
        roles.addAll(s.extraRoles());
        roles.addAll(s.auditRoles());
        roles.addAll(s.captureRoles());
        for (String key : config.getPropertyNames()) {
            if (key.startsWith(CAPABILITY) && key.endsWith(".allowed-roles")) {
                for (String role : config.getValue(key, String.class).split(",")) {
                    if (!role.isBlank()) {
                        roles.add(role.trim());
                    }
                }
            }
        }
        IdentityResolver resolver = SecurityContextIdentityResolver.create(
                beanManager, roles, tenantSource(s, headers), headers, s.correlationHeader());
        return resolver != null ? resolver : s.identity().anonymous(headers::get);
    }

    private static TenantSource tenantSource(IdentitySettings s, RequestHeaders headers) {
        return switch (s.tenantSource()) {
            case "header" -> p -> headers.get(s.tenantName()).orElse(null);
            case "claim" -> {
                if (!present("org.eclipse.microprofile.jwt.JsonWebToken")) {
                    throw new ConfigurationException(
                            dev.steward.cdi.CdiConfigKeys.TENANT_SOURCE,
                            "'claim' needs MicroProfile JWT (the mpJwt feature); use header or principal-attribute");
                }
                yield new JwtClaimTenantSource(s.tenantName());
            }
            case "principal-attribute" -> new PrincipalAttributeTenantSource(s.tenantName());
            default -> TenantSource.NONE;
        };
    }

    private <T> List<T> beans(Class<T> type) {
        return beanManager.createInstance().select(type, Any.Literal.INSTANCE).stream()
                .toList();
    }

    private static boolean present(String className) {
        try {
            Class.forName(className, false, StewardRuntime.class.getClassLoader());
            return true;
        } catch (ClassNotFoundException e) {
            return false;
        }
    }
}
