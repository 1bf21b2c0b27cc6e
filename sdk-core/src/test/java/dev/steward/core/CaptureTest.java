package dev.steward.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.steward.api.AuditRecord;
import dev.steward.api.CaptureMode;
import dev.steward.api.CaptureRecord;
import dev.steward.api.ConfigurationException;
import dev.steward.api.InferenceUnavailableException;
import dev.steward.api.Outcome;
import dev.steward.api.spi.Redactor;
import dev.steward.core.audit.InMemoryAuditSink;
import dev.steward.core.capture.JsonLinesCaptureStore;
import dev.steward.core.config.ConfigValues;
import dev.steward.core.prompt.InMemoryPromptRegistry;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Capture for forensics on a real pipeline, with the JSON-lines capture store. */
class CaptureTest {

    private static final String KEY = "steward.capability.claims.summarize.capture";

    @TempDir
    Path dir;

    private final InMemoryAuditSink audit = new InMemoryAuditSink(100);
    private final ScriptedProvider provider = new ScriptedProvider("a").echoes();
    private final MutableClock clock = new MutableClock(Instant.parse("2026-11-23T10:00:00Z"));
    private Steward steward;

    /** Finds IBAN-like tokens: enough to prove that the capture uses the redactor it was given. */
    private static final Redactor IBAN = new Redactor() {
        private final Pattern iban = Pattern.compile("\\bDE\\d{20}\\b");

        @Override
        public String name() {
            return "test-iban";
        }

        @Override
        public List<Finding> find(String text) {
            Matcher m = iban.matcher(text);
            List<Finding> out = new java.util.ArrayList<>();
            while (m.find()) {
                out.add(new Finding(m.start(), m.end(), "IBAN"));
            }
            return out;
        }
    };

    private Steward.Builder builder(Map<String, String> extra) {
        Map<String, String> config = new HashMap<>(Map.of("steward.capture.path", path().toString()));
        config.putAll(extra);
        return Steward.builder()
                .config(ConfigValues.of(config))
                .provider(provider)
                .clock(clock)
                .discoverExtensions(false)
                .promptRegistry(new InMemoryPromptRegistry().put("claims.summarize", "v1", "Summarize: {{text}}"))
                .auditSink(audit);
    }

    private GovernedCapability capability(Steward.Builder builder) {
        steward = builder.build();
        return steward.capability(CapabilityDefinition.builder("claims.summarize")
                .parameterNames(List.of("text"))
                .build());
    }

    private Path path() {
        return dir.resolve("captures.jsonl");
    }

    private AuditRecord lastCall() {
        List<AuditRecord> records = audit.records();
        return records.get(records.size() - 1);
    }

    @AfterEach
    void close() throws Exception {
        if (steward != null) {
            steward.close();
        }
    }

    @Test
    void capturesNothingAndOpensNoFileByDefault() throws Exception {
        GovernedCapability cap = capability(builder(Map.of()));
        cap.invoke(Callers.ADJUSTER, new Object[] {"Alice broke her arm"}, null);

        assertThat(Files.exists(path())).isFalse();
        assertThat(steward.captures().enabled()).isFalse();
        assertThat(steward.captures().read(lastCall().id(), Callers.SUPERVISOR)).isEmpty();
    }

    @Test
    void fullCaptureKeepsThePromptAndTheAnswerUnderTheCallsAuditRecordId() throws Exception {
        GovernedCapability cap = capability(builder(Map.of(KEY, "full")));
        String answer = cap.invoke(Callers.ADJUSTER, new Object[] {"Alice broke her arm"}, null);

        CaptureRecord c =
                new JsonLinesCaptureStore(path()).find(lastCall().id()).orElseThrow();
        assertThat(c.mode()).isEqualTo(CaptureMode.FULL);
        assertThat(c.capability()).isEqualTo("claims.summarize");
        assertThat(c.prompt()).isEqualTo("user: Summarize: Alice broke her arm");
        assertThat(c.answer()).isEqualTo(answer).isEqualTo("Summarize: Alice broke her arm");
        assertThat(c.capturedAt()).isEqualTo(clock.instant());
    }

    @Test
    void hashedCaptureKeepsOnlyTheSha256OfPromptAndAnswer() throws Exception {
        GovernedCapability cap = capability(builder(Map.of(KEY, "hashed")));
        cap.invoke(Callers.ADJUSTER, new Object[] {"Alice broke her arm"}, null);

        CaptureRecord c =
                new JsonLinesCaptureStore(path()).find(lastCall().id()).orElseThrow();
        assertThat(c.mode()).isEqualTo(CaptureMode.HASHED);
        assertThat(c.prompt()).isEqualTo(sha256("user: Summarize: Alice broke her arm"));
        assertThat(c.answer()).isEqualTo(sha256("Summarize: Alice broke her arm"));
        assertThat(Files.readString(path())).doesNotContain("Alice");
    }

