package dev.steward.register;

import dev.steward.api.PromptTemplate;
import dev.steward.core.budget.Ceiling;
import dev.steward.core.prompt.ClasspathPromptRegistry;
import dev.steward.core.prompt.CompiledTemplate;
import dev.steward.core.register.CapabilityRegister;
import dev.steward.core.register.RegisteredCapability;
import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import javax.annotation.processing.AbstractProcessor;
import javax.annotation.processing.ProcessingEnvironment;
import javax.annotation.processing.RoundEnvironment;
import javax.lang.model.SourceVersion;
import javax.lang.model.element.AnnotationMirror;
import javax.lang.model.element.AnnotationValue;
import javax.lang.model.element.Element;
import javax.lang.model.element.ExecutableElement;
import javax.lang.model.element.Modifier;
import javax.lang.model.element.TypeElement;
import javax.lang.model.element.VariableElement;
import javax.lang.model.type.TypeMirror;
import javax.lang.model.util.ElementFilter;
import javax.tools.Diagnostic;
import javax.tools.FileObject;
import javax.tools.StandardLocation;

/**
 * Writes the capability register at compile time: {@value CapabilityRegister#RESOURCE} and the readable page
 * {@value CapabilityRegister#PAGE}, in the class output, for every method annotated with {@code @AiCapability}.
 *
 * <p>It rejects inconsistent declarations with a compile error at the element (and the annotation value) at fault:
 * {@code @RequiresApproval} or a method-level {@code @CostCeiling} without {@code @AiCapability}; a capability name
 * that is not dotted lower-case segments, or that two methods declare; a static or private capability method (no
 * interceptor reaches it); a fallback that is not a method of the class with the same parameters and a compatible
 * return type; a prompt id without versions, a listed version without its file, a declared {@code promptVersion} the
 * registry does not list, or a default version whose template uses a variable that is no parameter; a ceiling that is
 * not {@code "<n> tokens"} or {@code "<amount> <currency>"}, that is zero, that mixes currencies, that counts per user
 * or tenant over the {@code CALL} period, or a {@code DEGRADE} without its route; an approval without a role, with a
 * threshold outside [0, 1] or with an expiry that is not a positive ISO-8601 duration. When any error is reported the
 * register is not written.
 *
 * <p>Prompts are read from the locations described in {@link #RESOURCES_OPTION}. Options ({@code -A<name>=<value>}):
 * {@value #RESOURCES_OPTION}, {@value #PROMPT_LOCATION_OPTION}, {@value #REQUIRE_PROMPTS_OPTION}.
 *
 * <p>Created by the compiler through {@code META-INF/services}; one instance per compilation, not thread-safe (the
 * compiler calls it from one thread).
 */
public final class CapabilityRegisterProcessor extends AbstractProcessor {

    /**
     * Folders (separated by commas, relative to the compiler's working directory) that hold the prompt registry's
     * folder, searched before the class output, source path and class path; for example {@code src/main/resources}
     * for a build that does not copy resources to the class output before compiling.
     */
    public static final String RESOURCES_OPTION = "stewardRegister.resources";

    /** The prompt registry's folder inside those locations; default {@value dev.steward.core.prompt.ClasspathPromptRegistry#DEFAULT_LOCATION}. */
    public static final String PROMPT_LOCATION_OPTION = "stewardRegister.promptLocation";

    /**
     * {@code true} (the default): a prompt id without versions is a compile error; {@code false}: a warning, for
     * applications whose prompts live in a database registry.
     */
    public static final String REQUIRE_PROMPTS_OPTION = "stewardRegister.requirePrompts";

    private static final String AI_CAPABILITY = "dev.steward.api.annotation.AiCapability";
    private static final String REQUIRES_APPROVAL = "dev.steward.api.annotation.RequiresApproval";
    private static final String COST_CEILING = "dev.steward.api.annotation.CostCeiling";
    private static final String AI_TOOL = "dev.steward.api.annotation.AiTool";
    private static final String ANSWER = "dev.steward.api.Answer";
    private static final Pattern NAME = Pattern.compile("[a-z0-9][a-z0-9-]*(\\.[a-z0-9][a-z0-9-]*)*");

    private final List<RegisteredCapability> capabilities = new ArrayList<>();
    private final Map<String, String> sourceByName = new HashMap<>();
    private final Set<Element> originating = new LinkedHashSet<>();
    private PromptSource prompts;
    private boolean requirePrompts;
    private boolean failed;
    private boolean written;

    /** Created by the compiler. */
    public CapabilityRegisterProcessor() {}

