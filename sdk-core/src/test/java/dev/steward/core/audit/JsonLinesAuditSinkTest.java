package dev.steward.core.audit;

import static org.assertj.core.api.Assertions.assertThat;

import dev.steward.api.Attempt;
import dev.steward.api.AuditRecord;
import dev.steward.api.Money;
import dev.steward.api.Outcome;
import dev.steward.api.TokenUsage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class JsonLinesAuditSinkTest {

    static AuditRecord record(int i, String principal) {
        return new AuditRecord(
                "id-" + i,
                Instant.parse("2026-11-23T10:00:00Z").plusSeconds(i),
                "claims.summarize",
                "ClaimService#summarize",
                "claims.summarize",
                "v1",
                "abc",
                principal,
                "acme",
                "corr-" + i,
                "default",
                "gateway",
                "gpt-x",
                new TokenUsage(10, 20),
                Money.parse("0.0123 USD"),
                Duration.ofMillis(42),
                Outcome.SUCCEEDED,
                null,
                List.of(new Attempt("gateway", Attempt.Result.SUCCEEDED, Duration.ofMillis(40), null)),
                null,
                null,
                dev.steward.api.annotation.RiskTier.LOW,
                java.util.Set.of(dev.steward.api.annotation.DataClass.PII),
                Map.of("trace_id", "t-" + i));
    }

    @Test
    void writesEveryRecordFromManyThreadsAsOneJsonLineAndReadsThemBack(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("audit/steward.jsonl");
        int threads = 8;
        int perThread = 500;
        try (JsonLinesAuditSink sink = new JsonLinesAuditSink(file, 64)) {
            ExecutorService pool = Executors.newFixedThreadPool(threads);
            CountDownLatch start = new CountDownLatch(1);
            for (int t = 0; t < threads; t++) {
                int base = t * perThread;
                pool.submit(() -> {
                    start.await();
                    for (int i = 0; i < perThread; i++) {
                        sink.write(record(base + i, i % 2 == 0 ? "adjuster1" : "adjuster2"));
                    }
                    return null;
                });
            }
            start.countDown();
            pool.shutdown();
            assertThat(pool.awaitTermination(1, TimeUnit.MINUTES)).isTrue();
            sink.flush();

            List<String> lines = Files.readAllLines(file);
            assertThat(lines).hasSize(threads * perThread);
            List<String> ids = new ArrayList<>();
            lines.forEach(l -> ids.add(AuditJson.read(l).id()));
            assertThat(ids).doesNotHaveDuplicates();

            AuditRecord back = AuditJson.read(lines.get(0));
            assertThat(back.cost()).isEqualTo(Money.parse("0.0123 USD"));
            assertThat(back.attempts()).hasSize(1);
            assertThat(lines.get(0)).doesNotContain("\"reason\"");

            List<AuditRecord> found = sink.search(new AuditQuery("claims.summarize", "adjuster2", null, null, 3));
            assertThat(found)
                    .hasSize(3)
                    .allSatisfy(r -> assertThat(r.principal()).isEqualTo("adjuster2"));
        }
    }
}
