package dev.steward.eval;

import dev.steward.api.Answer;
import dev.steward.api.CallerContext;
import dev.steward.api.ConfigurationException;
import dev.steward.api.PromptTemplate;
import dev.steward.api.StewardException;
import dev.steward.api.spi.InferenceProvider;
import dev.steward.api.spi.InferenceProviderFactory;
import dev.steward.api.spi.PromptRegistry;
import dev.steward.core.CapabilityDefinition;
import dev.steward.core.GovernedCapability;
import dev.steward.core.Steward;
import dev.steward.core.config.ConfigKeys;
import dev.steward.core.config.ConfigReader;
import dev.steward.core.config.ConfigValues;
import dev.steward.core.prompt.ClasspathPromptRegistry;
import dev.steward.core.prompt.CompiledTemplate;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The eval gate of a prompt: runs a candidate version and the pinned (current) version of a capability's prompt over
 * the prompt's {@link EvalSet}, through the real pipeline and the providers the configuration names, scores each
 * answer with its row's {@link Expectation}, writes an {@link EvalReport} as JSON to the report folder, and fails the
 * candidate when its pass rate is below the baseline's by more than the tolerance, or below the absolute bar.
 *
 * <p>Of the configuration it keeps what decides the answer: the capability's route and the providers it lists (every
 * {@code steward.provider.*} when the route is not configured), {@code steward.price.*}, {@code steward.currency}, {@code steward.prompt.location},
 * {@code steward.default.max-output-tokens} and the capability's {@code route}, {@code max-output-tokens} and
 * {@code prompt.version} (the baseline); stores, ceilings, roles and canaries are governance, not quality, and are
 * left out (audit and budgets stay in memory). Not thread-safe; one run at a time.
 */
public final class EvalGate {

    /** Where reports go unless configured otherwise, relative to the working directory (the module under Maven). */
    public static final Path DEFAULT_REPORT_DIRECTORY = Path.of("target", "steward-evals");

    private static final CallerContext EVALUATOR = new CallerContext("steward-eval", Set.of(), null, "steward-eval");

    private final Builder b;

    private EvalGate(Builder b) {
        this.b = b;
    }

    /**
     * Starts configuring a gate.
     *
     * @param capability the capability whose prompt is evaluated
     * @return a builder
     */
    public static Builder builder(String capability) {
        return new Builder(capability);
    }

