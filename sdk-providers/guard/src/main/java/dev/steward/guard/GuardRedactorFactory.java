package dev.steward.guard;

import dev.steward.api.spi.Redactor;
import dev.steward.core.config.ConfigValues;
import dev.steward.core.spi.RedactorFactory;
import java.util.List;

/**
 * Offers the guard's configured redactors (the detectors of {@code steward.guard.redaction.detectors}, the
 * deployment's patterns and deny-lists) to the rest of Steward, so that a capability's {@code capture=redacted}
 * redacts what the guard redacts. Found with {@link java.util.ServiceLoader}.
 */
public final class GuardRedactorFactory implements RedactorFactory {

    /** Creates the factory; {@link java.util.ServiceLoader} calls it. */
    public GuardRedactorFactory() {}

    @Override
    public List<Redactor> create(ConfigValues config) {
        return GuardInterceptorFactory.redaction(config).redactors();
    }
}