    @Override
    public Set<String> getSupportedAnnotationTypes() {
        return Set.of(AI_CAPABILITY, REQUIRES_APPROVAL, COST_CEILING);
    }

    @Override
    public Set<String> getSupportedOptions() {
        return Set.of(RESOURCES_OPTION, PROMPT_LOCATION_OPTION, REQUIRE_PROMPTS_OPTION);
    }

    @Override
    public SourceVersion getSupportedSourceVersion() {
        return SourceVersion.latestSupported();
    }

    @Override
    public synchronized void init(ProcessingEnvironment env) {
        super.init(env);
        Map<String, String> options = env.getOptions();
        List<Path> folders = Arrays.stream(
                        options.getOrDefault(RESOURCES_OPTION, "").split(","))
                .map(String::trim)
                .filter(s -> !s.isEmpty())
                .map(Path::of)
                .toList();
        String location = options.getOrDefault(PROMPT_LOCATION_OPTION, ClasspathPromptRegistry.DEFAULT_LOCATION);
        prompts = new PromptSource(env.getFiler(), folders, location);
        requirePrompts = !"false"
                .equalsIgnoreCase(
                        options.getOrDefault(REQUIRE_PROMPTS_OPTION, "true").trim());
    }

    @Override
    public boolean process(Set<? extends TypeElement> annotations, RoundEnvironment round) {
        TypeElement capability = processingEnv.getElementUtils().getTypeElement(AI_CAPABILITY);
        if (capability != null) {
            for (ExecutableElement method : ElementFilter.methodsIn(round.getElementsAnnotatedWith(capability))) {
                read(method);
            }
            requireCapability(round, REQUIRES_APPROVAL, "@RequiresApproval", true);
            requireCapability(round, COST_CEILING, "a method-level @CostCeiling", false);
        }
        if (round.processingOver() && !written && !failed && !capabilities.isEmpty()) {
            written = true;
            write();
        }
        // other processors may also read these annotations
        return false;
    }

    // a tool may need approval too: @RequiresApproval on an @AiTool method holds each call of that tool
    private void requireCapability(RoundEnvironment round, String annotation, String what, boolean onToolsToo) {
        TypeElement type = processingEnv.getElementUtils().getTypeElement(annotation);
        if (type == null) {
            return;
        }
        for (ExecutableElement method : ElementFilter.methodsIn(round.getElementsAnnotatedWith(type))) {
            boolean tool = onToolsToo && mirror(method, AI_TOOL).isPresent();
            if (mirror(method, AI_CAPABILITY).isEmpty() && !tool) {
                error(
                        what + " on " + where(method) + " has no effect without @AiCapability"
                                + (onToolsToo ? " or @AiTool" : "") + "; annotate the method with @AiCapability or"
                                + " remove it",
                        method,
                        mirror(method, annotation).orElse(null),
                        null);
            }
        }
    }

    private void read(ExecutableElement method) {
        AnnotationMirror cap = mirror(method, AI_CAPABILITY).orElseThrow();
        Values v = values(cap);
        String where = where(method);
        originating.add(method);

        String name = v.string("value");
        if (!NAME.matcher(name).matches()) {
            error(
                    "capability name '" + name + "' of " + where + " must be lower-case segments of letters, digits"
                            + " and hyphens separated by dots, such as claims.summarize",
                    method,
                    cap,
                    v.raw("value"));
        }
        String previous = sourceByName.putIfAbsent(name, where);
        if (previous != null && !previous.equals(where)) {
            error(
                    "capability '" + name + "' of " + where + " is already declared by " + previous
                            + "; capability names are unique in an application",
                    method,
                    cap,
                    v.raw("value"));
        }
        if (method.getModifiers().contains(Modifier.STATIC)
                || method.getModifiers().contains(Modifier.PRIVATE)) {
            error(
                    "capability method " + where + " is static or private, so no interceptor can govern it; make it"
                            + " an instance method that is not private",
                    method,
                    cap,
                    null);
        }

        String fallback = blankToNull(v.string("fallback"));
        if (fallback != null) {
            checkFallback(method, fallback, cap, v.raw("fallback"));
        }

        List<String> parameters = method.getParameters().stream()
                .map(p -> p.getSimpleName().toString())
                .toList();
        String promptId = v.string("prompt").isEmpty() ? name : v.string("prompt");
        String declaredVersion = blankToNull(v.string("promptVersion"));
        List<RegisteredCapability.PromptVersion> versions =
                promptVersions(method, cap, v, promptId, declaredVersion, parameters);

        RegisteredCapability.Approval approval =
                mirror(method, REQUIRES_APPROVAL).map(m -> approval(method, m)).orElse(null);
        RegisteredCapability.Ceilings ceilings =
                ceilingMirror(method).map(m -> ceilings(method, m)).orElse(null);

        capabilities.add(new RegisteredCapability(
                name,
                where,
                v.has("owner") ? blankToNull(v.string("owner")) : null,
                v.enumName("risk"),
                v.enumNames("dataClasses"),
                v.string("route"),
                approval,
                ceilings,
                fallback,
                v.has("tools") ? v.names("tools") : List.of(),
                new RegisteredCapability.Prompt(promptId, declaredVersion, versions)));
    }

