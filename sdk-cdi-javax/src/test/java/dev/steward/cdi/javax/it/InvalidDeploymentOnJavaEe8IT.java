package dev.steward.cdi.javax.it;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.steward.cdi.javax.it.app.EchoProvider;
import dev.steward.cdi.javax.it.invalid.MisdeclaredService;
import java.io.File;
import java.util.Objects;
import org.jboss.arquillian.container.test.api.Deployer;
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
 * On Open Liberty's Java EE 8 features, the javax extension validates the deployment as the Jakarta one does: a
 * misdeclared capability fails the WAR's deployment, naming {@code Class#method}.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class InvalidDeploymentOnJavaEe8IT {

    private static final String INVALID = "invalid";

    @ArquillianResource
    Deployer deployer;

    @Deployment(name = INVALID, managed = false, testable = false)
    static WebArchive misdeclared() {
        File[] libs = Objects.requireNonNull(
                new File(System.getProperty("steward.it.lib")).listFiles((d, n) -> n.endsWith(".jar")));
        return ShrinkWrap.create(WebArchive.class, "steward-javax-invalid.war")
                .addClasses(MisdeclaredService.class, EchoProvider.class)
                .addAsWebInfResource(EmptyAsset.INSTANCE, "beans.xml")
                .addAsResource(
                        new StringAsset("steward.audit.sink=memory\nsteward.route.default.providers=echo\n"),
                        "META-INF/microprofile-config.properties")
                .addAsLibraries(libs)
                .addAsLibraries(new File(System.getProperty("steward.it.jar")));
    }

    @Test
    void failsDeploymentNamingTheMethodAndThePrompt() {
        try {
            assertThatThrownBy(() -> deployer.deploy(INVALID))
                    .hasStackTraceContaining(MisdeclaredService.class.getName() + "#ask")
                    .hasStackTraceContaining("claims.missing");
        } finally {
            deployer.undeploy(INVALID);
        }
    }
}
