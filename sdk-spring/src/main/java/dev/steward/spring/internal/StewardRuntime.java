package dev.steward.spring.internal;

import dev.steward.api.ConfigurationException;
import dev.steward.api.StewardException;
import dev.steward.api.annotation.AiCapability;
import dev.steward.api.annotation.CostCeiling;
import dev.steward.api.annotation.RequiresApproval;
import dev.steward.api.spi.IdentityResolver;
import dev.steward.api.spi.StoreFactory;
import dev.steward.core.ApplicationComponents;
import dev.steward.core.GovernedMethod;
import dev.steward.core.Steward;
import dev.steward.core.config.IdentitySettings;
import dev.steward.spring.SpringConfigKeys;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.aopalliance.intercept.MethodInvocation;
import org.springframework.aop.support.AopUtils;
import org.springframework.beans.factory.BeanInitializationException;
import org.springframework.beans.factory.ListableBeanFactory;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.util.ClassUtils;
import org.springframework.util.ReflectionUtils;

/**
 * The application's one Steward in a Spring context: built when the context starts, from Spring's environment and
 * from the providers, stores and policies the application declares as beans; closed with the context. Composes the
 * {@code @AiCapability} methods of every bean class it is shown, once, and runs intercepted calls. Thread-safe: the
 * map of composed methods is concurrent because beans may be created on several threads.
 */
public final class StewardRuntime implements AutoCloseable {

    private final Steward steward;
    private final IdentityResolver identity;
    private final Map<Method, GovernedMethod> governed = new ConcurrentHashMap<>();
    private final Set<Class<?>> composedClasses = ConcurrentHashMap.newKeySet();

    private StewardRuntime(Steward steward, IdentityResolver identity) {
        this.steward = steward;
        this.identity = identity;
    }

    /**
     * Builds Steward from the environment and the application's beans, with the {@code @AiTool} methods of every bean
     * whose type is known as tools, each run on the bean (its proxy, when it has one).
     *
     * @param environment the application's environment
     * @param beans the application's beans
     * @param publisher where audit records and approvals are published as events
     * @param stores the store backends made from the application's data source and Redis settings
     * @param classLoader the application's class loader, for prompts and factories
     * @return the runtime
     * @throws ConfigurationException naming the key or {@code Class#method}, if configuration, a tool or the
     *     application's beans are invalid
     */
    public static StewardRuntime start(
            ConfigurableEnvironment environment,
            ListableBeanFactory beans,
            ApplicationEventPublisher publisher,
            List<StoreFactory> stores,
            ClassLoader classLoader) {
        EnvironmentConfigValues values = new EnvironmentConfigValues(environment);
        IdentitySettings.checkIntegrationKeys(values, SpringConfigKeys.PREFIXES, SpringConfigKeys.ALL);
        IdentitySettings settings = IdentitySettings.read(values, SpringConfigKeys.TENANT_SOURCES);
        String rolePrefix =
                values.get(SpringConfigKeys.ROLE_PREFIX).orElse("ROLE_").trim();
        IdentityResolver identity = identityResolver(beans, settings, rolePrefix);

        Steward.Builder builder = Steward.builder().config(values).classLoader(classLoader);
        builder.observer(new ApplicationEventObserver(publisher));
        builder.components(new ApplicationComponents() {
            @Override
            public <T> List<T> all(Class<T> type) {
                return beans.getBeanProvider(type).orderedStream().toList();
            }
        });
        // after the application's own store factories, which therefore win for the same type
        stores.forEach(builder::storeFactory);
        BeanTools.of(beans).forEach(builder::tool);
        return new StewardRuntime(builder.build(), identity);
    }

    /**
     * Whether a class declares, inherits or implements a method with one of Steward's method annotations.
     *
     * @param type a bean class
     * @return whether it does
     */
    public static boolean hasCapabilities(Class<?> type) {
        return !annotatedMethods(ClassUtils.getUserClass(type)).isEmpty();
    }

    // the class's own and inherited methods, and the abstract interface methods an implementation hides
    private static List<Method> annotatedMethods(Class<?> type) {
        List<Method> methods = new ArrayList<>();
        for (Method m : ReflectionUtils.getUniqueDeclaredMethods(type, m -> !m.isBridge() && !m.isSynthetic())) {
            if (annotated(m)) {
                methods.add(m);
            }
        }
        for (Class<?> contract : ClassUtils.getAllInterfacesForClassAsSet(type)) {
            for (Method m : contract.getDeclaredMethods()) {
                if (Modifier.isAbstract(m.getModifiers()) && annotated(m) && !methods.contains(m)) {
                    methods.add(m);
                }
            }
        }
        return methods;
    }