    @Test
    void redactedCaptureReplacesWhatTheRedactorFindsWhileTheCallerGetsTheWholeAnswer() throws Exception {
        GovernedCapability cap = capability(builder(Map.of(KEY, "redacted")).redactor(IBAN));
        String answer = cap.invoke(
                Callers.ADJUSTER, new Object[] {"pay DE89370400440532013000 and DE89370400440532013000 again"}, null);

        assertThat(answer).contains("DE89370400440532013000");
        CaptureRecord c =
                new JsonLinesCaptureStore(path()).find(lastCall().id()).orElseThrow();
        assertThat(c.mode()).isEqualTo(CaptureMode.REDACTED);
        assertThat(c.prompt()).isEqualTo("user: Summarize: pay <IBAN_1> and <IBAN_1> again");
        assertThat(c.answer()).isEqualTo("Summarize: pay <IBAN_1> and <IBAN_1> again");
        assertThat(Files.readString(path())).doesNotContain("DE89370400440532013000");
    }

    @Test
    void redactedCaptureWithoutAnyRedactorFailsStartupNamingTheKeyAndWhatToAdd() {
        assertThatThrownBy(() -> builder(Map.of(KEY, "redacted")).build())
                .isInstanceOf(ConfigurationException.class)
                .hasMessageContaining(KEY)
                .hasMessageContaining("steward-guard")
                .hasMessageContaining("Redactor");
    }

    @Test
    void anUnknownCaptureModeFailsStartupNamingTheKeyAndTheValidModes() {
        assertThatThrownBy(() -> builder(Map.of(KEY, "everything")).build())
                .isInstanceOf(ConfigurationException.class)
                .hasMessageContaining(KEY)
                .hasMessageContaining("none, hashed, redacted or full");
    }

    @Test
    void aFailedCallIsCapturedWithItsPromptAndNoAnswer() throws Exception {
        provider.fails(false);
        GovernedCapability cap = capability(builder(Map.of(KEY, "full")));

        assertThatThrownBy(() -> cap.invoke(Callers.ADJUSTER, new Object[] {"Alice"}, null))
                .isInstanceOf(InferenceUnavailableException.class);

        AuditRecord failed = lastCall();
        assertThat(failed.outcome()).isEqualTo(Outcome.FAILED);
        CaptureRecord c = new JsonLinesCaptureStore(path()).find(failed.id()).orElseThrow();
        assertThat(c.prompt()).isEqualTo("user: Summarize: Alice");
        assertThat(c.answer()).isNull();
    }

    @Test
    void capturesOlderThanTheRetentionPeriodArePurgedOnALaterWriteAndNeverRead() throws Exception {
        GovernedCapability cap = capability(builder(Map.of(KEY, "full", "steward.capture.retention", "2d")));
        cap.invoke(Callers.ADJUSTER, new Object[] {"first"}, null);
        String first = lastCall().id();

        clock.advance(Duration.ofDays(1));
        cap.invoke(Callers.ADJUSTER, new Object[] {"second"}, null);
        String second = lastCall().id();
        clock.advance(Duration.ofDays(1).plusSeconds(1));
        // the first is past retention now but still in the file: a read must not return it
        assertThat(new JsonLinesCaptureStore(path()).find(first)).isPresent();
        assertThat(steward.captures().read(first, Callers.SUPERVISOR)).isEmpty();

        cap.invoke(Callers.ADJUSTER, new Object[] {"third"}, null);

        assertThat(Files.readString(path())).doesNotContain("first").contains("second", "third");
        assertThat(steward.captures().read(second, Callers.SUPERVISOR)).isPresent();
    }

    @Test
    void expiredCapturesArePurgedAtMostOnceAnHour() throws Exception {
        GovernedCapability cap = capability(builder(Map.of(KEY, "full", "steward.capture.retention", "1d")));
        cap.invoke(Callers.ADJUSTER, new Object[] {"alpha"}, null);
        clock.advance(Duration.ofMinutes(30));
        cap.invoke(Callers.ADJUSTER, new Object[] {"bravo"}, null);
        String bravo = lastCall().id();

        clock.advance(Duration.ofDays(1).minusMinutes(20));
        cap.invoke(Callers.ADJUSTER, new Object[] {"charlie"}, null);
        assertThat(Files.readString(path())).doesNotContain("alpha").contains("bravo", "charlie");

        // bravo expires now, but the last purge was 30 minutes ago: it stays in the file, unread
        clock.advance(Duration.ofMinutes(30));
        cap.invoke(Callers.ADJUSTER, new Object[] {"delta"}, null);
        assertThat(Files.readString(path())).contains("bravo", "charlie", "delta");
        assertThat(steward.captures().read(bravo, Callers.SUPERVISOR)).isEmpty();

        clock.advance(Duration.ofMinutes(30));
        cap.invoke(Callers.ADJUSTER, new Object[] {"echo"}, null);
        assertThat(Files.readString(path())).doesNotContain("bravo").contains("charlie", "delta", "echo");
    }

