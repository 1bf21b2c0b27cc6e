package dev.steward.core;

import dev.steward.api.Answer;
import dev.steward.api.ConfigurationException;
import dev.steward.api.annotation.AiCapability;
import dev.steward.api.annotation.CostCeiling;
import dev.steward.api.annotation.DataClass;
import dev.steward.api.annotation.RequiresApproval;
import dev.steward.api.annotation.RiskTier;
import dev.steward.core.answer.AnswerType;
import java.lang.reflect.Method;
import java.lang.reflect.Parameter;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.Type;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * What a capability is, independent of how it was declared: from annotations on a method ({@link #fromMethod}) or
 * built in code ({@link #builder}). Immutable.
 */
public final class CapabilityDefinition {

    private static final Pattern NAME = Pattern.compile("[a-z0-9][a-z0-9-]*(\\.[a-z0-9][a-z0-9-]*)*");

    /**
     * The approval a capability requires.
     *
     * @param role the approver role
     * @param belowConfidence answers below this confidence need approval ({@link RequiresApproval#ALWAYS}: all)
     * @param expiry the ISO-8601 duration a request waits
     */
    public record Approval(String role, double belowConfidence, String expiry) {}

    /**
     * The cost ceiling a capability declares, as written; Steward parses and validates it when it composes the
     * capability.
     *
     * @param perCall the per-call limit, or empty
     * @param perUser the per-user limit, or empty
     * @param perTenant the per-tenant limit, or empty
     * @param period the period of user and tenant limits
     * @param onExceeded what to do when exceeded
     * @param degradeRoute the cheaper route for {@code DEGRADE}, or empty
     */
    public record Ceiling(
            String perCall,
            String perUser,
            String perTenant,
            CostCeiling.Period period,
            CostCeiling.OnExceeded onExceeded,
            String degradeRoute) {}

    private final String name;
    private final String source;
    private final String promptId;
    private final String promptVersion;
    private final String route;
    private final RiskTier risk;
    private final Set<DataClass> dataClasses;
    private final String fallback;
    private final List<String> parameterNames;
    private final Approval approval;
    private final Ceiling ceiling;
    private final AnswerType answerType;
    private final List<String> tools;

    private CapabilityDefinition(Builder b) {
        this.name = b.name;
        this.source = b.source;
        this.promptId = b.promptId == null || b.promptId.isEmpty() ? b.name : b.promptId;
        this.promptVersion = b.promptVersion == null || b.promptVersion.isEmpty() ? null : b.promptVersion;
        this.route = b.route;
        this.risk = b.risk;
        this.dataClasses = Set.copyOf(b.dataClasses);
        this.fallback = b.fallback == null || b.fallback.isEmpty() ? null : b.fallback;
        this.parameterNames = List.copyOf(b.parameterNames);
        this.approval = b.approval;
        this.ceiling = b.ceiling;
        this.answerType = b.answerType;
        this.tools = List.copyOf(b.tools);
    }

    /**
     * Starts a definition.
     *
     * @param name the capability's dotted name
     * @return a builder
     */
    public static Builder builder(String name) {
        return new Builder(name);
    }

    /**
     * Reads a method's {@link AiCapability}, {@link RequiresApproval} and {@link CostCeiling} (a class-level ceiling
     * applies when the method has none). Parameter names come from the class file (compile with
     * {@code -parameters}).
     *
     * @param method the annotated method
     * @return the definition
     * @throws ConfigurationException naming {@code Class#method} if the method is not annotated, its parameter names
     *     are not compiled in while the method has parameters, or its fallback method does not exist with the same
     *     parameter types and a return type of the same answer type (a {@code String} fallback may serve an
     *     {@code Answer} method, a {@code T} fallback an {@code Answer<T>} one), or its return type cannot be mapped
     *     to a typed answer (see {@link AnswerType})
     */
    public static CapabilityDefinition fromMethod(Method method) {
        String source = method.getDeclaringClass().getName() + "#" + method.getName();
        AiCapability cap = method.getAnnotation(AiCapability.class);
        if (cap == null) {
            throw new ConfigurationException(source, "is not annotated with @AiCapability");
        }
        List<String> names =
                Arrays.stream(method.getParameters()).map(Parameter::getName).toList();
        if (Arrays.stream(method.getParameters()).anyMatch(p -> !p.isNamePresent())) {
            throw new ConfigurationException(
                    source,
                    "parameter names are not in the class file, so prompt variables cannot be bound; compile with"
                            + " -parameters (maven-compiler-plugin <parameters>true</parameters>)");
        }
        AnswerType answerType = AnswerType.ofReturnType(method.getGenericReturnType(), source);
        if (!cap.fallback().isEmpty()) {
            checkFallback(method, source, cap.fallback(), answerType);
        }
        Builder b = builder(cap.value())
                .source(source)
                .answerType(answerType)
                .tools(List.of(cap.tools()))
                .prompt(cap.prompt(), cap.promptVersion())
                .route(cap.route())
                .risk(cap.risk())
                .dataClasses(Set.of(cap.dataClasses()))
                .fallback(cap.fallback())
                .parameterNames(names);
        RequiresApproval approval = method.getAnnotation(RequiresApproval.class);
        if (approval != null) {
            b.approval(new Approval(approval.role(), approval.belowConfidence(), approval.expiry()));
        }
        CostCeiling ceiling = method.getAnnotation(CostCeiling.class);
        if (ceiling == null) {
            ceiling = method.getDeclaringClass().getAnnotation(CostCeiling.class);
        }
        if (ceiling != null) {
            b.ceiling(new Ceiling(
                    ceiling.perCall(),
                    ceiling.perUser(),
                    ceiling.perTenant(),
                    ceiling.period(),
                    ceiling.onExceeded(),
                    ceiling.degradeRoute()));
        }
        return b.build();
    }

    private static void checkFallback(Method method, String source, String fallbackName, AnswerType answerType) {
        Method fallback;
        try {
            fallback = method.getDeclaringClass().getDeclaredMethod(fallbackName, method.getParameterTypes());
        } catch (NoSuchMethodException e) {
            throw new ConfigurationException(
                    source + " fallback",
                    "no method " + fallbackName + "("
                            + Arrays.stream(method.getParameterTypes())
                                    .map(Class::getName)
                                    .collect(java.util.stream.Collectors.joining(", "))
                            + ") on " + method.getDeclaringClass().getName()
                            + "; a fallback takes the same parameters as the capability method");
        }
        Type returned = fallback.getGenericReturnType();
        if (returned instanceof ParameterizedType p && p.getRawType() == Answer.class) {
            returned = p.getActualTypeArguments()[0];
        } else if (returned == Answer.class) {
            returned = String.class;
        }
        if (!returned.equals(answerType.type())) {
            throw new ConfigurationException(
                    source + " fallback",
                    "fallback " + fallbackName + " returns "
                            + fallback.getGenericReturnType().getTypeName() + " but the capability method answers "
                            + answerType.type().getTypeName() + "; a fallback returns the same type (or an Answer of"
                            + " it)");
        }
    }

    /**
     * The capability's dotted name.
     *
     * @return the name
     */
    public String name() {
        return name;
    }

    /**
     * Where it was declared, {@code Class#method}, for error messages and audit.
     *
     * @return the source
     */
    public String source() {
        return source;
    }

    /**
     * The prompt id.
     *
     * @return the id, the name unless set
     */
    public String promptId() {
        return promptId;
    }

    /**
     * The version the declaration pins.
     *
     * @return the version, or {@code null} when configuration or "latest" decides
     */
    public String promptVersion() {
        return promptVersion;
    }

    /**
     * The route name.
     *
     * @return the route
     */
    public String route() {
        return route;
    }

    /**
     * The risk tier.
     *
     * @return the tier
     */
    public RiskTier risk() {
        return risk;
    }

    /**
     * The data classes handled.
     *
     * @return the classes
     */
    public Set<DataClass> dataClasses() {
        return dataClasses;
    }

    /**
     * The fallback method's name.
     *
     * @return the name, or {@code null} when there is none
     */
    public String fallback() {
        return fallback;
    }

    /**
     * The parameter names prompt variables bind to, in order.
     *
     * @return the names
     */
    public List<String> parameterNames() {
        return parameterNames;
    }

    /**
     * The approval required.
     *
     * @return the approval, or {@code null} when none is
     */
    public Approval approval() {
        return approval;
    }

    /**
     * The declared cost ceiling.
     *
     * @return the ceiling, or {@code null} when none is declared
     */
    public Ceiling ceiling() {
        return ceiling;
    }

    /**
     * What the capability answers: text, or a value of a Java type.
     *
     * @return the answer type
     */
    public AnswerType answerType() {
        return answerType;
    }

    /**
     * The names of the tools the model may ask to call.
     *
     * @return the names; empty for none
     */
    public List<String> tools() {
        return tools;
    }

    @Override
    public String toString() {
        return name + " (" + source + ")";
    }

    /** Builds a definition; {@link #build()} validates it. */
    public static final class Builder {
        private final String name;
        private String source;
        private String promptId;
        private String promptVersion;
        private String route = "default";
        private RiskTier risk = RiskTier.LOW;
        private Set<DataClass> dataClasses = Set.of();
        private String fallback;
        private List<String> parameterNames = List.of();
        private Approval approval;
        private Ceiling ceiling;
        private AnswerType answerType = AnswerType.text();
        private List<String> tools = List.of();

        private Builder(String name) {
            this.name = Objects.requireNonNull(name, "name");
            this.source = name;
        }

        /**
         * Sets where it was declared.
         *
         * @param source for example {@code Class#method}
         * @return this builder
         */
        public Builder source(String source) {
            this.source = Objects.requireNonNull(source, "source");
            return this;
        }

        /**
         * Sets the prompt.
         *
         * @param id the prompt id, empty for the capability name
         * @param version the pinned version, empty for none
         * @return this builder
         */
        public Builder prompt(String id, String version) {
            this.promptId = id;
            this.promptVersion = version;
            return this;
        }

        /**
         * Sets the route.
         *
         * @param route the route name
         * @return this builder
         */
        public Builder route(String route) {
            this.route = Objects.requireNonNull(route, "route");
            return this;
        }

        /**
         * Sets the risk tier.
         *
         * @param risk the tier
         * @return this builder
         */
        public Builder risk(RiskTier risk) {
            this.risk = Objects.requireNonNull(risk, "risk");
            return this;
        }

        /**
         * Sets the data classes.
         *
         * @param dataClasses the classes
         * @return this builder
         */
        public Builder dataClasses(Set<DataClass> dataClasses) {
            this.dataClasses = dataClasses;
            return this;
        }

        /**
         * Names the fallback.
         *
         * @param fallback the fallback method's name, empty for none
         * @return this builder
         */
        public Builder fallback(String fallback) {
            this.fallback = fallback;
            return this;
        }

        /**
         * Sets the parameter names.
         *
         * @param names the names, in order
         * @return this builder
         */
        public Builder parameterNames(List<String> names) {
            this.parameterNames = names;
            return this;
        }

        /**
         * Requires approval.
         *
         * @param approval the approval
         * @return this builder
         */
        public Builder approval(Approval approval) {
            this.approval = approval;
            return this;
        }

        /**
         * Declares a cost ceiling.
         *
         * @param ceiling the ceiling
         * @return this builder
         */
        public Builder ceiling(Ceiling ceiling) {
            this.ceiling = ceiling;
            return this;
        }

        /**
         * Sets what the capability answers (default: text).
         *
         * @param answerType the answer type, from {@link AnswerType#of}
         * @return this builder
         */
        public Builder answerType(AnswerType answerType) {
            this.answerType = Objects.requireNonNull(answerType, "answerType");
            return this;
        }

        /**
         * Offers tools to the model, by the names they were registered with ({@link Steward.Builder#tool}).
         *
         * @param names the tool names
         * @return this builder
         */
        public Builder tools(List<String> names) {
            this.tools = List.copyOf(names);
            return this;
        }

        /**
         * Builds the definition.
         *
         * @return the definition
         * @throws ConfigurationException naming the source if the name is not dotted lower-case segments
         */
        public CapabilityDefinition build() {
            if (!NAME.matcher(name).matches()) {
                throw new ConfigurationException(
                        source,
                        "capability name '" + name + "' must be dot-separated segments of lower-case letters, digits"
                                + " and '-', such as claims.summarize");
            }
            return new CapabilityDefinition(this);
        }
    }
}
