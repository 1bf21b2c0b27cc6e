package dev.steward.core.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.steward.api.AuditRecord;
import dev.steward.api.Money;
import dev.steward.api.Outcome;
import dev.steward.api.TokenUsage;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class InMemoryAuditSinkTest {

    private static final Instant T0 = Instant.parse("2026-11-23T10:00:00Z");

    private static AuditRecord record(int second, String capability, String principal) {
        return new AuditRecord(
                "id-" + second,
                T0.plusSeconds(second),
                capability,
                "ClaimService#method",
                null,
                null,
                null,
                principal,
                null,
                "corr-" + second,
                null,
                null,
                null,
                TokenUsage.NONE,
                Money.zero("USD"),
                Duration.ZERO,
                Outcome.SUCCEEDED,
                null,
                List.of(),
                null,
                null,
                dev.steward.api.annotation.RiskTier.MEDIUM,
                java.util.Set.of(),
                java.util.Map.of());
    }

    @Test
    void keepsRecordsOldestFirstAndDropsTheOldestVisiblyWhenFull() {
        InMemoryAuditSink sink = new InMemoryAuditSink(2);

        sink.write(record(1, "a", "u1"));
        sink.write(record(2, "a", "u1"));
        sink.write(record(3, "a", "u1"));

        assertThat(sink.records()).extracting(AuditRecord::id).containsExactly("id-2", "id-3");
        assertThat(sink.dropped()).isEqualTo(1);
    }

    @Test
    void searchesNewestFirstWithinTheFiltersAndTheLimit() {
        InMemoryAuditSink sink = new InMemoryAuditSink(10);
        sink.write(record(1, "claims.summarize", "u1"));
        sink.write(record(2, "claims.triage", "u1"));
        sink.write(record(3, "claims.summarize", "u2"));
        sink.write(record(4, "claims.summarize", "u1"));

        assertThat(sink.search(new AuditQuery("claims.summarize", null, null, null, 10)))
                .extracting(AuditRecord::id)
                .containsExactly("id-4", "id-3", "id-1");
        assertThat(sink.search(new AuditQuery(null, "u1", null, null, 2)))
                .extracting(AuditRecord::id)
                .containsExactly("id-4", "id-2");
        assertThat(sink.search(new AuditQuery(null, null, T0.plusSeconds(2), T0.plusSeconds(4), 10)))
                .extracting(AuditRecord::id)
                .containsExactly("id-3", "id-2");
    }

    @Test
    void rejectsACapacityBelowOne() {
        assertThatThrownBy(() -> new InMemoryAuditSink(0))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("capacity must be positive");
    }
}
