package dev.steward.cdi.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.steward.cdi.it.app.AdjustmentService;
import dev.steward.cdi.it.app.EchoProvider;
import dev.steward.cdi.it.scan.ScanningApplication;
import java.io.File;
import java.net.URI;
import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.Objects;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.ShrinkWrap;
import org.jboss.shrinkwrap.api.asset.EmptyAsset;
import org.jboss.shrinkwrap.api.asset.StringAsset;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * An application that relies on Jakarta REST scanning, on Open Liberty: the runtime finds Steward's resources and its
 * exception mapper in {@code WEB-INF/lib} without the application listing them, and
 * {@code steward.cdi.rest.enabled=false} turns the resources off while the mapper keeps answering for the
 * application's own endpoint.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class ScanningApplicationOnLibertyIT {

    private static final String SUPERVISOR = "supervisor1:supervisor1-demo";
    private static final String ADJUSTER = "adjuster1:adjuster1-demo";
    private static final ObjectMapper JSON = new ObjectMapper();

    private final HttpClient http =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();

    @ArquillianResource
    URL base;

    @Deployment(testable = false)
    static WebArchive application() {
        File app = new File("src/test/liberty/app");
        File[] libs = Objects.requireNonNull(
                new File(System.getProperty("steward.it.lib")).listFiles((d, n) -> n.endsWith(".jar")));
        return ShrinkWrap.create(WebArchive.class, "steward-scanning.war")
                .addPackage(ScanningApplication.class.getPackage())
                .addClasses(AdjustmentService.class, EchoProvider.class)
                .addAsWebInfResource(new File(app, "web.xml"), "web.xml")
                .addAsWebInfResource(EmptyAsset.INSTANCE, "beans.xml")
                .addAsResource(
                        new StringAsset("steward.audit.sink=memory\n"
                                + "steward.route.default.providers=echo\n"
                                + "steward.capability.claims.adjust.allowed-roles=adjuster\n"
                                + "steward.cdi.rest.enabled=false\n"),
                        "META-INF/microprofile-config.properties")
                .addAsResource(
                        new File(app, "prompts/claims.adjust/versions"),
                        "META-INF/steward/prompts/claims.adjust/versions")
                .addAsResource(
                        new File(app, "prompts/claims.adjust/v1.txt"), "META-INF/steward/prompts/claims.adjust/v1.txt")
                .addAsLibraries(libs)
                .addAsLibraries(new File(System.getProperty("steward.it.jar")));
    }

    @Test
    void scanningFindsStewardsResourcesWhichTheSwitchTurnsOff() throws Exception {
        for (String path :
                new String[] {"api/steward/approvals", "api/steward/audit", "api/steward/approvals/x/result"}) {
            HttpResponse<String> response = send("GET", path, SUPERVISOR);

            // a JSON body from Steward's resource, not the runtime's bare 404: the class was found by scanning
            assertThat(response.statusCode()).as(path).isEqualTo(404);
            assertThat(response.headers().firstValue("Content-Type"))
                    .hasValueSatisfying(t -> assertThat(t).startsWith("application/json"));
            JsonNode error = JSON.readTree(response.body());
            assertThat(error.path("error").asText()).isEqualTo("not-found");
            assertThat(error.path("message").asText()).contains("steward.cdi.rest.enabled=false");
        }
    }

    @Test
    void scanningRegistersTheExceptionMapperForTheApplicationsOwnResources() throws Exception {
        HttpResponse<String> pending = send("POST", "api/claims/C-5/adjustment", ADJUSTER);

        assertThat(pending.statusCode()).as(pending.body()).isEqualTo(202);
        assertThat(JSON.readTree(pending.body()).path("error").asText()).isEqualTo("approval-pending");
    }

    private HttpResponse<String> send(String method, String path, String credentials) throws Exception {
        HttpRequest request = HttpRequest.newBuilder(URI.create(base.toString()).resolve(path))
                .timeout(Duration.ofSeconds(30))
                .method(method, HttpRequest.BodyPublishers.noBody())
                .header(
                        "Authorization",
                        "Basic " + Base64.getEncoder().encodeToString(credentials.getBytes(StandardCharsets.UTF_8)))
                .build();
        return http.send(request, HttpResponse.BodyHandlers.ofString());
    }
}
