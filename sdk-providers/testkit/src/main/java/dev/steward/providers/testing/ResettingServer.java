package dev.steward.providers.testing;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;

/**
 * A raw socket server that reads a request, sends the status line, headers and the first part of a JSON body whose
 * declared length is larger, then resets the connection (SO_LINGER 0 makes close send RST, not FIN): the client sees
 * a connection reset in the middle of the body.
 */
public final class ResettingServer implements AutoCloseable {

    private final ServerSocket socket;
    private final Thread acceptor;

    private ResettingServer() throws IOException {
        socket = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        acceptor = new Thread(this::serve, "resetting-server");
        acceptor.setDaemon(true);
        acceptor.start();
    }

    /**
     * Starts the server on an ephemeral port.
     *
     * @return the running server
     */
    public static ResettingServer start() {
        try {
            return new ResettingServer();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * The base URL, ending in {@code /v1}.
     *
     * @return the URL
     */
    public String baseUrl() {
        return "http://127.0.0.1:" + socket.getLocalPort() + "/v1";
    }

    private void serve() {
        while (!socket.isClosed()) {
            try (Socket client = socket.accept()) {
                readRequest(client.getInputStream());
                byte[] partial = "{\"id\":\"chatcmpl-1\",\"choices\":[{\"message\":{\"content\":\"d e"
                        .getBytes(StandardCharsets.UTF_8);
                OutputStream out = client.getOutputStream();
                out.write(("HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: 400\r\n\r\n")
                        .getBytes(StandardCharsets.US_ASCII));
                out.write(partial);
                out.flush();
                client.setSoLinger(true, 0);
            } catch (IOException e) {
                // the socket was closed by close(), or a client went away: either way, next
            }
        }
    }

    /** Reads headers and a Content-Length body, so the reset hits the reply and not the request. */
    private static void readRequest(InputStream in) throws IOException {
        StringBuilder head = new StringBuilder();
        int b;
        while ((b = in.read()) != -1) {
            head.append((char) b);
            if (head.length() >= 4 && head.substring(head.length() - 4).equals("\r\n\r\n")) {
                break;
            }
        }
        int length = 0;
        for (String line : head.toString().split("\r\n")) {
            if (line.toLowerCase(java.util.Locale.ROOT).startsWith("content-length:")) {
                length = Integer.parseInt(line.substring(15).trim());
            }
        }
        in.readNBytes(length);
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }
}
