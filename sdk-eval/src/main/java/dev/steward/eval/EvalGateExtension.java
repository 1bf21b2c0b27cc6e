package dev.steward.eval;

import dev.steward.core.config.ConfigValues;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.lang.reflect.Method;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.InvocationInterceptor;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;
import org.junit.jupiter.api.extension.ReflectiveInvocationContext;
import org.junit.platform.commons.support.AnnotationSupport;

/**
 * Runs the gate of an {@link StewardEvalGate} method after its body, which may customise the {@link EvalGate.Builder}
 * it receives as a parameter. Stateless: the builder lives in the method's extension store.
 */
final class EvalGateExtension implements ParameterResolver, InvocationInterceptor {

    private static final ExtensionContext.Namespace NAMESPACE =
            ExtensionContext.Namespace.create(EvalGateExtension.class);

    @Override
    public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
        return parameter.getParameter().getType() == EvalGate.Builder.class;
    }

    @Override
    public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
        return builder(context);
    }

    @Override
    public void interceptTestMethod(
            Invocation<Void> invocation,
            ReflectiveInvocationContext<Method> invocationContext,
            ExtensionContext context)
            throws Throwable {
        invocation.proceed();
        EvalGate gate = builder(context).build();
        EvalReport report = gate.run();
        Map<String, String> entries = new LinkedHashMap<>();
        entries.put("steward.eval.candidate", summary(report.candidate()));
        entries.put("steward.eval.baseline", summary(report.baseline()));
        entries.put("steward.eval.passed", Boolean.toString(report.passed()));
        entries.put("steward.eval.report", gate.reportFile(report).toString());
        context.publishReportEntry(entries);
        report.assertPassed();
    }

    private static String summary(EvalReport.VersionResult v) {
        return String.format(
                Locale.ROOT, "%s: %d of %d passed (%.3f)", v.version(), v.passed(), v.total(), v.passRate());
    }

    private static EvalGate.Builder builder(ExtensionContext context) {
        return context.getStore(NAMESPACE)
                .getOrComputeIfAbsent("builder", k -> configured(context), EvalGate.Builder.class);
    }

    private static EvalGate.Builder configured(ExtensionContext context) {
        Method method = context.getRequiredTestMethod();
        StewardEvalGate test = AnnotationSupport.findAnnotation(method, StewardEvalGate.class)
                .orElseThrow(() -> new IllegalStateException(method + " is not annotated with @StewardEvalGate"));
        ClassLoader loader = context.getRequiredTestClass().getClassLoader();
        String candidate = System.getProperty(StewardEvalGate.CANDIDATE_PROPERTY, test.candidate());
        EvalGate.Builder b = EvalGate.builder(test.capability())
                .route(test.route())
                .tolerance(test.tolerance())
                .minimumPassRate(test.minimumPassRate())
                .classLoader(loader)
                .config(ConfigValues.of(properties(loader, test.config())))
                .reportDirectory(Path.of(test.reportDirectory()));
        if (!candidate.isBlank()) {
            b.candidate(candidate);
        }
        if (!test.prompt().isBlank()) {
            b.prompt(test.prompt());
        }
        if (!test.baseline().isBlank()) {
            b.baseline(test.baseline());
        }
        return b;
    }

    private static Map<String, String> properties(ClassLoader loader, String resource) {
        Map<String, String> values = new HashMap<>();
        if (resource.isBlank()) {
            return values;
        }
        Properties p = new Properties();
        try (InputStream in = loader.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalArgumentException("@StewardEvalGate(config = \"" + resource
                        + "\"): no such file on the test class path; name the application's configuration file, or"
                        + " \"\" for none");
            }
            p.load(in);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + resource, e);
        }
        // profile keys (%test.steward...) belong to a profile the gate does not run in
        p.stringPropertyNames().stream().filter(k -> !k.startsWith("%")).forEach(k -> values.put(k, p.getProperty(k)));
        return values;
    }
}