    private static boolean annotated(Method m) {
        return m.isAnnotationPresent(AiCapability.class)
                || m.isAnnotationPresent(RequiresApproval.class)
                || m.isAnnotationPresent(CostCeiling.class);
    }

    /**
     * Checks and composes every Steward-annotated method of a bean class, once per class.
     *
     * @param beanClass the bean's class (a proxy class is looked through)
     * @throws BeanInitializationException listing every problem, each naming {@code Class#method}: a method declared
     *     so that it cannot be governed, or one whose prompt, version, route, ceiling or fallback is invalid
     */
    public void compose(Class<?> beanClass) {
        Class<?> type = ClassUtils.getUserClass(beanClass);
        if (composedClasses.contains(type)) {
            return;
        }
        List<String> problems = new ArrayList<>();
        List<Method> methods = annotatedMethods(type);
        for (Method method : methods) {
            var problem = GovernedMethod.declarationProblem(method);
            if (problem.isPresent()) {
                problems.add(problem.get());
            } else if (method.isAnnotationPresent(AiCapability.class)) {
                try {
                    governed.put(method, GovernedMethod.compose(steward, method, identity));
                } catch (StewardException e) {
                    problems.add(GovernedMethod.naming(method, e.getMessage()));
                }
            }
        }
        if (!problems.isEmpty()) {
            throw new BeanInitializationException(
                    problems.size() == 1 ? problems.get(0) : String.join(System.lineSeparator(), problems));
        }
        composedClasses.add(type);
    }

    /**
     * Runs one intercepted call of a composed method.
     *
     * @param invocation the call
     * @return the answer: its text, or the whole answer when the method returns one
     * @throws StewardException as the pipeline decides
     * @throws IllegalStateException if the method was not composed (a bug: the advice only matches composed classes)
     */
    public Object invoke(MethodInvocation invocation) {
        Object target = invocation.getThis();
        Method method = AopUtils.getMostSpecificMethod(
                invocation.getMethod(),
                target == null ? invocation.getMethod().getDeclaringClass() : AopUtils.getTargetClass(target));
        GovernedMethod g = governed.get(method);
        if (g == null) {
            throw new IllegalStateException(GovernedMethod.source(method)
                    + " was not composed at startup; Steward's post-processor did not see its bean");
        }
        return g.invoke(target, invocation.getArguments());
    }

    /**
     * Fails on configuration of a capability no method declares, or a {@code STEWARD_*} environment variable that sets
     * no key Steward reads. Called once every bean has been created.
     *
     * @throws ConfigurationException naming the key or the variable
     */
    public void verify() {
        steward.verifyConfiguredCapabilities();
        steward.verifyEnvironmentVariables();
    }

    /**
     * The application's Steward, for approvals, audit queries and capabilities registered in code.
     *
     * @return the instance built at startup
     */
    public Steward steward() {
        return steward;
    }

    /**
     * Who is calling, as the governed calls see it.
     *
     * @return the identity resolver
     */
    public IdentityResolver identity() {
        return identity;
    }

    /** Closes Steward when the context closes, writing out queued audit records. */
    @Override
    public void close() {
        try {
            steward.close();
        } catch (Exception e) {
            // the context is closing: nobody can act on the failure but an operator reading the log
            System.getLogger(StewardRuntime.class.getName())
                    .log(System.Logger.Level.WARNING, "Closing Steward failed", e);
        }
    }

    private static IdentityResolver identityResolver(
            ListableBeanFactory beans, IdentitySettings settings, String rolePrefix) {
        List<IdentityResolver> custom =
                beans.getBeanProvider(IdentityResolver.class).orderedStream().toList();
        if (custom.size() > 1) {
            throw new ConfigurationException(
                    IdentityResolver.class.getName(), "more than one IdentityResolver bean; declare exactly one");
        }
        if (custom.size() == 1) {
            return custom.get(0);
        }
        RequestHeaders headers = RequestHeaders.current();
        if (Classes.present("org.springframework.security.core.context.SecurityContextHolder")) {
            return SpringSecurityIdentityResolver.create(settings, rolePrefix, headers);
        }
        if (settings.tenantSource().equals("claim")) {
            throw new ConfigurationException(
                    IdentitySettings.TENANT_SOURCE, "'claim' needs Spring Security; add spring-boot-starter-security");
        }
        return settings.anonymous(headers::get);
    }
}