    /**
     * Runs both versions over the eval set, writes the report and returns it; {@link EvalReport#assertPassed()} fails
     * a regressing candidate.
     *
     * @return the report
     * @throws ConfigurationException if the configuration is invalid or a version does not exist
     * @throws IllegalArgumentException if the eval set is malformed or a row does not bind a variable the prompt uses
     * @throws UncheckedIOException if the report cannot be written
     */
    public EvalReport run() {
        ClassLoader loader =
                b.classLoader != null ? b.classLoader : Thread.currentThread().getContextClassLoader();
        String promptId = b.prompt != null ? b.prompt : b.capability;
        EvalSet set = EvalSet.load(loader, promptId);
        ConfigReader source = new ConfigReader(b.config);
        String p = "steward.capability." + b.capability + ".";
        PromptRegistry registry = b.registry != null
                ? b.registry
                : new ClasspathPromptRegistry(
                        loader,
                        source.string(ConfigKeys.PROMPT_LOCATION).orElse(ClasspathPromptRegistry.DEFAULT_LOCATION));

        String candidate = Objects.requireNonNull(b.candidate, "candidate version");
        String baseline = b.baseline != null
                ? b.baseline
                : source.string(p + "prompt.version").orElseGet(() -> {
                    List<String> others = new ArrayList<>(registry.versions(promptId));
                    others.remove(candidate);
                    // a prompt's first version has nothing to compare with: it meets the absolute bar alone
                    return others.isEmpty() ? candidate : others.get(others.size() - 1);
                });

        List<String> parameters = new ArrayList<>(new TreeSet<>(
                set.rows().stream().flatMap(r -> r.inputs().keySet().stream()).toList()));
        PromptTemplate candidateText = template(registry, promptId, candidate);
        PromptTemplate baselineText = template(registry, promptId, baseline);
        Set<String> variables = new TreeSet<>();
        variables.addAll(compile(candidateText, parameters).variables());
        variables.addAll(compile(baselineText, parameters).variables());
        for (EvalSet.Row row : set.rows()) {
            for (String v : variables) {
                if (!row.inputs().containsKey(v)) {
                    throw new IllegalArgumentException("eval row '" + row.id() + "' of prompt '" + promptId
                            + "' binds no value for {{" + v + "}}");
                }
            }
        }

        String route = source.string(p + "route").orElse(b.route);
        Map<String, String> live = new ConcurrentHashMap<>(kept(b.config, p, route));
        live.put(ConfigKeys.AUDIT_SINK, "memory");
        List<Outcome> baselineOutcomes;
        List<Outcome> candidateOutcomes;
        Steward.Builder sb =
                Steward.builder().config(overlay(live)).classLoader(loader).promptRegistry(registry);
        b.providers.forEach(sb::provider);
        b.factories.forEach(sb::providerFactory);
        try (Steward steward = sb.build()) {
            live.put(p + "prompt.version", baseline);
            GovernedCapability governed = steward.capability(CapabilityDefinition.builder(b.capability)
                    .source(EvalGate.class.getName() + "#" + promptId)
                    .prompt(promptId, "")
                    .route(route)
                    .parameterNames(parameters)
                    .build());
            baselineOutcomes = runAll(governed, set, parameters);
            live.put(p + "prompt.version", candidate);
            candidateOutcomes = runAll(governed, set, parameters);
        } catch (StewardException | IllegalArgumentException e) {
            throw e;
        } catch (Exception e) {
            throw new IllegalStateException("closing the eval pipeline failed", e);
        }

        EvalReport.VersionResult base = result(baselineText, baselineOutcomes);
        EvalReport.VersionResult cand = result(candidateText, candidateOutcomes);
        List<String> reasons = new ArrayList<>();
        if (cand.passRate() < base.passRate() - b.tolerance - 1e-9) {
            reasons.add(String.format(
                    java.util.Locale.ROOT,
                    "pass rate %.3f is below version %s's %.3f by more than the tolerance %.3f",
                    cand.passRate(),
                    base.version(),
                    base.passRate(),
                    b.tolerance));
        }
        if (cand.passRate() < b.minimumPassRate - 1e-9) {
            reasons.add(String.format(
                    java.util.Locale.ROOT, "pass rate %.3f is below the bar %.3f", cand.passRate(), b.minimumPassRate));
        }
        List<EvalReport.RowResult> rows = new ArrayList<>();
        for (int i = 0; i < set.rows().size(); i++) {
            Outcome bo = baselineOutcomes.get(i);
            Outcome co = candidateOutcomes.get(i);
            rows.add(new EvalReport.RowResult(
                    set.rows().get(i).id(),
                    set.rows().get(i).expect().kind(),
                    bo.answer(),
                    bo.verdict().passed(),
                    co.answer(),
                    co.verdict().passed(),
                    co.verdict().reason()));
        }
        EvalReport report = new EvalReport(
                promptId, b.capability, cand, base, b.tolerance, b.minimumPassRate, reasons.isEmpty(), reasons, rows);
        write(report);
        return report;
    }

    private record Outcome(String answer, Expectation.Verdict verdict) {}

    private static List<Outcome> runAll(GovernedCapability governed, EvalSet set, List<String> parameters) {
        List<Outcome> out = new ArrayList<>();
        for (EvalSet.Row row : set.rows()) {
            Object[] args = parameters.stream().map(row.inputs()::get).toArray();
            try {
                Answer answer = governed.answer(EVALUATOR, args, null);
                out.add(new Outcome(answer.text(), row.expect().score(answer.text())));
            } catch (StewardException e) {
                // a refused or failed call is a failed row, not a broken gate: the version may be what breaks it
                String failure = e.getClass().getSimpleName() + ": " + e.getMessage();
                out.add(new Outcome(failure, Expectation.Verdict.fail(failure)));
            }
        }
        return out;
    }

