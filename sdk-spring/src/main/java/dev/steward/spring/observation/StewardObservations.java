package dev.steward.spring.observation;

import dev.steward.api.AuditRecord;
import dev.steward.api.InferenceResponse;
import dev.steward.core.spi.AttemptContext;
import dev.steward.core.spi.CallContext;
import dev.steward.core.spi.StewardObserver;
import io.micrometer.common.KeyValue;
import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationRegistry;

/**
 * Reports every governed call as the observation {@value #CALL} and every provider attempt inside it as
 * {@value #ATTEMPT}, so that the application's meter registry gets timers and, with a tracing bridge, each call
 * becomes a span with a child span per attempt. The names and tags, in one place:
 *
 * <ul>
 *   <li>{@value #CALL}: low cardinality {@code steward.capability}, {@code steward.route}, {@code steward.outcome}
 *       (the audit outcome, {@code SUCCEEDED}, {@code DENIED}, …); high cardinality {@code steward.principal},
 *       {@code steward.tenant}, {@code steward.prompt.version};
 *   <li>{@value #ATTEMPT}: low cardinality {@code steward.capability}, {@code gen_ai.provider.name} (the provider),
 *       {@code gen_ai.operation.name} ({@code chat}); high cardinality {@code steward.attempt} (its number),
 *       {@code gen_ai.response.model}, {@code gen_ai.usage.input_tokens}, {@code gen_ai.usage.output_tokens}.
 * </ul>
 *
 * A failure is the observation's error. Thread-safe: each call's observations live in its own call context.
 */
public final class StewardObservations implements StewardObserver {

    /** The observation of a governed call. */
    public static final String CALL = "steward.call";

    /** The observation of one provider attempt. */
    public static final String ATTEMPT = "steward.provider.attempt";

    private static final String CALL_KEY = StewardObservations.class.getName() + ".call";
    private static final String ATTEMPT_KEY = StewardObservations.class.getName() + ".attempt";

    private final ObservationRegistry registry;

    /**
     * Observes into a registry.
     *
     * @param registry the application's observation registry
     */
    public StewardObservations(ObservationRegistry registry) {
        this.registry = registry;
    }

    @Override
    public void onCallStart(CallContext call) {
        Observation observation = Observation.createNotStarted(CALL, registry)
                .contextualName(CALL + " " + call.capability().name())
                .lowCardinalityKeyValue("steward.capability", call.capability().name())
                .lowCardinalityKeyValue("steward.route", call.route() == null ? "none" : call.route())
                .highCardinalityKeyValue(
                        "steward.principal", orNone(call.caller().principal()))
                .highCardinalityKeyValue("steward.tenant", orNone(call.caller().tenant()))
                .start();
        call.attribute(CALL_KEY, new Open(observation, observation.openScope()));
    }

    @Override
    public void onCallStop(CallContext call, AuditRecord record) {
        stop(call, CALL_KEY, record, null);
    }

    @Override
    public void onCallError(CallContext call, Throwable error, AuditRecord record) {
        stop(call, CALL_KEY, record, error);
    }

    @Override
    public void onAttemptStart(AttemptContext attempt) {
        Observation observation = Observation.createNotStarted(ATTEMPT, registry)
                .contextualName(ATTEMPT + " " + attempt.provider())
                .lowCardinalityKeyValue(
                        "steward.capability", attempt.call().capability().name())
                .lowCardinalityKeyValue("gen_ai.provider.name", attempt.provider())
                .lowCardinalityKeyValue("gen_ai.operation.name", "chat")
                .highCardinalityKeyValue("steward.attempt", String.valueOf(attempt.number()))
                .start();
        attempt.call().attribute(ATTEMPT_KEY, new Open(observation, observation.openScope()));
    }

    @Override
    public void onAttemptStop(AttemptContext attempt, InferenceResponse response) {
        Open open = take(attempt.call(), ATTEMPT_KEY);
        if (open != null) {
            open.observation
                    .highCardinalityKeyValue("gen_ai.response.model", orNone(response.model()))
                    .highCardinalityKeyValue(
                            "gen_ai.usage.input_tokens",
                            String.valueOf(response.usage().inputTokens()))
                    .highCardinalityKeyValue(
                            "gen_ai.usage.output_tokens",
                            String.valueOf(response.usage().outputTokens()));
            open.close();
        }
    }

    @Override
    public void onAttemptError(AttemptContext attempt, Throwable error) {
        Open open = take(attempt.call(), ATTEMPT_KEY);
        if (open != null) {
            open.observation.error(error);
            open.close();
        }
    }

    private static void stop(CallContext call, String key, AuditRecord record, Throwable error) {
        Open open = take(call, key);
        if (open == null) {
            return;
        }
        if (record != null) {
            open.observation
                    .lowCardinalityKeyValue(
                            KeyValue.of("steward.outcome", record.outcome().name()))
                    .highCardinalityKeyValue("steward.prompt.version", orNone(record.promptVersion()));
        }
        if (error != null) {
            open.observation.error(error);
        }
        open.close();
    }

    private static Open take(CallContext call, String key) {
        Object open = call.attribute(key);
        call.attribute(key, null);
        return open instanceof Open o ? o : null;
    }

    private static String orNone(String value) {
        return value == null ? "none" : value;
    }

    /** A started observation and its scope on the calling thread. */
    private record Open(Observation observation, Observation.Scope scope) {
        void close() {
            scope.close();
            observation.stop();
        }
    }
}
