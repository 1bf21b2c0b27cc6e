package dev.steward.samples.claims;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.lang.management.ThreadInfo;
import java.lang.management.ThreadMXBean;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.TimeUnit;
import javax.management.MBeanServerConnection;
import javax.management.remote.JMXConnector;
import javax.management.remote.JMXConnectorFactory;
import javax.management.remote.JMXServiceURL;
import org.jboss.arquillian.container.test.api.Deployer;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Undeploying the sample releases every thread Steward started: the WAR is deployed, used (a summary and a letter,
 * each through the gateway first) and undeployed several times, and the server's threads are read through JMX
 * (Liberty's local connector) after each undeploy. No {@code steward-} thread may survive an undeploy, and the
 * server's thread count may not grow from one redeploy to the next.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class RedeployIT {

    private static final String DEPLOYMENT = "claims-redeployed";
    private static final int REDEPLOYS = 5;
    private static final int TOLERANCE = 2;

    // HTTP/1.1 as REST clients speak it: the JDK client's default, HTTP/2, opens every plain-HTTP connection with an
    // h2c upgrade of the POST, and Open Liberty's upgrade path fails under a burst of them (an FFDC per connection,
    // NullPointerException "this.isc is null" in HttpDispatcherLink.handleHTTP2UpgradeRequest), leaving a request
    // unanswered until its client timeout
    private final HttpClient http = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(10))
            .build();

    @ArquillianResource
    Deployer deployer;

    @Deployment(name = DEPLOYMENT, managed = false, testable = false)
    static WebArchive application() throws Exception {
        return SampleArchive.withoutEmbeddings(DEPLOYMENT);
    }

    @Test
    @Timeout(value = 10, unit = TimeUnit.MINUTES)
    void undeployingTheSampleLeavesNoStewardThreadBehindAndRedeploysDoNotGrowTheServersThreads() throws Exception {
        Path address = Path.of(System.getProperty("it.server.dir"), "logs", "state", "com.ibm.ws.jmx.local.address");
        try (JMXConnector jmx = JMXConnectorFactory.connect(
                new JMXServiceURL(Files.readString(address).trim()))) {
            MBeanServerConnection server = jmx.getMBeanServerConnection();
            ThreadMXBean threads = ManagementFactory.newPlatformMXBeanProxy(
                    server, ManagementFactory.THREAD_MXBEAN_NAME, ThreadMXBean.class);
            MemoryMXBean memory = ManagementFactory.newPlatformMXBeanProxy(
                    server, ManagementFactory.MEMORY_MXBEAN_NAME, MemoryMXBean.class);

            List<Integer> counts = new ArrayList<>();
            List<List<String>> names = new ArrayList<>();
            for (int i = 0; i < REDEPLOYS; i++) {
                deployer.deploy(DEPLOYMENT);
                // the deployments share one database, so budgets spent by one are spent for the next: the two
                // adjusters take turns, three letters and two at most, well within a day's 600 tokens each
                use(i % 2 == 0 ? "adjuster1:adjuster1-demo" : "adjuster2:adjuster2-demo");
                assertThat(stewardThreads(threads))
                        .as("while deployed, Steward's threads are visible")
                        .isNotEmpty();

                deployer.undeploy(DEPLOYMENT);
                int undeploy = i + 1;
                // closing shuts the executors down; their threads end moments later
                await().atMost(Duration.ofSeconds(20))
                        .pollInterval(Duration.ofMillis(100))
                        .untilAsserted(() -> assertThat(stewardThreads(threads))
                                .as("threads left after undeploy %d", undeploy)
                                .isEmpty());
                // threads that end only when their owner is collected (the JDK HttpClient's selector) get the chance
                memory.gc();
                names.add(threadNames(threads));
                counts.add(threads.getThreadCount());
            }
            System.out.printf("RedeployIT: live threads after each of %d undeploys: %s%n", REDEPLOYS, counts);
            assertThat(counts.get(REDEPLOYS - 1))
                    .as("threads after the last undeploy %s vs the first %s", names.get(REDEPLOYS - 1), names.get(0))
                    .isLessThanOrEqualTo(counts.get(0) + TOLERANCE);
        }
    }

    private void use(String credentials) throws Exception {
        assertThat(post("api/claims/C-1002/summary", null, credentials)).isEqualTo(200);
        assertThat(post("api/claims/C-1003/letter", "{\"decision\":\"We will pay the claim in full.\"}", credentials))
                .isEqualTo(202);
    }

    private int post(String path, String json, String credentials) throws Exception {
        URI uri = URI.create("http://localhost:" + System.getProperty("it.http.port") + "/" + DEPLOYMENT + "/" + path);
        HttpRequest.Builder b = HttpRequest.newBuilder(uri)
                .timeout(Duration.ofSeconds(60))
                .header(
                        "Authorization",
                        "Basic " + Base64.getEncoder().encodeToString(credentials.getBytes(StandardCharsets.UTF_8)));
        if (json == null) {
            b.POST(HttpRequest.BodyPublishers.noBody());
        } else {
            b.header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(json));
        }
        HttpResponse<String> r = http.send(b.build(), HttpResponse.BodyHandlers.ofString());
        assertThat(r.statusCode()).as("%s: %s", path, r.body()).isBetween(200, 299);
        return r.statusCode();
    }

    private static List<String> stewardThreads(ThreadMXBean threads) {
        return threadNames(threads).stream()
                .filter(n -> n.startsWith("steward-"))
                .toList();
    }

    private static List<String> threadNames(ThreadMXBean threads) {
        return Arrays.stream(threads.getThreadInfo(threads.getAllThreadIds()))
                .filter(Objects::nonNull)
                .map(ThreadInfo::getThreadName)
                .sorted()
                .toList();
    }
}
