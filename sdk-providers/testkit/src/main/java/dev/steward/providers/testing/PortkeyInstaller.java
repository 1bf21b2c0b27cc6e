package dev.steward.providers.testing;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Installs the open-source Portkey gateway from npm into a directory, once. The Maven build runs it before the
 * integration tests; {@link PortkeyGateway} runs it too, so the tests also work from an IDE.
 *
 * <p>Without npm it prints why and leaves the gateway uninstalled, so the tests that need it skip, except when the
 * environment variable {@code CI} is {@code true}: there a missing gateway fails the build.
 */
public final class PortkeyInstaller {

    /** The npm package. */
    public static final String PACKAGE = "@portkey-ai/gateway";

    private PortkeyInstaller() {}

    /**
     * Installs the gateway.
     *
     * @param args the install prefix and the version
     * @throws Exception if npm fails while CI is true
     */
    public static void main(String[] args) throws Exception {
        Path prefix = Path.of(args[0]);
        String version = args[1];
        String problem = install(prefix, version);
        if (problem != null) {
            if (isCi()) {
                throw new IllegalStateException("Portkey gateway not installed: " + problem);
            }
            System.out.println("[WARNING] Portkey gateway not installed, its tests will be skipped: " + problem);
        }
    }

    /**
     * The gateway's start script under a prefix.
     *
     * @param prefix the install prefix
     * @return the script path
     */
    public static Path startScript(Path prefix) {
        return prefix.resolve("node_modules/@portkey-ai/gateway/build/start-server.js");
    }

    /**
     * Installs the gateway unless it is already there.
     *
     * @param prefix the install prefix
     * @param version the version
     * @return {@code null} on success, else why it failed
     */
    public static synchronized String install(Path prefix, String version) {
        if (Files.isRegularFile(startScript(prefix))) {
            return null;
        }
        String npm =
                System.getProperty("os.name").toLowerCase(java.util.Locale.ROOT).contains("win") ? "npm.cmd" : "npm";
        try {
            Files.createDirectories(prefix);
            Process process = new ProcessBuilder(List.of(
                            npm,
                            "install",
                            "--no-audit",
                            "--no-fund",
                            "--loglevel=error",
                            "--prefix",
                            prefix.toString(),
                            PACKAGE + "@" + version))
                    .redirectErrorStream(true)
                    .redirectOutput(prefix.resolve("npm-install.log").toFile())
                    .start();
            if (!process.waitFor(10, TimeUnit.MINUTES)) {
                process.destroyForcibly();
                return "npm install did not finish within 10 minutes";
            }
            if (process.exitValue() != 0) {
                return "npm install exited with " + process.exitValue() + ", see " + prefix.resolve("npm-install.log");
            }
            return Files.isRegularFile(startScript(prefix)) ? null : "npm installed no " + startScript(prefix);
        } catch (IOException e) {
            return "npm could not be run (" + e.getMessage() + ")";
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "interrupted";
        }
    }

    /**
     * Whether the build runs in CI, where a missing gateway must fail rather than skip.
     *
     * @return {@code true} when the environment variable CI is {@code true}
     */
    public static boolean isCi() {
        return "true".equalsIgnoreCase(System.getenv("CI"));
    }
}