    private List<RegisteredCapability.PromptVersion> promptVersions(
            ExecutableElement method,
            AnnotationMirror cap,
            Values v,
            String promptId,
            String declaredVersion,
            List<String> parameters) {
        String where = where(method);
        Optional<PromptSource.Listing> found = prompts.versions(promptId);
        AnnotationValue promptValue = v.raw("prompt");
        if (found.isEmpty()
                || (found.get().versions().isEmpty() && found.get().missing().isEmpty())) {
            report(
                    requirePrompts ? Diagnostic.Kind.ERROR : Diagnostic.Kind.WARNING,
                    "prompt '" + promptId + "' of " + where + " has no versions in the prompt registry; add "
                            + ClasspathPromptRegistry.DEFAULT_LOCATION + "/" + promptId
                            + "/<version>.txt and list the version in"
                            + " its 'versions' file (or pass -A" + RESOURCES_OPTION + "=<folder> when resources are"
                            + " not in the class output at compile time)",
                    method,
                    cap,
                    promptValue);
            return List.of();
        }
        PromptSource.Listing listing = found.get();
        for (String missing : listing.missing()) {
            error(
                    "prompt '" + promptId + "' of " + where + ": its versions file (" + listing.where() + ") lists '"
                            + missing + "' but there is no " + missing + ".txt or " + missing + ".md",
                    method,
                    cap,
                    promptValue);
        }
        List<String> labels =
                listing.versions().stream().map(PromptSource.Version::version).toList();
        if (declaredVersion != null
                && !labels.contains(declaredVersion)
                && !listing.missing().contains(declaredVersion)) {
            error(
                    "promptVersion '" + declaredVersion + "' of " + where + " is not a version of prompt '" + promptId
                            + "'; the registry lists " + labels,
                    method,
                    cap,
                    v.raw("promptVersion"));
        }
        String defaultVersion =
                declaredVersion != null ? declaredVersion : labels.isEmpty() ? null : labels.get(labels.size() - 1);
        for (PromptSource.Version version : listing.versions()) {
            try {
                CompiledTemplate.compile(
                        new PromptTemplate(promptId, version.version(), version.text(), version.sha256()), parameters);
            } catch (IllegalArgumentException e) {
                // the default version is what calls get: it must render; an older one may be kept only for the record
                report(
                        version.version().equals(defaultVersion) ? Diagnostic.Kind.ERROR : Diagnostic.Kind.WARNING,
                        e.getMessage() + " of " + where,
                        method,
                        cap,
                        promptValue);
            }
        }
        return listing.versions().stream()
                .map(x -> new RegisteredCapability.PromptVersion(x.version(), x.sha256()))
                .toList();
    }

    private void checkFallback(ExecutableElement method, String fallback, AnnotationMirror cap, AnnotationValue value) {
        TypeElement type = (TypeElement) method.getEnclosingElement();
        var types = processingEnv.getTypeUtils();
        List<ExecutableElement> named = ElementFilter.methodsIn(type.getEnclosedElements()).stream()
                .filter(m -> m.getSimpleName().contentEquals(fallback))
                .toList();
        String signature = fallback + "("
                + String.join(
                        ", ",
                        method.getParameters().stream()
                                .map(p -> types.erasure(p.asType()).toString())
                                .toList())
                + ")";
        for (ExecutableElement candidate : named) {
            if (candidate.getParameters().size() != method.getParameters().size()) {
                continue;
            }
            boolean same = true;
            for (int i = 0; i < candidate.getParameters().size(); i++) {
                TypeMirror a = types.erasure(candidate.getParameters().get(i).asType());
                TypeMirror b = types.erasure(method.getParameters().get(i).asType());
                same &= types.isSameType(a, b);
            }
            if (!same) {
                continue;
            }
            TypeMirror returns = candidate.getReturnType();
            TypeMirror wanted = method.getReturnType();
            boolean textForAnswer = types.erasure(wanted).toString().equals(ANSWER)
                    && returns.toString().equals("java.lang.String");
            if (!textForAnswer && !types.isAssignable(returns, wanted)) {
                error(
                        "fallback " + signature + " of " + where(method) + " returns " + returns
                                + " but the capability method returns " + wanted,
                        method,
                        cap,
                        value);
            }
            return;
        }
        error(
                "fallback of " + where(method) + " names no method " + signature + " on "
                        + processingEnv.getElementUtils().getBinaryName(type)
                        + "; a fallback takes the same parameters as the capability method",
                method,
                cap,
                value);
    }