    private static EvalReport.VersionResult result(PromptTemplate version, List<Outcome> outcomes) {
        int passed = (int) outcomes.stream().filter(o -> o.verdict().passed()).count();
        return new EvalReport.VersionResult(
                version.version(), version.contentHash(), passed, outcomes.size(), (double) passed / outcomes.size());
    }

    private static PromptTemplate template(PromptRegistry registry, String id, String version) {
        return registry.find(id, version)
                .orElseThrow(() -> new ConfigurationException(
                        "prompt " + id + "/" + version,
                        "the registry has no such version; it lists " + registry.versions(id)));
    }

    private static CompiledTemplate compile(PromptTemplate t, List<String> parameters) {
        try {
            return CompiledTemplate.compile(t, parameters);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(e.getMessage() + " (the eval rows' inputs)", e);
        }
    }

    // Only the capability's route and its providers: the application's other routes may name providers that only
    // its container creates.
    private static Map<String, String> kept(ConfigValues values, String capabilityPrefix, String route) {
        Map<String, String> kept = new HashMap<>();
        Set<String> global =
                Set.of(ConfigKeys.CURRENCY, ConfigKeys.PROMPT_LOCATION, ConfigKeys.DEFAULT_MAX_OUTPUT_TOKENS);
        String routeKey = "steward.route." + route + ".providers";
        Optional<List<String>> providers = values.get(routeKey)
                .map(v -> java.util.Arrays.stream(v.split(","))
                        .map(String::trim)
                        .filter(n -> !n.isEmpty())
                        .toList());
        for (String key : values.keys()) {
            boolean provider = key.startsWith("steward.provider.")
                    && providers
                            .map(names -> names.stream().anyMatch(n -> key.startsWith("steward.provider." + n + ".")))
                            .orElse(true);
            boolean keep = provider
                    || key.equals(routeKey)
                    || key.startsWith("steward.price.")
                    || global.contains(key)
                    || key.equals(capabilityPrefix + "max-output-tokens");
            if (keep) {
                values.get(key).ifPresent(v -> kept.put(key, v));
            }
        }
        return kept;
    }

    // read per call by the pipeline, so the pin switches from baseline to candidate without rebuilding it
    private static ConfigValues overlay(Map<String, String> live) {
        return new ConfigValues() {
            @Override
            public Optional<String> get(String key) {
                return Optional.ofNullable(live.get(key));
            }

            @Override
            public Iterable<String> keys() {
                return List.copyOf(live.keySet());
            }
        };
    }

    /**
     * Where {@link #run()} writes a report: {@code <report directory>/<prompt>-<candidate>-vs-<baseline>.json}.
     *
     * @param report a report of this gate
     * @return the file
     */
    Path reportFile(EvalReport report) {
        return b.reportDirectory.resolve(report.prompt() + "-"
                + report.candidate().version() + "-vs-" + report.baseline().version() + ".json");
    }

