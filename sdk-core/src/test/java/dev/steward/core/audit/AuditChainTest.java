package dev.steward.core.audit;

import static org.assertj.core.api.Assertions.assertThat;

import dev.steward.api.AuditRecord;
import dev.steward.api.Outcome;
import dev.steward.api.annotation.DataClass;
import dev.steward.api.annotation.RiskTier;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class AuditChainTest {

    private static List<AuditChain.Link> chain(int n) {
        List<AuditChain.Link> links = new ArrayList<>();
        AuditChain.Link last = null;
        for (int i = 1; i <= n; i++) {
            last = AuditChain.append(last, JsonLinesAuditSinkTest.record(i, "adjuster" + i));
            links.add(last);
        }
        return links;
    }

    private static AuditVerifier.Result verify(List<AuditChain.Link> links) {
        return AuditVerifier.verify(links.iterator(), Optional.empty());
    }

    private static AuditRecord withOutcome(AuditRecord r, Outcome outcome, String principal) {
        return new AuditRecord(
                r.id(),
                r.timestamp(),
                r.capability(),
                r.source(),
                r.promptId(),
                r.promptVersion(),
                r.promptHash(),
                principal,
                r.tenant(),
                r.correlationId(),
                r.route(),
                r.provider(),
                r.model(),
                r.usage(),
                r.cost(),
                r.latency(),
                outcome,
                r.reason(),
                r.attempts(),
                r.approvalId(),
                r.approver(),
                r.risk(),
                r.dataClasses(),
                r.tags());
    }

    @Test
    void anIntactChainVerifiesAndNamesItsHeadAsTheCheckpointToKeep() {
        List<AuditChain.Link> links = chain(5);

        AuditVerifier.Result result = verify(links);

        assertThat(result.valid()).isTrue();
        assertThat(result.records()).isEqualTo(5);
        assertThat(result.head())
                .isEqualTo(new AuditVerifier.Checkpoint(5, links.get(4).hash()));
        assertThat(links.get(0).previousHash()).isEqualTo(AuditChain.GENESIS);
        assertThat(verify(List.of()).valid()).isTrue();
    }

    @Test
    void aChangedRecordIsFound() {
        List<AuditChain.Link> links = chain(5);
        AuditChain.Link third = links.get(2);
        links.set(
                2,
                new AuditChain.Link(
                        third.sequence(),
                        third.previousHash(),
                        third.hash(),
                        withOutcome(third.record(), Outcome.SUCCEEDED, "someone-else")));

        AuditVerifier.Result result = verify(links);

        assertThat(result.valid()).isFalse();
        assertThat(result.firstBadRecord()).isEqualTo(3);
        assertThat(result.reason()).contains("was changed");
    }

    @Test
    void aChangedRecordWithARecomputedHashBreaksTheNextLink() {
        List<AuditChain.Link> links = chain(5);
        AuditChain.Link third = links.get(2);
        AuditRecord forged = withOutcome(third.record(), Outcome.DENIED, "someone-else");
        links.set(
                2,
                new AuditChain.Link(3, third.previousHash(), AuditChain.hash(3, third.previousHash(), forged), forged));

        AuditVerifier.Result result = verify(links);

        assertThat(result.valid()).isFalse();
        assertThat(result.firstBadRecord()).isEqualTo(4);
    }

    @Test
    void aDeletedRecordIsFound() {
        List<AuditChain.Link> links = chain(5);
        links.remove(1);

        AuditVerifier.Result result = verify(links);

        assertThat(result.valid()).isFalse();
        assertThat(result.firstBadRecord()).isEqualTo(2);
    }

    @Test
    void anInsertedRecordIsFound() {
        List<AuditChain.Link> links = chain(5);
        AuditChain.Link forged = AuditChain.append(links.get(1), JsonLinesAuditSinkTest.record(99, "intruder"));
        links.add(2, forged);

        AuditVerifier.Result result = verify(links);

        assertThat(result.valid()).isFalse();
        assertThat(result.firstBadRecord()).isEqualTo(4);
    }

    @Test
    void reorderedRecordsAreFound() {
        List<AuditChain.Link> links = chain(5);
        Collections.swap(links, 1, 3);

        assertThat(verify(links).valid()).isFalse();
        assertThat(verify(links).firstBadRecord()).isEqualTo(2);
    }

    @Test
    void aTruncatedTailIsFoundAgainstACheckpoint() {
        List<AuditChain.Link> links = chain(5);
        AuditVerifier.Checkpoint kept = verify(links).head();
        List<AuditChain.Link> cut = new ArrayList<>(links.subList(0, 3));

        assertThat(verify(cut).valid()).isTrue();
        AuditVerifier.Result result = AuditVerifier.verify(cut.iterator(), Optional.of(kept));

        assertThat(result.valid()).isFalse();
        assertThat(result.reason()).contains("cut off");
        assertThat(AuditVerifier.verify(links.iterator(), Optional.of(kept)).valid())
                .isTrue();
    }

    @Test
    void aLogRewrittenFromTheStartIsFoundAgainstACheckpoint() {
        AuditVerifier.Checkpoint kept = verify(chain(3)).head();
        List<AuditChain.Link> rewritten = new ArrayList<>();
        AuditChain.Link last = null;
        for (int i = 1; i <= 4; i++) {
            last = AuditChain.append(last, JsonLinesAuditSinkTest.record(i, "forger"));
            rewritten.add(last);
        }

        AuditVerifier.Result result = AuditVerifier.verify(rewritten.iterator(), Optional.of(kept));

        assertThat(result.valid()).isFalse();
        assertThat(result.firstBadRecord()).isEqualTo(3);
    }

    @Test
    void aHashOfPrecomputedCanonicalJsonIsTheRecordsHash() throws Exception {
        AuditRecord r = JsonLinesAuditSinkTest.record(7, "adjuster7");
        String previous = AuditChain.hash(6, AuditChain.GENESIS, JsonLinesAuditSinkTest.record(6, "adjuster6"));
        String canonical = AuditChain.canonical(r);
        java.security.MessageDigest sha = java.security.MessageDigest.getInstance("SHA-256");
        String expected = java.util.HexFormat.of()
                .formatHex(sha.digest(
                        ("7|" + previous + "|" + canonical).getBytes(java.nio.charset.StandardCharsets.UTF_8)));

        assertThat(AuditChain.hash(7, previous, canonical))
                .isEqualTo(AuditChain.hash(7, previous, r))
                .isEqualTo(expected);
        assertThat(AuditChain.hash(8, previous, canonical)).isNotEqualTo(expected);
    }

    @Test
    void theCanonicalFormDoesNotDependOnSetOrMapOrder() {
        AuditRecord base = JsonLinesAuditSinkTest.record(1, "a");
        Map<String, String> tags1 = new LinkedHashMap<>();
        tags1.put("b", "2");
        tags1.put("a", "1");
        Map<String, String> tags2 = new LinkedHashMap<>();
        tags2.put("a", "1");
        tags2.put("b", "2");
        AuditRecord r1 = copy(base, new LinkedHashSet<>(List.of(DataClass.PII, DataClass.PHI)), tags1);
        AuditRecord r2 = copy(base, new LinkedHashSet<>(List.of(DataClass.PHI, DataClass.PII)), tags2);

        assertThat(AuditChain.canonical(r1)).isEqualTo(AuditChain.canonical(r2));
        assertThat(AuditChain.canonical(r1)).contains("\"dataClasses\":[\"PHI\",\"PII\"]");
        assertThat(AuditChain.hash(1, AuditChain.GENESIS, r1))
                .hasSize(64)
                .isEqualTo(AuditChain.hash(1, AuditChain.GENESIS, r2));
    }

    private static AuditRecord copy(AuditRecord r, java.util.Set<DataClass> classes, Map<String, String> tags) {
        return new AuditRecord(
                r.id(),
                r.timestamp(),
                r.capability(),
                r.source(),
                r.promptId(),
                r.promptVersion(),
                r.promptHash(),
                r.principal(),
                r.tenant(),
                r.correlationId(),
                r.route(),
                r.provider(),
                r.model(),
                r.usage(),
                r.cost(),
                r.latency(),
                r.outcome(),
                r.reason(),
                r.attempts(),
                r.approvalId(),
                r.approver(),
                RiskTier.HIGH,
                classes,
                tags);
    }
}
