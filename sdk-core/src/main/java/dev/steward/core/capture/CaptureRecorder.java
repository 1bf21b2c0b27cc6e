package dev.steward.core.capture;

import dev.steward.api.AuditRecord;
import dev.steward.api.CaptureMode;
import dev.steward.api.CaptureRecord;
import dev.steward.api.ChatMessage;
import dev.steward.api.ConfigurationException;
import dev.steward.api.InferenceRequest;
import dev.steward.api.spi.CaptureStore;
import dev.steward.api.spi.Redactor;
import dev.steward.core.config.ConfigKeys;
import dev.steward.core.config.ConfigReader;
import dev.steward.core.config.ConfigValues;
import dev.steward.core.spi.CallContext;
import dev.steward.core.spi.PipelineInterceptor;
import dev.steward.core.spi.StewardObserver;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Captures the prompt and answer of calls whose capability opts in ({@code steward.capability.<name>.capture}) and
 * writes them to a {@link CaptureStore} once the call's audit record is stored, under that record's id.
 *
 * <p>As an interceptor it runs last ({@link #priority()} is {@link Integer#MAX_VALUE}), so it keeps the prompt as the
 * providers receive it and the answer as the caller (or the approval gate) receives it, after every other
 * interceptor. As an observer it writes the capture in {@code onCallStop} or {@code onCallError}, for answered,
 * degraded, held and failed calls alike; a call refused before its prompt was rendered has nothing to capture.
 *
 * <p>A capture that cannot be written is logged (without its text) and does not fail the call, whose audit record is
 * already stored. Captures older than the retention period are purged on a write, at most once per
 * {@code min(retention, 1 hour)} of the injected clock, and are never returned by {@link #find}. Thread-safe.
 */
public final class CaptureRecorder implements PipelineInterceptor, StewardObserver {

    /** How long captures are kept when {@code steward.capture.retention} is not set: 30 days. */
    public static final Duration DEFAULT_RETENTION = Duration.ofDays(30);

    /** The longest time between two purges. */
    static final Duration PURGE_EVERY = Duration.ofHours(1);

    private static final System.Logger LOG = System.getLogger(CaptureRecorder.class.getName());
    private static final String PROMPT = CaptureRecorder.class.getName() + ".prompt";
    private static final String ANSWER = CaptureRecorder.class.getName() + ".answer";
    private static final String SETTING = "capture";

    private final ConfigReader reader;
    private final CaptureStore store;
    private final CaptureRedaction redaction;
    private final Duration retention;
    private final Duration purgeEvery;
    private final Clock clock;
    private final Map<String, CaptureMode> modes = new ConcurrentHashMap<>();
    // epoch millis of the next purge; a compare-and-set elects the one writer that purges
    private final AtomicLong nextPurge = new AtomicLong(Long.MIN_VALUE);

    /**
     * Creates the recorder and checks every {@code steward.capability.<name>.capture} key of the configuration.
     *
     * @param reader the configuration
     * @param store where captures go
     * @param redactors the redactors of the {@code redacted} mode, possibly none
     * @param retention how long captures are kept, positive
     * @param clock the clock that stamps and expires captures
     * @throws ConfigurationException naming the key of a value other than {@code none}, {@code hashed},
     *     {@code redacted} or {@code full}, or of a {@code redacted} capability when there is no redactor
     */
    public CaptureRecorder(
            ConfigReader reader, CaptureStore store, List<Redactor> redactors, Duration retention, Clock clock) {
        this.reader = Objects.requireNonNull(reader, "reader");
        this.store = Objects.requireNonNull(store, "store");
        this.redaction = new CaptureRedaction(redactors);
        if (retention.isNegative() || retention.isZero()) {
            throw new ConfigurationException(
                    ConfigKeys.CAPTURE_RETENTION, "must be a positive duration, such as 30d, was " + retention);
        }
        this.retention = retention;
        this.purgeEvery = retention.compareTo(PURGE_EVERY) < 0 ? retention : PURGE_EVERY;
        this.clock = Objects.requireNonNull(clock, "clock");
        for (String key : reader.values().keys()) {
            ConfigKeys.split(key, "capability", ConfigKeys.CAPABILITY_SETTINGS)
                    .filter(k -> k.setting().equals(SETTING))
                    .ifPresent(k -> check(k.name()));
        }
    }

    /**
     * Whether any capability asks for capture, in a configuration key or an environment variable
     * ({@code STEWARD_CAPABILITY_<NAME>_CAPTURE}), so that an instance without capture pays nothing for it.
     *
     * @param config the configuration
     * @return {@code true} if a capture key is set to anything but {@code none}
     */
    public static boolean requested(ConfigValues config) {
        for (String key : config.keys()) {
            if (ConfigKeys.split(key, "capability", ConfigKeys.CAPABILITY_SETTINGS)
                    .filter(k -> k.setting().equals(SETTING))
                    .isPresent()) {
                if (!config.get(key).orElse("none").strip().equalsIgnoreCase("none")) {
                    return true;
                }
            }
        }
        for (String variable : config.environmentVariables()) {
            if (variable.startsWith("STEWARD_CAPABILITY_") && variable.endsWith("_CAPTURE")) {
                return true;
            }
        }
        return false;
    }

    /**
     * Whether any capability's capture key, among the configuration's keys, is {@code redacted}; the builder then
     * looks for redactors.
     *
     * @param config the configuration
     * @return {@code true} if one is
     */
    public static boolean redactionRequested(ConfigValues config) {
        for (String key : config.keys()) {
            if (ConfigKeys.split(key, "capability", ConfigKeys.CAPABILITY_SETTINGS)
                    .filter(k -> k.setting().equals(SETTING))
                    .isPresent()) {
                if (config.get(key).orElse("").strip().equalsIgnoreCase("redacted")) {
                    return true;
                }
            }
        }
        // a variable's value may say redacted too; looking for redactors then costs little
        for (String variable : config.environmentVariables()) {
            if (variable.startsWith("STEWARD_CAPABILITY_") && variable.endsWith("_CAPTURE")) {
                return true;
            }
        }
        return false;
    }

    /**
     * Resolves and checks one capability's capture mode; the builder calls it when the capability is composed, so
     * that a bad value fails startup.
     *
     * @param capability the capability's name
     * @return its mode
     * @throws ConfigurationException naming the key, as the constructor does
     */
    public CaptureMode check(String capability) {
        return modes.computeIfAbsent(capability, this::read);
    }

    private CaptureMode read(String capability) {
        String key = ConfigKeys.PREFIX + "capability." + capability + "." + SETTING;
        CaptureMode mode;
        try {
            mode = reader.string(key).map(CaptureMode::of).orElse(CaptureMode.NONE);
        } catch (IllegalArgumentException e) {
            throw new ConfigurationException(key, e.getMessage(), e);
        }
        if (mode == CaptureMode.REDACTED && redaction.isEmpty()) {
            throw new ConfigurationException(
                    key,
                    "redacted capture needs a redactor, and none is present: add steward-guard to the application,"
                            + " or register a dev.steward.api.spi.Redactor (with ServiceLoader or"
                            + " Steward.Builder.redactor); or choose hashed, full or none");
        }
        return mode;
    }

    /**
     * The store captures go to.
     *
     * @return the store
     */
    public CaptureStore store() {
        return store;
    }

    /**
     * How long captures are kept.
     *
     * @return the retention period
     */
    public Duration retention() {
        return retention;
    }

    /**
     * Reads the capture of one call, unless it is older than the retention period.
     *
     * @param auditRecordId the id of the call's audit record
     * @return the capture, or empty
     * @throws IllegalStateException if the store cannot be read
     */
    public Optional<CaptureRecord> find(String auditRecordId) {
        Instant cutoff = clock.instant().minus(retention);
        return store.find(auditRecordId).filter(r -> !r.capturedAt().isBefore(cutoff));
    }

    /** Last, so that it sees the request and the answer after every other interceptor changed them. */
    @Override
    public int priority() {
        return Integer.MAX_VALUE;
    }

    @Override
    public InferenceRequest onInput(CallContext call, InferenceRequest request) {
        if (check(call.capability().name()) != CaptureMode.NONE) {
            call.attribute(PROMPT, prompt(request));
        }
        return request;
    }

    @Override
    public String onAnswer(CallContext call, String answer) {
        if (check(call.capability().name()) != CaptureMode.NONE) {
            call.attribute(ANSWER, answer);
        }
        return answer;
    }

    @Override
    public void onCallStop(CallContext call, AuditRecord record) {
        capture(call, record);
    }

    @Override
    public void onCallError(CallContext call, Throwable error, AuditRecord record) {
        capture(call, record);
    }

    private void capture(CallContext call, AuditRecord record) {
        Object prompt = call.attribute(PROMPT);
        Object answer = call.attribute(ANSWER);
        if (prompt == null && answer == null) {
            return;
        }
        // an audit failure calls onCallError twice for one call: the capture is written once
        call.attribute(PROMPT, null);
        call.attribute(ANSWER, null);
        CaptureMode mode = check(call.capability().name());
        try {
            CaptureRecord capture = new CaptureRecord(
                    record.id(),
                    clock.instant(),
                    record.capability(),
                    mode,
                    keep(mode, (String) prompt),
                    keep(mode, (String) answer));
            store.write(capture);
            purgeIfDue();
        } catch (RuntimeException e) {
            LOG.log(
                    System.Logger.Level.WARNING,
                    "the capture of audit record " + record.id() + " of '" + record.capability() + "' was not stored: "
                            + e.getClass().getName());
        }
    }

    private String keep(CaptureMode mode, String text) {
        if (text == null) {
            return null;
        }
        return switch (mode) {
            case HASHED -> sha256(text);
            case REDACTED -> redaction.redact(text);
            case FULL -> text;
            case NONE -> throw new IllegalStateException("mode none captures nothing");
        };
    }

    private void purgeIfDue() {
        long now = clock.millis();
        long due = nextPurge.get();
        if (now < due || !nextPurge.compareAndSet(due, now + purgeEvery.toMillis())) {
            return;
        }
        int purged = store.purgeBefore(clock.instant().minus(retention));
        if (purged > 0) {
            LOG.log(System.Logger.Level.DEBUG, "purged " + purged + " captures older than " + retention);
        }
    }

    static String prompt(InferenceRequest request) {
        StringBuilder out = new StringBuilder();
        for (ChatMessage m : request.messages()) {
            if (out.length() > 0) {
                out.append('\n');
            }
            out.append(m.role().name().toLowerCase(java.util.Locale.ROOT))
                    .append(": ")
                    .append(m.content());
        }
        return out.toString();
    }

    static String sha256(String text) {
        try {
            return HexFormat.of()
                    .formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        }
    }
}
