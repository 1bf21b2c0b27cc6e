package dev.steward.guard;

import dev.steward.api.ConfigurationException;
import dev.steward.core.config.ConfigKeys;
import dev.steward.core.config.ConfigValues;
import dev.steward.guard.injection.InjectionModel;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The injection guard's action and threshold, deployment-wide and per capability
 * ({@code steward.capability.<name>.injection.action} and {@code .threshold}). Read and checked once at startup.
 * Immutable.
 */
final class InjectionSettings {

    /** What the guard does with an input that scores at or above the threshold. */
    enum Action {
        /** Nothing: the input is not scored. */
        OFF,
        /** The score goes into the audit record; the call goes on. */
        FLAG,
        /** The call is refused with {@link dev.steward.api.InjectionSuspectedException}. */
        BLOCK,
        /** The answer is held for approval. */
        REQUIRE_APPROVAL
    }

    /**
     * The default threshold: the injection model's operating point, chosen by cross-validation on the training rows
     * of the development set (out-of-fold false-positive rate at most 4 %) and placed at this value by the training;
     * the held-out set was measured at it.
     */
    static final double DEFAULT_THRESHOLD = InjectionModel.OPERATING_POINT;

    private static final String CAPABILITY = "steward.capability.";
    private final Action defaultAction;
    private final double defaultThreshold;
    private final Map<String, Action> actions;
    private final Map<String, Double> thresholds;

    private InjectionSettings(
            Action defaultAction,
            double defaultThreshold,
            Map<String, Action> actions,
            Map<String, Double> thresholds) {
        this.defaultAction = defaultAction;
        this.defaultThreshold = defaultThreshold;
        this.actions = Map.copyOf(actions);
        this.thresholds = Map.copyOf(thresholds);
    }

    static InjectionSettings read(ConfigValues config) {
        Action defaultAction = config.get(ConfigKeys.GUARD_INJECTION_ACTION)
                .map(v -> action(ConfigKeys.GUARD_INJECTION_ACTION, v))
                .orElse(Action.FLAG);
        double defaultThreshold =
                threshold(ConfigKeys.GUARD_INJECTION_THRESHOLD, config).orElse(DEFAULT_THRESHOLD);
        Map<String, Action> actions = new HashMap<>();
        Map<String, Double> thresholds = new HashMap<>();
        for (String key : config.keys()) {
            if (!key.startsWith(CAPABILITY)) {
                continue;
            }
            if (key.endsWith(".injection.action")) {
                String name = key.substring(CAPABILITY.length(), key.length() - ".injection.action".length());
                actions.put(name, action(key, config.get(key).orElse("")));
            } else if (key.endsWith(".injection.threshold")) {
                String name = key.substring(CAPABILITY.length(), key.length() - ".injection.threshold".length());
                thresholds.put(name, threshold(key, config).orElseThrow());
            }
        }
        return new InjectionSettings(defaultAction, defaultThreshold, actions, thresholds);
    }

    boolean anyOn() {
        return defaultAction != Action.OFF || actions.values().stream().anyMatch(a -> a != Action.OFF);
    }

    Action action(String capability) {
        return actions.getOrDefault(capability, defaultAction);
    }

    double threshold(String capability) {
        return thresholds.getOrDefault(capability, defaultThreshold);
    }

    private static Action action(String key, String value) {
        try {
            return Action.valueOf(value.strip().toUpperCase(Locale.ROOT).replace('-', '_'));
        } catch (IllegalArgumentException e) {
            throw new ConfigurationException(
                    key, "must be one of block, flag, require-approval, off; was '" + value + "'", e);
        }
    }

    private static Optional<Double> threshold(String key, ConfigValues config) {
        Optional<String> v = config.get(key);
        if (v.isEmpty()) {
            return Optional.empty();
        }
        try {
            double t = Double.parseDouble(v.get().strip());
            if (t >= 0 && t <= 1) {
                return Optional.of(t);
            }
        } catch (NumberFormatException e) {
            // reported below with the valid range
        }
        throw new ConfigurationException(key, "must be a number in [0, 1], was '" + v.get() + "'");
    }
}
