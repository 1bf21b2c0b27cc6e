package dev.steward.providers.testing;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;

/**
 * The open-source Portkey gateway, run with node on an ephemeral port for the duration of a test class. Only the
 * process this class started is ever stopped.
 */
public final class PortkeyGateway implements AutoCloseable {

    private final Process process;
    private final int port;
    private final Path log;

    private PortkeyGateway(Process process, int port, Path log) {
        this.process = process;
        this.port = port;
        this.log = log;
    }

    /**
     * Installs the gateway if needed and starts it. Skips the calling test (an assumption failure) when node or npm
     * is missing, unless the environment variable CI is true, where it fails instead.
     *
     * @return the running gateway
     * @throws IllegalStateException if the gateway does not start listening in time
     */
    public static PortkeyGateway start() {
        return start(0);
    }

    /**
     * Like {@link #start()}, on a given port, for a client configured before the test starts (an application
     * server).
     *
     * @param fixedPort the loopback port, 0 for an ephemeral one
     * @return the running gateway
     * @throws IllegalStateException if the gateway does not start listening in time
     */
    public static PortkeyGateway start(int fixedPort) {
        Path prefix = Path.of(System.getProperty("portkey.prefix", "target/portkey"));
        String version = System.getProperty("portkey.version", "1.15.2");
        String problem = PortkeyInstaller.install(prefix, version);
        if (problem == null && !commandWorks("node", "--version")) {
            problem = "node is not on the PATH";
        }
        if (problem != null) {
            if (PortkeyInstaller.isCi()) {
                throw new IllegalStateException("CI=true and the Portkey gateway is unavailable: " + problem);
            }
            Assumptions.abort("Portkey gateway unavailable, test skipped: " + problem);
        }
        int port = fixedPort == 0 ? freePort() : fixedPort;
        Path log = prefix.resolve("gateway-" + port + ".log");
        try {
            Process process = new ProcessBuilder(List.of(
                            "node", PortkeyInstaller.startScript(prefix).toString(), "--port=" + port, "--headless"))
                    .redirectErrorStream(true)
                    .redirectOutput(log.toFile())
                    .start();
            PortkeyGateway gateway = new PortkeyGateway(process, port, log);
            gateway.awaitListening(Duration.ofSeconds(60));
            return gateway;
        } catch (IOException e) {
            throw new IllegalStateException("could not start the Portkey gateway", e);
        }
    }

    /**
     * The gateway's OpenAI-compatible base URL.
     *
     * @return the URL, ending in {@code /v1}
     */
    public String baseUrl() {
        return "http://127.0.0.1:" + port + "/v1";
    }

    /**
     * Steward configuration of a gateway provider that goes through this Portkey gateway to an OpenAI-compatible
     * upstream (Portkey's {@code openai} provider with a custom host).
     *
     * @param provider the Steward provider name
     * @param upstreamBaseUrl the upstream's base URL
     * @return the {@code steward.provider.<provider>.*} keys
     */
    public java.util.Map<String, String> providerConfig(String provider, String upstreamBaseUrl) {
        String p = "steward.provider." + provider + ".";
        return java.util.Map.of(
                p + "type", "gateway",
                p + "base-url", baseUrl(),
                p + "model", "gpt-4o-mini",
                p + "preset", "portkey",
                p + "headers", "x-portkey-provider: openai; x-portkey-custom-host: " + upstreamBaseUrl,
                p + "api-key", "sk-test-123",
                p + "timeout", "20s");
    }

    private void awaitListening(Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException(
                        "the Portkey gateway exited with " + process.exitValue() + ": " + tail());
            }
            try (Socket probe = new Socket(InetAddress.getLoopbackAddress(), port)) {
                probe.setSoTimeout(1000);
                return;
            } catch (IOException notYet) {
                try {
                    // polling a port that is not open yet: there is no event to wait on
                    Thread.sleep(100);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    break;
                }
            }
        }
        close();
        throw new IllegalStateException("the Portkey gateway did not listen on " + port + " within " + timeout);
    }

    private String tail() {
        try {
            String text = Files.readString(log);
            return text.length() <= 2000 ? text : text.substring(text.length() - 2000);
        } catch (IOException e) {
            return "(no log)";
        }
    }

    private static boolean commandWorks(String... command) {
        try {
            Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
            p.getInputStream().readAllBytes();
            return p.waitFor(30, TimeUnit.SECONDS) && p.exitValue() == 0;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    private static int freePort() {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Stops the gateway process this instance started, and only it. */
    @Override
    public void close() {
        process.destroy();
        try {
            if (!process.waitFor(10, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
