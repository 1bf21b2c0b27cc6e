package dev.steward.core.internal;

import dev.steward.api.ConfigurationException;
import dev.steward.api.PromptNotFoundException;
import dev.steward.api.PromptTemplate;
import dev.steward.api.spi.PromptRegistry;
import dev.steward.core.config.ConfigReader;
import dev.steward.core.prompt.CompiledTemplate;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Chooses the prompt version for the call (the input stage renders it). Precedence, read per call so it changes live: the pin in
 * {@code steward.capability.<name>.prompt.version}; else the canary version for
 * {@code prompt.canary.percent} of calls; else the version the declaration pins; else the latest at startup.
 */
final class PromptStage implements Stage {

    private final String capability;
    private final String promptId;
    private final String defaultVersion;
    private final List<String> parameterNames;
    private final PromptRegistry registry;
    private final ConfigReader config;
    private final String pinKey;
    private final String canaryVersionKey;
    private final String canaryPercentKey;
    private final ConcurrentHashMap<String, CompiledTemplate> compiled = new ConcurrentHashMap<>();
    private final Stage next;

    PromptStage(
            String capability,
            String promptId,
            String defaultVersion,
            List<String> parameterNames,
            PromptRegistry registry,
            ConfigReader config,
            Stage next) {
        this.capability = capability;
        this.promptId = promptId;
        this.defaultVersion = defaultVersion;
        this.parameterNames = parameterNames;
        this.registry = registry;
        this.config = config;
        String p = "steward.capability." + capability + ".prompt.";
        this.pinKey = p + "version";
        this.canaryVersionKey = p + "canary.version";
        this.canaryPercentKey = p + "canary.percent";
        this.next = next;
    }

    /**
     * Compiles a version ahead of the first call, so a missing prompt or a bad variable fails at startup.
     *
     * @param version the version
     * @param key the configuration key or source that named it, for the error message
     */
    void precompile(String version, String key) {
        try {
            template(version);
        } catch (PromptNotFoundException | IllegalArgumentException e) {
            throw new ConfigurationException(key, e.getMessage(), e);
        }
    }

    @Override
    public String invoke(Invocation call) throws InterruptedException {
        // a resumed conversation goes on with the version it was rendered from
        call.template = template(call.resumed != null ? call.resumed.promptVersion() : chooseVersion());
        return next.invoke(call);
    }

    String chooseVersion() {
        Optional<String> pin = config.string(pinKey);
        if (pin.isPresent()) {
            return pin.get();
        }
        Optional<String> canary = config.string(canaryVersionKey);
        if (canary.isPresent()) {
            double percent = config.decimal(canaryPercentKey, 0, 0, 100);
            if (ThreadLocalRandom.current().nextDouble(100) < percent) {
                return canary.get();
            }
        }
        return defaultVersion;
    }

    private CompiledTemplate template(String version) {
        CompiledTemplate t = compiled.get(version);
        if (t != null) {
            return t;
        }
        PromptTemplate prompt = registry.find(promptId, version)
                .orElseThrow(() -> new PromptNotFoundException(
                        capability,
                        promptId,
                        version,
                        "prompt '" + promptId + "' has no version '" + version + "'; the registry holds "
                                + registry.versions(promptId)));
        return compiled.computeIfAbsent(version, v -> CompiledTemplate.compile(prompt, parameterNames));
    }
}