    @Test
    void everyReadOfACaptureIsAuditedNamingTheReaderAndTheRecordRead() {
        GovernedCapability cap = capability(builder(Map.of(KEY, "full")));
        cap.invoke(Callers.ADJUSTER, new Object[] {"Alice broke her arm"}, null);
        String callId = lastCall().id();

        assertThat(steward.captures().read(callId, Callers.SUPERVISOR))
                .get()
                .extracting(CaptureRecord::prompt)
                .isEqualTo("user: Summarize: Alice broke her arm");
        AuditRecord read = lastCall();
        assertThat(read.outcome()).isEqualTo(Outcome.CAPTURE_READ);
        assertThat(read.principal()).isEqualTo("supervisor1");
        assertThat(read.capability()).isEqualTo("claims.summarize");
        assertThat(read.tags()).containsEntry(CaptureService.READ_TAG, callId);
        assertThat(read.reason()).contains(callId).doesNotContain("Alice");

        assertThat(steward.captures().read("no-such-record", Callers.SUPERVISOR))
                .isEmpty();
        assertThat(lastCall().outcome()).isEqualTo(Outcome.CAPTURE_READ);
        assertThat(lastCall().capability()).isEqualTo(CaptureService.UNKNOWN_CAPABILITY);
        assertThat(lastCall().tags()).containsEntry(CaptureService.READ_TAG, "no-such-record");
    }

