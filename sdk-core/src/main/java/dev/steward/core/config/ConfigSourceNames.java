package dev.steward.core.config;

import java.util.Set;
import java.util.TreeSet;

/**
 * What an integration's configuration adapter lists for Steward's key checks, from the property names of its
 * sources: the {@code steward.*} keys of the ordinary sources, and the {@code STEWARD_*} variables of the environment
 * sources. One rule for every integration, so that Jakarta EE and Spring check the same keys.
 */
public final class ConfigSourceNames {

    private ConfigSourceNames() {}

    /**
     * The {@code steward.*} keys among the property names of ordinary (not environment) sources, sorted.
     *
     * @param sources each source's property names
     * @return the keys
     */
    public static Set<String> stewardKeys(Iterable<? extends Iterable<String>> sources) {
        Set<String> keys = new TreeSet<>();
        for (Iterable<String> names : sources) {
            for (String name : names) {
                if (name.startsWith(ConfigKeys.PREFIX)) {
                    keys.add(name);
                }
            }
        }
        return keys;
    }

    /**
     * The {@code STEWARD_*} variables among the property names of environment sources, spelt as variables (a source
     * that reports {@code steward.audit.sink} gives {@code STEWARD_AUDIT_SINK}), sorted.
     *
     * @param sources each environment source's property names
     * @return the variables
     */
    public static Set<String> stewardVariables(Iterable<? extends Iterable<String>> sources) {
        Set<String> variables = new TreeSet<>();
        for (Iterable<String> names : sources) {
            for (String name : names) {
                String variable = ConfigKeys.environmentName(name);
                if (variable.startsWith(EnvironmentKeys.PREFIX)) {
                    variables.add(variable);
                }
            }
        }
        return variables;
    }
}
