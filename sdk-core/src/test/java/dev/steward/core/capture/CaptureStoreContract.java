package dev.steward.core.capture;

import static org.assertj.core.api.Assertions.assertThat;

import dev.steward.api.CaptureMode;
import dev.steward.api.CaptureRecord;
import dev.steward.api.spi.CaptureStore;
import java.time.Instant;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** What every {@link CaptureStore} must do; each implementation's test extends this. */
public abstract class CaptureStoreContract {

    /**
     * The store under test; it may be shared by the tests of a class, which write captures of distinct ids.
     *
     * @return the store
     */
    protected abstract CaptureStore store();

    private static final Instant T0 = Instant.parse("2026-11-23T10:00:00Z");

    private static CaptureRecord capture(Instant at, CaptureMode mode, String prompt, String answer) {
        return new CaptureRecord(UUID.randomUUID().toString(), at, "claims.summarize", mode, prompt, answer);
    }

    @Test
    void findsACaptureByItsAuditRecordIdWithEveryField() {
        CaptureStore store = store();
        CaptureRecord full = capture(T0, CaptureMode.FULL, "system: Summarize\nuser: Alice broke her arm", "Arm.");
        CaptureRecord other = capture(T0.plusSeconds(1), CaptureMode.HASHED, "ab".repeat(32), "cd".repeat(32));
        store.write(full);
        store.write(other);

        assertThat(store.find(full.auditRecordId())).contains(full);
        assertThat(store.find(other.auditRecordId())).contains(other);
    }

    @Test
    void keepsACaptureWithoutAnswerAndTextOutsideAscii() {
        CaptureStore store = store();
        CaptureRecord failed = capture(T0, CaptureMode.REDACTED, "user: Zürich – <IBAN_1> \"quoted\" 日本", null);
        store.write(failed);

        assertThat(store.find(failed.auditRecordId())).contains(failed);
    }

    @Test
    void findsNothingForAnIdNeverCaptured() {
        CaptureStore store = store();
        store.write(capture(T0, CaptureMode.FULL, "p", "a"));

        assertThat(store.find(UUID.randomUUID().toString())).isEmpty();
    }

    @Test
    void purgeDeletesExactlyTheCapturesTakenBeforeTheCutoff() {
        CaptureStore store = store();
        // before every other test's captures, so that a store shared by the tests of a class counts only these
        Instant base = T0.minus(java.time.Duration.ofDays(10));
        CaptureRecord old = capture(base, CaptureMode.FULL, "old", "old");
        CaptureRecord atCutoff = capture(base.plusSeconds(60), CaptureMode.FULL, "edge", "edge");
        CaptureRecord young = capture(base.plusSeconds(120), CaptureMode.FULL, "young", "young");
        store.write(old);
        store.write(atCutoff);
        store.write(young);

        assertThat(store.purgeBefore(base.plusSeconds(60))).isEqualTo(1);

        assertThat(store.find(old.auditRecordId())).isEmpty();
        assertThat(store.find(atCutoff.auditRecordId())).contains(atCutoff);
        assertThat(store.find(young.auditRecordId())).contains(young);
        assertThat(store.purgeBefore(base.plusSeconds(60))).isZero();
    }
}