    @Test
    void aReadWhoseAuditRecordCannotBeWrittenFailsAndWithholdsTheCapture() {
        java.util.concurrent.atomic.AtomicBoolean failReads = new java.util.concurrent.atomic.AtomicBoolean();
        dev.steward.api.spi.AuditSink failing = record -> {
            if (failReads.get() && record.outcome() == Outcome.CAPTURE_READ) {
                throw new IllegalStateException("the audit store is down");
            }
            audit.write(record);
        };
        GovernedCapability cap = capability(builder(Map.of(KEY, "full")).auditSink(failing));
        cap.invoke(Callers.ADJUSTER, new Object[] {"Alice broke her arm"}, null);
        String callId = lastCall().id();
        failReads.set(true);

        assertThatThrownBy(() -> steward.captures().read(callId, Callers.SUPERVISOR))
                .isInstanceOf(dev.steward.api.AuditFailedException.class)
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain("Alice"));
        assertThat(lastCall().outcome()).isNotEqualTo(Outcome.CAPTURE_READ);
    }

    @Test
    void aCallHeldForApprovalIsCapturedWithItsPromptAndTheHeldAnswer() throws Exception {
        steward = builder(Map.of(KEY, "full")).build();
        GovernedCapability cap = steward.capability(CapabilityDefinition.builder("claims.summarize")
                .parameterNames(List.of("text"))
                .approval(new CapabilityDefinition.Approval(
                        "supervisor", dev.steward.api.annotation.RequiresApproval.ALWAYS, "P1D"))
                .build());

        assertThatThrownBy(() -> cap.invoke(Callers.ADJUSTER, new Object[] {"Alice broke her arm"}, null))
                .isInstanceOf(dev.steward.api.ApprovalPendingException.class);

        AuditRecord held = lastCall();
        assertThat(held.outcome()).isEqualTo(Outcome.PENDING_APPROVAL);
        CaptureRecord c = new JsonLinesCaptureStore(path()).find(held.id()).orElseThrow();
        assertThat(c.prompt()).isEqualTo("user: Summarize: Alice broke her arm");
        assertThat(c.answer()).isEqualTo("Summarize: Alice broke her arm");
    }

    @Test
    void aCaptureThatCannotBeWrittenIsLoggedWithoutItsTextAndTheCallSucceeds() throws Exception {
        List<java.util.logging.LogRecord> logged = java.util.Collections.synchronizedList(new java.util.ArrayList<>());
        java.util.logging.Handler handler = new java.util.logging.Handler() {
            @Override
            public void publish(java.util.logging.LogRecord r) {
                logged.add(r);
            }

            @Override
            public void flush() {}

            @Override
            public void close() {}
        };
        java.util.logging.Logger log =
                java.util.logging.Logger.getLogger(dev.steward.core.capture.CaptureRecorder.class.getName());
        log.addHandler(handler);
        try {
            // the capture path is a directory: the store opens, and every write fails
            Path directory = Files.createDirectory(dir.resolve("a-directory"));
            GovernedCapability cap =
                    capability(builder(Map.of(KEY, "full", "steward.capture.path", directory.toString())));

            String answer = cap.invoke(Callers.ADJUSTER, new Object[] {"Alice broke her arm"}, null);

            assertThat(answer).isEqualTo("Summarize: Alice broke her arm");
            AuditRecord call = lastCall();
            assertThat(call.outcome()).isEqualTo(Outcome.SUCCEEDED);
            assertThat(logged).singleElement().satisfies(r -> {
                assertThat(r.getLevel()).isEqualTo(java.util.logging.Level.WARNING);
                assertThat(r.getMessage()).contains(call.id()).contains("was not stored");
                assertThat(r.getMessage()).doesNotContain("Alice");
            });
            assertThat(Files.isDirectory(directory)).isTrue();
        } finally {
            log.removeHandler(handler);
        }
    }

    @Test
    void aCaptureStoreThatThrowsDoesNotFailTheCall() {
        dev.steward.api.spi.CaptureStore broken = new dev.steward.api.spi.CaptureStore() {
            @Override
            public void write(CaptureRecord record) {
                throw new IllegalStateException("the capture store is down: " + record.prompt());
            }

            @Override
            public java.util.Optional<CaptureRecord> find(String auditRecordId) {
                return java.util.Optional.empty();
            }

            @Override
            public int purgeBefore(Instant cutoff) {
                return 0;
            }
        };
        GovernedCapability cap = capability(builder(Map.of(KEY, "full")).captureStore(broken));

        assertThat(cap.invoke(Callers.ADJUSTER, new Object[] {"Alice broke her arm"}, null))
                .isEqualTo("Summarize: Alice broke her arm");
        assertThat(lastCall().outcome()).isEqualTo(Outcome.SUCCEEDED);
    }

    @Test
    void withoutTheKeyCapturesAreKeptThirtyDays() {
        Map<String, String> config = Map.of(KEY, "full", "steward.capture.path", path().toString());
        steward = Steward.builder()
                .config(ConfigValues.of(config))
                .provider(provider)
                .clock(clock)
                .discoverExtensions(false)
                .promptRegistry(new InMemoryPromptRegistry().put("claims.summarize", "v1", "Summarize: {{text}}"))
                .auditSink(audit)
                .build();
        GovernedCapability cap = steward.capability(CapabilityDefinition.builder("claims.summarize")
                .parameterNames(List.of("text"))
                .build());
        cap.invoke(Callers.ADJUSTER, new Object[] {"Alice broke her arm"}, null);
        String id = lastCall().id();

        clock.advance(Duration.ofDays(29));
        assertThat(steward.captures().read(id, Callers.SUPERVISOR)).isPresent();
        clock.advance(Duration.ofDays(2));
        assertThat(steward.captures().read(id, Callers.SUPERVISOR)).isEmpty();
    }

    @Test
    void withoutTheKeyCapturesGoToStewardCapturesJsonlInTheWorkingDirectory() throws Exception {
        // a JVM of its own, so that the working directory is a temporary one and not the module's
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        Process p = new ProcessBuilder(
                        java.toString(),
                        "-cp",
                        System.getProperty("java.class.path"),
                        CaptureInWorkingDirectory.class.getName())
                .directory(dir.toFile())
                .redirectErrorStream(true)
                .start();
        String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor()).as(output).isZero();

        Path file = dir.resolve("steward-captures.jsonl");
        assertThat(file).exists();
        String[] lines = output.strip().split("\\R");
        assertThat(Files.readString(file))
                .contains("Summarize: Alice broke her arm")
                .contains("\"" + lines[lines.length - 1] + "\"");
    }

    /** Captures one call with no {@code steward.capture.path}, and prints the call's audit record id. */
    static final class CaptureInWorkingDirectory {
        public static void main(String[] args) throws Exception {
            InMemoryAuditSink sink = new InMemoryAuditSink(10);
            try (Steward s = Steward.builder()
                    .config(ConfigValues.of(Map.of(KEY, "full")))
                    .provider(new ScriptedProvider("a").echoes())
                    .discoverExtensions(false)
                    .promptRegistry(new InMemoryPromptRegistry().put("claims.summarize", "v1", "Summarize: {{text}}"))
                    .auditSink(sink)
                    .build()) {
                s.capability(CapabilityDefinition.builder("claims.summarize")
                                .parameterNames(List.of("text"))
                                .build())
                        .invoke(Callers.ADJUSTER, new Object[] {"Alice broke her arm"}, null);
                System.out.println(sink.records().get(sink.records().size() - 1).id());
            }
        }
    }

    private static String sha256(String text) throws Exception {
        return HexFormat.of()
                .formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
    }
}
