package dev.steward.core.spi;

import dev.steward.api.spi.Redactor;
import dev.steward.core.config.ConfigValues;
import java.util.List;

/**
 * Creates the redactors a deployment configured (patterns, deny-lists, chosen detectors), for the parts of Steward
 * that redact text outside the pipeline's input, such as captures of {@code steward.capability.<name>.capture=redacted}.
 * Found with {@link java.util.ServiceLoader} when the builder discovers extensions; {@link #create} runs once while the
 * Steward instance is built, and only when a capability needs redaction, so a bad setting fails startup.
 */
public interface RedactorFactory {

    /**
     * Creates the redactors for one Steward instance.
     *
     * @param config the instance's configuration
     * @return the redactors, possibly none
     * @throws dev.steward.api.ConfigurationException naming the key of a bad setting
     */
    List<Redactor> create(ConfigValues config);
}