    private void write(EvalReport report) {
        Path dir = b.reportDirectory;
        Path file = reportFile(report);
        try {
            Files.createDirectories(dir);
            Files.writeString(file, report.toJson(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the eval report " + file, e);
        }
    }

    /** Configures an {@link EvalGate}; not thread-safe. */
    public static final class Builder {
        private final String capability;
        private String prompt;
        private String candidate;
        private String baseline;
        private String route = "default";
        private ConfigValues config = ConfigValues.of(Map.of());
        private ClassLoader classLoader;
        private PromptRegistry registry;
        private final List<InferenceProvider> providers = new ArrayList<>();
        private final List<InferenceProviderFactory> factories = new ArrayList<>();
        private double tolerance;
        private double minimumPassRate;
        private Path reportDirectory = DEFAULT_REPORT_DIRECTORY;

        private Builder(String capability) {
            this.capability = Objects.requireNonNull(capability, "capability");
        }

        /**
         * The prompt id, when it is not the capability's name.
         *
         * @param id the prompt id
         * @return this builder
         */
        public Builder prompt(String id) {
            this.prompt = id;
            return this;
        }

        /**
         * The version under test.
         *
         * @param version the candidate version
         * @return this builder
         */
        public Builder candidate(String version) {
            this.candidate = version;
            return this;
        }

        /**
         * The version to compare with; by default the configured pin
         * ({@code steward.capability.<name>.prompt.version}), else the latest listed version other than the
         * candidate, else (the candidate is the only version) the candidate itself, which then meets only the
         * absolute bar.
         *
         * @param version the baseline version
         * @return this builder
         */
        public Builder baseline(String version) {
            this.baseline = version;
            return this;
        }

        /**
         * The route that answers when the configuration sets none for the capability; default {@code default}.
         *
         * @param route the route name
         * @return this builder
         */
        public Builder route(String route) {
            this.route = Objects.requireNonNull(route, "route");
            return this;
        }

        /**
         * The application's configuration: its providers, routes and pin.
         *
         * @param values the configuration
         * @return this builder
         */
        public Builder config(ConfigValues values) {
            this.config = Objects.requireNonNull(values, "values");
            return this;
        }

        /**
         * The class loader of prompts, eval sets and provider factories; default the thread's.
         *
         * @param loader the class loader
         * @return this builder
         */
        public Builder classLoader(ClassLoader loader) {
            this.classLoader = loader;
            return this;
        }

        /**
         * A prompt registry other than the classpath one.
         *
         * @param registry the registry
         * @return this builder
         */
        public Builder promptRegistry(PromptRegistry registry) {
            this.registry = registry;
            return this;
        }

        /**
         * An in-process provider, in addition to those the configuration creates.
         *
         * @param provider the provider
         * @return this builder
         */
        public Builder provider(InferenceProvider provider) {
            providers.add(Objects.requireNonNull(provider, "provider"));
            return this;
        }

        /**
         * A provider factory, in addition to those found by {@link java.util.ServiceLoader}.
         *
         * @param factory the factory
         * @return this builder
         */
        public Builder providerFactory(InferenceProviderFactory factory) {
            factories.add(Objects.requireNonNull(factory, "factory"));
            return this;
        }

        /**
         * How far below the baseline's pass rate the candidate's may fall; default 0.
         *
         * @param tolerance a share in [0, 1]
         * @return this builder
         * @throws IllegalArgumentException if outside [0, 1]
         */
        public Builder tolerance(double tolerance) {
            this.tolerance = share("tolerance", tolerance);
            return this;
        }

        /**
         * The pass rate the candidate must reach whatever the baseline's; default 0.
         *
         * @param rate a share in [0, 1]
         * @return this builder
         * @throws IllegalArgumentException if outside [0, 1]
         */
        public Builder minimumPassRate(double rate) {
            this.minimumPassRate = share("minimumPassRate", rate);
            return this;
        }

        /**
         * Where the JSON report goes; default {@code target/steward-evals}.
         *
         * @param dir the folder
         * @return this builder
         */
        public Builder reportDirectory(Path dir) {
            this.reportDirectory = Objects.requireNonNull(dir, "dir");
            return this;
        }

        /**
         * Builds the gate.
         *
         * @return the gate
         * @throws IllegalStateException if no candidate version is set
         */
        public EvalGate build() {
            if (candidate == null || candidate.isBlank()) {
                throw new IllegalStateException("set the candidate version to evaluate");
            }
            return new EvalGate(this);
        }

        private static double share(String name, double v) {
            if (!(v >= 0 && v <= 1)) {
                throw new IllegalArgumentException(name + " must be in [0, 1], was " + v);
            }
            return v;
        }
    }
}
