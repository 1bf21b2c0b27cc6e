package dev.steward.samples.claims;

import java.io.File;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import org.jboss.shrinkwrap.api.ShrinkWrap;
import org.jboss.shrinkwrap.api.asset.StringAsset;
import org.jboss.shrinkwrap.api.spec.WebArchive;

/** The WAR that {@code package} built, for integration tests that deploy it more than once per server. */
final class SampleArchive {

    private SampleArchive() {}

    /**
     * The sample's WAR with the embeddings classifier of {@code claims.triage} and the injection guard (which reads
     * the same embeddings) off. Their tokenizer is a native library (DJL's {@code libtokenizers}) that a JVM lets
     * only one class loader load, so a WAR that uses it deploys once per server JVM and every later deployment fails
     * with {@code UnsatisfiedLinkError}. Everything else, all of Steward, the redaction and the other providers, stays
     * in.
     *
     * <p>Each test names its own archive, which is also its application name and context root on the server, so a
     * deployment that a failing test leaves behind cannot block another test's deployment. The name also prefixes the
     * deployment's tables in the server's database, so its audit log, approvals and budgets start empty whatever
     * another test's deployment spent.
     *
     * @param name the application name and context root, without {@code .war}
     * @return the archive
     * @throws Exception if the WAR cannot be read
     */
    static WebArchive withoutEmbeddings(String name) throws Exception {
        WebArchive war = ShrinkWrap.create(WebArchive.class, name + ".war")
                .merge(ShrinkWrap.createFromZipFile(WebArchive.class, new File("target/claims-liberty.war")));
        String config = "WEB-INF/classes/META-INF/microprofile-config.properties";
        String properties;
        try (InputStream in = war.get(config).getAsset().openStream()) {
            properties = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        war.delete(config);
        String tables = name.replaceAll("[^a-z0-9]", "_") + "_";
        war.add(
                new StringAsset(properties
                        + "\nsteward.provider.triage.enabled=false\nsteward.guard.injection.action=off"
                        + "\nsteward.capability.claims.summarize.injection.action=off\nsteward.store.jdbc.table-prefix="
                        + tables + "\n"),
                config);
        return war;
    }
}
