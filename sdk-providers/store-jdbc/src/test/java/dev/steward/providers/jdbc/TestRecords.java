package dev.steward.providers.jdbc;

import dev.steward.api.AuditRecord;
import dev.steward.api.Money;
import dev.steward.api.Outcome;
import dev.steward.api.TokenUsage;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/** Audit records made for tests. */
final class TestRecords {

    private TestRecords() {}

    static AuditRecord record(String capability, String principal, Instant at) {
        return new AuditRecord(
                UUID.randomUUID().toString(),
                at,
                capability,
                "Claims#summarize",
                "claims.summarize",
                "v1",
                "abc123",
                principal,
                "acme",
                "corr-" + UUID.randomUUID(),
                "default",
                "p",
                "m",
                new TokenUsage(12, 30),
                new Money(4_200, "USD"),
                Duration.ofMillis(87),
                Outcome.SUCCEEDED,
                null,
                List.of(),
                null,
                null,
                null,
                Set.of(),
                Map.of("trace", "t-1"));
    }

    static AuditRecord record(int i) {
        return record(
                "claims.summarize",
                "user" + i,
                Instant.parse("2026-11-23T10:00:00.123456789Z").plusSeconds(i));
    }
}
