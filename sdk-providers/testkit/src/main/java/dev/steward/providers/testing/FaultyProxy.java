package dev.steward.providers.testing;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A TCP proxy on 127.0.0.1 between the stores and a server (a database, Redis), which a test tells to misbehave: {@link #stall} holds
 * every byte in both directions for a while (a server that accepts connections and then says nothing), {@link
 * #drop} closes every open connection and refuses new ones for a while (a server that went away), {@link #heal}
 * ends either at once. Both faults end by themselves when their time is up, so nothing waits on the test to recover.
 * Bytes held by a stall are delivered when it ends, as a congested network would, so a request whose client gave up
 * may still reach the server. Every thread is a daemon that ends when its sockets close; {@link #close()} closes them
 * all. Thread-safe.
 */
public final class FaultyProxy implements AutoCloseable {

    private final InetSocketAddress target;
    private final ServerSocket server;
    private final Thread acceptor;
    private final Set<Socket> open = ConcurrentHashMap.newKeySet();
    private final List<Thread> threads = new ArrayList<>();
    // guarded by this; nanoTime deadlines, 0 when no fault is on
    private long stallUntil;
    private long refuseUntil;
    private volatile boolean closed;

    /**
     * Starts a proxy to the server of a URL such as {@code jdbc:postgresql://127.0.0.1:5432/test} or {@code
     * redis://127.0.0.1:6379}.
     *
     * @param url the server's URL, with host and port
     * @throws IOException if the proxy cannot listen
     */
    public FaultyProxy(String url) throws IOException {
        URI uri = URI.create(url.startsWith("jdbc:") ? url.substring("jdbc:".length()) : url);
        this.target = new InetSocketAddress(uri.getHost(), uri.getPort());
        this.server = new ServerSocket(0, 100, InetAddress.getLoopbackAddress());
        this.acceptor = new Thread(this::accept, "faulty-proxy-accept");
        acceptor.setDaemon(true);
        acceptor.start();
    }

    /**
     * A URL of the server that goes through this proxy.
     *
     * @param url the server's URL, as given to the constructor
     * @return the same URL with the proxy's host and port
     */
    public String url(String url) {
        return url.replace(target.getHostString() + ":" + target.getPort(), "127.0.0.1:" + server.getLocalPort());
    }

    /**
     * Holds every byte, both ways, on open and new connections for a while; connections stay open.
     *
     * @param d how long
     */
    public synchronized void stall(Duration d) {
        stallUntil = System.nanoTime() + d.toNanos();
        notifyAll();
    }

    /**
     * Closes every open connection and refuses new ones (accepted, then closed at once) for a while.
     *
     * @param d how long
     */
    public void drop(Duration d) {
        synchronized (this) {
            refuseUntil = System.nanoTime() + d.toNanos();
            stallUntil = 0;
            notifyAll();
        }
        dropAll();
    }

    /** Closes every open connection now. */
    public void dropAll() {
        for (Socket s : open) {
            closeQuietly(s);
        }
    }

    /** Ends a stall or a drop now. */
    public synchronized void heal() {
        stallUntil = 0;
        refuseUntil = 0;
        notifyAll();
    }

    /**
     * Whether a stall or a drop is on.
     *
     * @return {@code true} until the fault ends by itself or {@link #heal} ends it
     */
    public synchronized boolean faulty() {
        long now = System.nanoTime();
        return now < stallUntil || now < refuseUntil;
    }

    private synchronized boolean refusing() {
        return System.nanoTime() < refuseUntil;
    }

    // Waits while a stall is on: until it ends by itself, the proxy heals or closes.
    private synchronized void awaitNoStall() throws InterruptedException {
        while (!closed) {
            long left = stallUntil - System.nanoTime();
            if (left <= 0) {
                return;
            }
            wait(Math.max(1, left / 1_000_000));
        }
    }

    private void accept() {
        while (!closed) {
            Socket client;
            try {
                client = server.accept();
            } catch (IOException e) {
                return; // closed
            }
            if (refusing()) {
                closeQuietly(client);
                continue;
            }
            Socket upstream = new Socket();
            try {
                upstream.connect(target, 2_000);
            } catch (IOException e) {
                closeQuietly(client);
                closeQuietly(upstream);
                continue;
            }
            open.add(client);
            open.add(upstream);
            pump(client, upstream, "up");
            pump(upstream, client, "down");
        }
    }

    private void pump(Socket from, Socket to, String direction) {
        Thread t = new Thread(
                () -> {
                    byte[] buffer = new byte[16 * 1024];
                    try (InputStream in = from.getInputStream();
                            OutputStream out = to.getOutputStream()) {
                        int n;
                        while ((n = in.read(buffer)) >= 0) {
                            awaitNoStall();
                            out.write(buffer, 0, n);
                            out.flush();
                        }
                    } catch (IOException | InterruptedException e) {
                        // a closed socket ends the pump
                    } finally {
                        closeQuietly(from);
                        closeQuietly(to);
                        open.remove(from);
                        open.remove(to);
                    }
                },
                "faulty-proxy-" + direction);
        t.setDaemon(true);
        synchronized (threads) {
            threads.removeIf(done -> !done.isAlive());
            threads.add(t);
        }
        t.start();
    }

    /**
     * Stops accepting, closes every connection and waits briefly for the threads to end.
     *
     * @throws InterruptedException if interrupted while waiting
     */
    @Override
    public void close() throws InterruptedException {
        closed = true;
        synchronized (this) {
            notifyAll();
        }
        try {
            server.close();
        } catch (IOException ignored) {
            // the acceptor ends either way
        }
        dropAll();
        acceptor.join(5_000);
        List<Thread> pumps;
        synchronized (threads) {
            pumps = List.copyOf(threads);
        }
        for (Thread t : pumps) {
            t.join(5_000);
        }
    }

    private static void closeQuietly(Socket s) {
        try {
            s.close();
        } catch (IOException ignored) {
            // already closed
        }
    }
}
