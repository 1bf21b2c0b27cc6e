package dev.steward.samples.claims;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URL;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The per-user daily ceiling of {@code claims.draft-letter} holds under a burst of adversarial letters for one user,
 * sent through the sample's REST API on Open Liberty: texts whose tokens are hard to estimate (one-letter words, CJK
 * without spaces, emoji, long digit strings) and one far beyond the ceiling. The user's spend, summed from the audit
 * records' usage, never exceeds the ceiling, and once it is spent every further letter is refused. A deployment of
 * its own, so its ledger starts empty.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class LetterBudgetIT {

    private static final String ADJUSTER = "adjuster1:adjuster1-demo";
    private static final String SUPERVISOR = "supervisor1:supervisor1-demo";
    private static final long CEILING = 600;
    private static final int THREADS = 64;
    private static final int LETTERS_PER_THREAD = 3;
    private static final ObjectMapper JSON = new ObjectMapper();

    /** Adversarial decisions; the last one alone reserves more than the ceiling. */
    private static final List<String> DECISIONS = List.of(
            "a b c d e f g h i j k l m n o p q r s t",
            LetterDrafterTest.oneLetterWords(120),
            "我们将全额赔付您的索赔请求谢谢您的耐心等待",
            "😀😃😄😁😆 🙂🙃😉😊😇 🥰😍🤩😘😗",
            "4200420042004200420042004200420042004200420042004200420042004200",
            "1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5",
            "x",
            LetterDrafterTest.oneLetterWords(939));

    // HTTP/1.1 as REST clients speak it: the JDK client's default, HTTP/2, opens every plain-HTTP connection with an
    // h2c upgrade of the POST, and Open Liberty's upgrade path fails under a burst of them (an FFDC per connection,
    // NullPointerException "this.isc is null" in HttpDispatcherLink.handleHTTP2UpgradeRequest), leaving a request
    // unanswered until its client timeout
    private final HttpClient http = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(10))
            .build();

    @ArquillianResource
    URL base;

    @Deployment(testable = false)
    static WebArchive application() throws Exception {
        return SampleArchive.withoutEmbeddings("claims-letter-budget");
    }

    @Test
    @Timeout(value = 5, unit = TimeUnit.MINUTES)
    void concurrentAdversarialLettersNeverSpendMoreThanTheUsersDailyCeiling() throws Exception {
        Instant start = Instant.now();
        CountDownLatch ready = new CountDownLatch(THREADS);
        CountDownLatch go = new CountDownLatch(1);
        Map<Integer, AtomicInteger> statuses = new ConcurrentHashMap<>();
        List<String> unexpected = new ArrayList<>();
        ExecutorService pool = Executors.newFixedThreadPool(THREADS);
        try {
            List<Future<?>> done = new ArrayList<>();
            for (int t = 0; t < THREADS; t++) {
                int thread = t;
                done.add(pool.submit(() -> {
                    ready.countDown();
                    go.await();
                    for (int i = 0; i < LETTERS_PER_THREAD; i++) {
                        String decision = DECISIONS.get((thread + i) % DECISIONS.size());
                        HttpResponse<String> r = letter(decision);
                        statuses.computeIfAbsent(r.statusCode(), k -> new AtomicInteger())
                                .incrementAndGet();
                        if (r.statusCode() == 429) {
                            assertBudgetRefusal(r);
                        } else if (r.statusCode() != 202) {
                            synchronized (unexpected) {
                                unexpected.add(r.statusCode() + " " + r.body());
                            }
                        }
                    }
                    return null;
                }));
            }
            assertThat(ready.await(30, TimeUnit.SECONDS)).isTrue();
            go.countDown();
            for (Future<?> f : done) {
                f.get(3, TimeUnit.MINUTES);
            }
        } finally {
            pool.shutdownNow();
        }
        assertThat(unexpected).isEmpty();
        assertThat(statuses.get(202))
                .as("letters admitted in the burst: %s", statuses)
                .isNotNull();
        assertThat(statuses.get(429))
                .as("letters refused in the burst: %s", statuses)
                .isNotNull();

        // nothing is in flight now: the smallest letter is admitted until what is left cannot hold its reservation
        HttpResponse<String> refused = null;
        for (int i = 0; i < 10 && refused == null; i++) {
            HttpResponse<String> r = letter("x");
            if (r.statusCode() == 429) {
                refused = r;
            } else {
                assertThat(r.statusCode()).as(r.body()).isEqualTo(202);
            }
        }
        assertThat(refused).as("the ceiling was never reached").isNotNull();
        assertBudgetRefusal(refused);
        for (String decision : DECISIONS) {
            HttpResponse<String> again = letter(decision);
            assertThat(again.statusCode()).as(again.body()).isEqualTo(429);
            assertBudgetRefusal(again);
        }

        JsonNode records = audit(start);
        long spent = 0;
        int charged = 0;
        int rejected = 0;
        for (JsonNode record : records) {
            long tokens = record.path("inputTokens").asLong()
                    + record.path("outputTokens").asLong();
            spent += tokens;
            charged += tokens > 0 ? 1 : 0;
            rejected += record.path("outcome").asText().equals("BUDGET_REJECTED") ? 1 : 0;
            assertThat(record.path("outputTokens").asLong())
                    .as("output of %s", record)
                    .isLessThanOrEqualTo(120);
        }
        System.out.printf(
                "LetterBudgetIT: %d requests %s; %d letters charged %d tokens against a ceiling of %d;"
                        + " %d audited refusals%n",
                THREADS * LETTERS_PER_THREAD, statuses, charged, spent, CEILING, rejected);
        assertThat(charged).isPositive();
        assertThat(spent).isPositive().isLessThanOrEqualTo(CEILING);
        assertThat(rejected).isEqualTo(statuses.get(429).get() + 1 + DECISIONS.size());
    }

    @Test
    void theWalkthroughsFiguresHoldForItsLetter() throws Exception {
        String adjuster2 = "adjuster2:adjuster2-demo";
        // a decision whose reservation alone exceeds the ceiling is refused on a fresh day, and nothing is spent
        HttpResponse<String> tooLarge = send(
                "POST",
                "api/claims/C-1002/letter",
                adjuster2,
                JSON.writeValueAsString(Map.of("decision", "We will pay the repairs in full. ".repeat(10))));
        assertThat(tooLarge.statusCode()).as(tooLarge.body()).isEqualTo(429);
        assertThat(JSON.readTree(tooLarge.body()).path("message").asText())
                .contains("for one call of 'claims.draft-letter' exceeds the DAY ceiling of 600 tokens of 'adjuster2';"
                        + " nothing was spent, but no call this large can pass");

        // the walkthrough's letter: a reservation of 363 tokens, about 65 charged each, so four fit and the fifth not
        List<Integer> statuses = new ArrayList<>();
        HttpResponse<String> last = null;
        for (int i = 0; i < 5; i++) {
            last = send(
                    "POST",
                    "api/claims/C-1002/letter",
                    adjuster2,
                    "{\"decision\":\"We will pay 1,850 EUR for the door and the mirror.\"}");
            statuses.add(last.statusCode());
        }
        assertThat(statuses).containsExactly(202, 202, 202, 202, 429);
        assertThat(JSON.readTree(last.body()).path("message").asText())
                .isEqualTo("'adjuster2' has spent the DAY ceiling of 600 tokens for 'claims.draft-letter': what was"
                        + " spent and what calls in flight reserve leave less than this call's reservation of 363"
                        + " tokens");
    }

    private static void assertBudgetRefusal(HttpResponse<String> r) throws Exception {
        JsonNode body = JSON.readTree(r.body());
        assertThat(body.path("error").asText()).as(r.body()).isEqualTo("budget-exceeded");
        assertThat(body.path("message").asText()).contains("adjuster1").contains(CEILING + " tokens");
    }

    private HttpResponse<String> letter(String decision) throws Exception {
        return send(
                "POST", "api/claims/C-1001/letter", ADJUSTER, JSON.writeValueAsString(Map.of("decision", decision)));
    }

    private JsonNode audit(Instant from) throws Exception {
        HttpResponse<String> r = send(
                "GET",
                "api/steward/audit?capability=claims.draft-letter&user=adjuster1&limit=1000&from="
                        + URLEncoder.encode(from.toString(), StandardCharsets.UTF_8),
                SUPERVISOR,
                null);
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        JsonNode records = JSON.readTree(r.body());
        assertThat(records.size()).isLessThan(1000);
        return records;
    }

    private HttpResponse<String> send(String method, String path, String credentials, String json) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(base.toURI().resolve(path))
                .timeout(Duration.ofSeconds(60))
                .header(
                        "Authorization",
                        "Basic " + Base64.getEncoder().encodeToString(credentials.getBytes(StandardCharsets.UTF_8)));
        if (json != null) {
            b.header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(json));
        } else {
            b.GET();
        }
        return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }
}