    private RegisteredCapability.Approval approval(ExecutableElement method, AnnotationMirror mirror) {
        Values v = values(mirror);
        String where = where(method);
        String role = v.string("role");
        if (role.isBlank()) {
            error("@RequiresApproval.role of " + where + " must name the approver role", method, mirror, v.raw("role"));
        }
        double below = v.decimal("belowConfidence");
        if (below != Double.POSITIVE_INFINITY && !(below >= 0 && below <= 1)) {
            error(
                    "@RequiresApproval.belowConfidence of " + where + " must be in [0, 1] or ALWAYS, was " + below,
                    method,
                    mirror,
                    v.raw("belowConfidence"));
        }
        String expiry = v.string("expiry");
        try {
            Duration d = Duration.parse(expiry);
            if (d.isNegative() || d.isZero()) {
                error(
                        "@RequiresApproval.expiry of " + where + " must be positive, was " + expiry,
                        method,
                        mirror,
                        v.raw("expiry"));
            }
        } catch (DateTimeParseException e) {
            error(
                    "@RequiresApproval.expiry of " + where + " must be an ISO-8601 duration such as P2D, was '" + expiry
                            + "'",
                    method,
                    mirror,
                    v.raw("expiry"));
        }
        return new RegisteredCapability.Approval(role, below == Double.POSITIVE_INFINITY ? null : below, expiry);
    }

    // The method's own @CostCeiling, else its class's (or an inherited one), as the runtime reads it.
    private Optional<AnnotationMirror> ceilingMirror(ExecutableElement method) {
        Optional<AnnotationMirror> own = mirror(method, COST_CEILING);
        if (own.isPresent()) {
            return own;
        }
        return processingEnv.getElementUtils().getAllAnnotationMirrors(method.getEnclosingElement()).stream()
                .filter(m -> isType(m, COST_CEILING))
                .map(m -> (AnnotationMirror) m)
                .findFirst();
    }

    private RegisteredCapability.Ceilings ceilings(ExecutableElement method, AnnotationMirror mirror) {
        Values v = values(mirror);
        String where = where(method);
        Map<String, Ceiling> parsed = new HashMap<>();
        for (String limit : List.of("perCall", "perUser", "perTenant")) {
            String text = v.string(limit);
            if (text.isBlank()) {
                continue;
            }
            try {
                Ceiling c = Ceiling.parse(text);
                if (c.amount() == 0) {
                    error(
                            "@CostCeiling." + limit + " of " + where + " is '" + text + "', which admits no call;"
                                    + " remove the capability or raise the limit",
                            method,
                            mirror,
                            v.raw(limit));
                } else {
                    parsed.put(limit, c);
                }
            } catch (IllegalArgumentException e) {
                error("@CostCeiling." + limit + " of " + where + ": " + e.getMessage(), method, mirror, v.raw(limit));
            }
        }
        Set<String> currencies = new LinkedHashSet<>();
        parsed.values().stream().filter(c -> !c.isTokens()).forEach(c -> currencies.add(c.currency()));
        if (currencies.size() > 1) {
            error(
                    "@CostCeiling of " + where + " mixes currencies " + currencies
                            + "; money limits count in the one currency of steward.currency",
                    method,
                    mirror,
                    null);
        }
        String period = v.enumName("period");
        if ("CALL".equals(period) && (parsed.containsKey("perUser") || parsed.containsKey("perTenant"))) {
            error(
                    "@CostCeiling of " + where + " counts per user or per tenant over the CALL period, which never"
                            + " accumulates; use HOUR, DAY or MONTH",
                    method,
                    mirror,
                    v.raw("period"));
        }
        Ceiling perCall = parsed.get("perCall");
        for (String wider : List.of("perUser", "perTenant")) {
            Ceiling w = parsed.get(wider);
            if (perCall != null && w != null && sameUnit(perCall, w) && w.amount() < perCall.amount()) {
                processingEnv
                        .getMessager()
                        .printMessage(
                                Diagnostic.Kind.WARNING,
                                "@CostCeiling." + wider + " of " + where + " (" + w + ") is below perCall (" + perCall
                                        + "), so the per-call limit is never the one that refuses",
                                method,
                                mirror,
                                v.raw(wider));
            }
        }
        String onExceeded = v.enumName("onExceeded");
        String degradeRoute = blankToNull(v.string("degradeRoute"));
        if ("DEGRADE".equals(onExceeded) && degradeRoute == null) {
            error(
                    "@CostCeiling of " + where + " degrades on exceeding but names no degradeRoute",
                    method,
                    mirror,
                    v.raw("onExceeded"));
        }
        return new RegisteredCapability.Ceilings(
                blankToNull(v.string("perCall")),
                blankToNull(v.string("perUser")),
                blankToNull(v.string("perTenant")),
                period,
                onExceeded,
                degradeRoute);
    }

