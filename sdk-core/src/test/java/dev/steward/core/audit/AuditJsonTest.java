package dev.steward.core.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.steward.api.Attempt;
import dev.steward.api.AuditRecord;
import dev.steward.api.Money;
import dev.steward.api.Outcome;
import dev.steward.api.TokenUsage;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class AuditJsonTest {

    private static final AuditRecord DEGRADED = new AuditRecord(
            "id-1",
            Instant.parse("2026-11-23T10:00:00Z"),
            "claims.summarize",
            "ClaimService#summarize",
            "claims.summarize",
            "v2",
            "9f86d0",
            "adjuster1",
            null,
            "corr-1",
            "default",
            null,
            null,
            TokenUsage.NONE,
            Money.parse("0.000150 USD"),
            Duration.ofMillis(1250),
            Outcome.DEGRADED,
            "no provider answered",
            List.of(new Attempt("gateway", Attempt.Result.RETRIABLE_FAILURE, Duration.ofMillis(1200), "timeout")),
            null,
            null,
            dev.steward.api.annotation.RiskTier.MEDIUM,
            java.util.Set.of(),
            java.util.Map.of());

    @Test
    void writesOneLineWithIsoTimesAndWithoutNulls() {
        String json = AuditJson.write(DEGRADED);

        assertThat(json)
                .doesNotContain("\n")
                .contains("\"timestamp\":\"2026-11-23T10:00:00Z\"")
                .contains("\"latency\":\"PT1.25S\"")
                .contains("\"outcome\":\"DEGRADED\"")
                .doesNotContain("\"tenant\"")
                .doesNotContain("null");
    }

    @Test
    void readsBackTheRecordItWrote() {
        assertThat(AuditJson.read(AuditJson.write(DEGRADED))).isEqualTo(DEGRADED);
    }

    @Test
    void ignoresFieldsItDoesNotKnowSoThatNewerWritersStayReadable() {
        String newer = AuditJson.write(DEGRADED).replaceFirst("\\{", "{\"region\":\"eu-west\",");

        assertThat(AuditJson.read(newer)).isEqualTo(DEGRADED);
    }

    @Test
    void rejectsALineThatIsNotAnAuditRecord() {
        assertThatThrownBy(() -> AuditJson.read("{\"id\": "))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("not an audit record");
    }
}
