package dev.steward.cdi;

import dev.steward.api.StewardException;
import dev.steward.api.annotation.AiCapability;
import dev.steward.api.annotation.AiTool;
import dev.steward.api.annotation.CostCeiling;
import dev.steward.api.annotation.RequiresApproval;
import dev.steward.cdi.internal.Governed;
import dev.steward.cdi.internal.GovernedInterceptor;
import dev.steward.cdi.internal.RequiredFeatures;
import dev.steward.cdi.internal.StewardRuntime;
import dev.steward.core.GovernedMethod;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.Vetoed;
import jakarta.enterprise.inject.spi.AfterDeploymentValidation;
import jakarta.enterprise.inject.spi.AnnotatedMethod;
import jakarta.enterprise.inject.spi.BeanManager;
import jakarta.enterprise.inject.spi.BeforeBeanDiscovery;
import jakarta.enterprise.inject.spi.DeploymentException;
import jakarta.enterprise.inject.spi.Extension;
import jakarta.enterprise.inject.spi.ProcessAnnotatedType;
import jakarta.enterprise.inject.spi.WithAnnotations;
import jakarta.enterprise.inject.spi.configurator.AnnotatedMethodConfigurator;
import jakarta.interceptor.Interceptor;
import java.lang.annotation.Annotation;
import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * The portable extension that makes {@code @AiCapability} methods of CDI beans governed calls, registered through
 * {@code META-INF/services}: the jar has no {@code beans.xml} and is never scanned.
 *
 * <p>At discovery it registers its interceptor and the application-scoped Steward runtime, and binds the interceptor
 * to every {@code @AiCapability} method. At {@code AfterDeploymentValidation} it builds Steward from MicroProfile
 * Config and composes every capability once; every invalid method or key (a method whose return type is neither
 * text nor a type with a fixed JSON shape, or that cannot be intercepted, an unknown prompt, version or route, an impossible ceiling, a fallback
 * whose signature does not match, {@code @RequiresApproval} without {@code @AiCapability}, an unknown
 * {@code steward.*} key, a {@code STEWARD_*} environment variable that sets no key Steward reads) fails deployment with a message that names {@code Class#method} or the key.
 * Without MicroProfile Config it registers nothing and fails deployment with a message naming the feature to enable.
 *
 * <p>Its state lives in instance fields: the container creates one extension instance per application.
 */
public class StewardExtension implements Extension {

    /**
     * The interceptor's priority: {@code PLATFORM_AFTER + 100}, after (inside) MicroProfile Fault Tolerance at
     * {@code PLATFORM_AFTER + 10}.
     *
     * <p>Steward is the innermost interceptor because it ends the chain: it answers from the model and never proceeds
     * to the method body. Fault Tolerance therefore wraps the whole governed call: {@code @Retry} repeats it, and each
     * attempt is one governed call with exactly one audit record; {@code @Timeout}, {@code @CircuitBreaker},
     * {@code @Bulkhead} and {@code @Fallback} see Steward's typed exceptions. Retries are never multiplied: a method
     * with {@code @Retry} whose route has a provider retrying by itself ({@code retry.max-attempts} above 1) fails
     * deployment.
     */
    public static final int INTERCEPTOR_PRIORITY = Interceptor.Priority.PLATFORM_AFTER + 100;

    private static final String FT_RETRY = "org.eclipse.microprofile.faulttolerance.Retry";

    private final Set<Method> capabilityMethods = new LinkedHashSet<>();
    private final Set<Method> toolMethods = new LinkedHashSet<>();
    private final Set<String> approverRoles = new TreeSet<>();
    private final List<String> definitionProblems = new ArrayList<>();
    private Optional<String> missingFeature = Optional.empty();

    /** Created by the container through {@code ServiceLoader}. */
    public StewardExtension() {}

    void registerTypes(@Observes BeforeBeanDiscovery event) {
        missingFeature = RequiredFeatures.missing(StewardExtension.class.getClassLoader());
        if (missingFeature.isPresent()) {
            // the runtime's methods name MicroProfile Config types: registering it would fail with NoClassDefFoundError
            // before any message of ours; the problem is reported at deployment validation instead
            return;
        }
        // both are @Vetoed so that they never become beans by discovery; registered here, they lose the veto
        event.addAnnotatedType(GovernedInterceptor.class, GovernedInterceptor.class.getName())
                .remove(a -> a.annotationType() == Vetoed.class);
        event.addAnnotatedType(StewardRuntime.class, StewardRuntime.class.getName())
                .remove(a -> a.annotationType() == Vetoed.class);
    }

    // a wildcard, not a type variable <T>: the javax form of this jar is made by bytecode transformation, which keeps
    // the original Jakarta signature string of a method declaring type variables (see sdk-cdi-javax)
    void bindCapabilityMethods(
            @Observes @WithAnnotations({AiCapability.class, AiTool.class, RequiresApproval.class, CostCeiling.class})
                    ProcessAnnotatedType<?> event) {
        for (AnnotatedMethodConfigurator<?> configurator :
                event.configureAnnotatedType().methods()) {
            AnnotatedMethod<?> annotated = configurator.getAnnotated();
            Method method = annotated.getJavaMember();
            if (annotated.isAnnotationPresent(AiCapability.class)) {
                configurator.add(Governed.Literal.INSTANCE);
                capabilityMethods.add(method);
                RequiresApproval approval = annotated.getAnnotation(RequiresApproval.class);
                if (approval != null) {
                    approverRoles.add(approval.role());
                }
            } else if (annotated.isAnnotationPresent(AiTool.class)) {
                toolMethods.add(method);
                RequiresApproval approval = annotated.getAnnotation(RequiresApproval.class);
                if (approval != null) {
                    approverRoles.add(approval.role());
                }
            } else {
                GovernedMethod.declarationProblem(method).ifPresent(definitionProblems::add);
            }
        }
    }

    void composeCapabilities(@Observes AfterDeploymentValidation event, BeanManager beanManager) {
        if (missingFeature.isPresent()) {
            event.addDeploymentProblem(new DeploymentException(missingFeature.get()));
            return;
        }
        definitionProblems.forEach(p -> event.addDeploymentProblem(new DeploymentException(p)));
        List<Method> composable = new ArrayList<>();
        for (Method method : capabilityMethods) {
            Optional<String> problem = GovernedMethod.declarationProblem(method);
            problem.ifPresent(p -> event.addDeploymentProblem(new DeploymentException(p)));
            if (problem.isEmpty()) {
                composable.add(method);
            }
        }
        StewardRuntime runtime =
                beanManager.createInstance().select(StewardRuntime.class).get();
        try {
            runtime.start(approverRoles, toolMethods);
        } catch (RuntimeException e) {
            event.addDeploymentProblem(new DeploymentException("Steward could not start: " + rootMessage(e), e));
            return;
        }
        for (Method method : composable) {
            try {
                runtime.govern(method);
            } catch (StewardException e) {
                event.addDeploymentProblem(new DeploymentException(GovernedMethod.naming(method, e.getMessage()), e));
                continue;
            }
            if (hasAnnotationNamed(method, FT_RETRY)) {
                List<String> retrying = runtime.retryingProviderKeys(method);
                if (!retrying.isEmpty()) {
                    event.addDeploymentProblem(new DeploymentException(GovernedMethod.source(method)
                            + ": MicroProfile @Retry repeats the whole governed call while " + retrying
                            + " retries inside it, which multiplies attempts; set those keys to 1 or remove @Retry"));
                }
            }
        }
        try {
            runtime.verifyConfiguredCapabilities();
            runtime.verifyEnvironmentVariables();
        } catch (StewardException e) {
            event.addDeploymentProblem(new DeploymentException(e.getMessage(), e));
        }
    }

    private static boolean hasAnnotationNamed(Method method, String name) {
        for (Annotation a : method.getAnnotations()) {
            if (a.annotationType().getName().equals(name)) {
                return true;
            }
        }
        for (Annotation a : method.getDeclaringClass().getAnnotations()) {
            if (a.annotationType().getName().equals(name)) {
                return true;
            }
        }
        return false;
    }

    private static String rootMessage(Throwable e) {
        Throwable t = e;
        while (t.getCause() != null && !(t instanceof StewardException)) {
            t = t.getCause();
        }
        return t.getMessage();
    }
}