    private static boolean sameUnit(Ceiling a, Ceiling b) {
        return a.isTokens() ? b.isTokens() : a.currency().equals(b.currency());
    }

    private void write() {
        CapabilityRegister register = CapabilityRegister.of(capabilities);
        Element[] from = originating.toArray(Element[]::new);
        writeResource(CapabilityRegister.RESOURCE, register.toJson(), from);
        writeResource(CapabilityRegister.PAGE, register.toMarkdown(), from);
    }

    private void writeResource(String name, String text, Element[] from) {
        try {
            FileObject file = processingEnv.getFiler().createResource(StandardLocation.CLASS_OUTPUT, "", name, from);
            try (Writer out = new java.io.OutputStreamWriter(file.openOutputStream(), StandardCharsets.UTF_8)) {
                out.write(text);
            }
        } catch (IOException e) {
            processingEnv
                    .getMessager()
                    .printMessage(Diagnostic.Kind.ERROR, "cannot write " + name + ": " + e.getMessage());
        }
    }

    private Optional<AnnotationMirror> mirror(Element element, String annotation) {
        return element.getAnnotationMirrors().stream()
                .filter(m -> isType(m, annotation))
                .map(m -> (AnnotationMirror) m)
                .findFirst();
    }

    private static boolean isType(AnnotationMirror mirror, String annotation) {
        return ((TypeElement) mirror.getAnnotationType().asElement())
                .getQualifiedName()
                .contentEquals(annotation);
    }

    private Values values(AnnotationMirror mirror) {
        Map<String, AnnotationValue> byName = new HashMap<>();
        processingEnv
                .getElementUtils()
                .getElementValuesWithDefaults(mirror)
                .forEach((k, val) -> byName.put(k.getSimpleName().toString(), val));
        return new Values(byName);
    }

    private String where(ExecutableElement method) {
        TypeElement type = (TypeElement) method.getEnclosingElement();
        return processingEnv.getElementUtils().getBinaryName(type) + "#" + method.getSimpleName();
    }

    private void error(String message, Element element, AnnotationMirror mirror, AnnotationValue value) {
        report(Diagnostic.Kind.ERROR, message, element, mirror, value);
    }

    private void report(
            Diagnostic.Kind kind, String message, Element element, AnnotationMirror mirror, AnnotationValue value) {
        if (kind == Diagnostic.Kind.ERROR) {
            failed = true;
        }
        processingEnv.getMessager().printMessage(kind, message, element, mirror, value);
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s;
    }

    /** An annotation's values with defaults, by element name. */
    private record Values(Map<String, AnnotationValue> byName) {

        boolean has(String name) {
            return byName.containsKey(name);
        }

        AnnotationValue raw(String name) {
            return byName.get(name);
        }

        String string(String name) {
            AnnotationValue v = byName.get(name);
            return v == null ? "" : String.valueOf(v.getValue());
        }

        double decimal(String name) {
            return ((Number) byName.get(name).getValue()).doubleValue();
        }

        String enumName(String name) {
            return ((VariableElement) byName.get(name).getValue())
                    .getSimpleName()
                    .toString();
        }

        List<String> enumNames(String name) {
            return names(name);
        }

        // an array of enum constants, class literals or strings, by their simple names or text
        List<String> names(String name) {
            Object value = byName.get(name).getValue();
            List<?> items = value instanceof List<?> list ? list : List.of(byName.get(name));
            List<String> out = new ArrayList<>();
            for (Object item : items) {
                Object x = ((AnnotationValue) item).getValue();
                if (x instanceof VariableElement e) {
                    out.add(e.getSimpleName().toString());
                } else {
                    out.add(String.valueOf(x));
                }
            }
            return out;
        }
    }
}
