package io.dbopt.testkit.proxy;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * An in-process TCP proxy between a client (a pool, a driver) and a real server, for fault injection in tests.
 *
 * <pre>{@code
 * try (TcpFaultProxy proxy = TcpFaultProxy.start("127.0.0.1", 5432)) {
 *     String url = "jdbc:postgresql://127.0.0.1:" + proxy.port() + "/db";
 *     proxy.setDelay(Duration.ofMillis(50));   // added latency per chunk, both directions
 *     proxy.setMode(FaultMode.BLACKHOLE);      // the server goes silent
 *     proxy.resetAll();                        // RST every open connection
 *     proxy.cutAfterClientSends("COMMIT");     // forward the next COMMIT, then cut before the reply
 * }
 * }</pre>
 *
 * Listens on an ephemeral port of 127.0.0.1. Each connection uses two daemon threads. Thread-safe.
 */
public final class TcpFaultProxy implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(TcpFaultProxy.class);
    private static final int BUFFER = 16 * 1024;

    private final InetSocketAddress upstream;
    private final ServerSocket listener;
    private final Set<Link> links = ConcurrentHashMap.newKeySet();
    private final AtomicReference<FaultMode> mode = new AtomicReference<>(FaultMode.PASS);
    private final AtomicLong delayNanos = new AtomicLong();
    private final AtomicReference<byte[]> cutTrigger = new AtomicReference<>();
    private final AtomicReference<byte[]> swallowTrigger = new AtomicReference<>();
    private final AtomicLong accepted = new AtomicLong();
    private volatile boolean closed;

    private TcpFaultProxy(InetSocketAddress upstream, ServerSocket listener) {
        this.upstream = upstream;
        this.listener = listener;
    }

    /** Starts a proxy in front of {@code host:port}. */
    public static TcpFaultProxy start(String host, int port) {
        try {
            ServerSocket listener = new ServerSocket(0, 200, InetAddress.getLoopbackAddress());
            TcpFaultProxy proxy = new TcpFaultProxy(new InetSocketAddress(host, port), listener);
            Thread acceptor = new Thread(proxy::acceptLoop, "dbopt-proxy-accept-" + listener.getLocalPort());
            acceptor.setDaemon(true);
            acceptor.start();
            return proxy;
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot open a proxy listener", e);
        }
    }

    /** The host clients connect to. */
    public String host() {
        return "127.0.0.1";
    }

    /** The port clients connect to. */
    public int port() {
        return listener.getLocalPort();
    }

    /** Sets how traffic and new connections are treated from now on. */
    public void setMode(FaultMode newMode) {
        mode.set(java.util.Objects.requireNonNull(newMode, "mode"));
        LOG.debug("proxy {} - mode {}", port(), newMode);
    }

    /** The current mode. */
    public FaultMode mode() {
        return mode.get();
    }

    /** Adds latency to every forwarded chunk in both directions; zero removes it. */
    public void setDelay(Duration delay) {
        if (delay.isNegative()) {
            throw new IllegalArgumentException("delay must not be negative: " + delay);
        }
        delayNanos.set(delay.toNanos());
    }

    /** Back to normal: {@link FaultMode#PASS}, no delay, no pending cut. */
    public void heal() {
        setMode(FaultMode.PASS);
        delayNanos.set(0);
        cutTrigger.set(null);
        swallowTrigger.set(null);
    }

    /** Resets (RST) every open connection; new ones are treated according to the mode. */
    public void resetAll() {
        links.forEach(l -> l.abort(true));
    }

    /** Closes (FIN) every open connection; new ones are treated according to the mode. */
    public void cutAll() {
        links.forEach(l -> l.abort(false));
    }

    /**
     * Once: when a chunk the client sends contains {@code marker} (e.g. {@code "COMMIT"}), forward that chunk to the
     * server, then reset the connection before any reply reaches the client. The client cannot tell whether the
     * server acted on it.
     */
    public void cutAfterClientSends(String marker) {
        cutTrigger.set(marker.getBytes(StandardCharsets.UTF_8));
    }

    /**
     * Once: when a chunk the client sends contains {@code marker}, drop that chunk and, from then on, everything that
     * connection carries either way, keeping both sockets open: a silent partition of one connection. The server
     * never sees the statement nor the client going away; the client waits for a reply until its socket timeout.
     */
    public void swallowFromClientSends(String marker) {
        swallowTrigger.set(marker.getBytes(StandardCharsets.UTF_8));
    }

    /** Whether a {@link #cutAfterClientSends} or {@link #swallowFromClientSends} trigger is still waiting. */
    public boolean cutPending() {
        return cutTrigger.get() != null || swallowTrigger.get() != null;
    }

    /** Connections currently open through the proxy. */
    public int openConnections() {
        return links.size();
    }

    /** Connections accepted since start. */
    public long acceptedConnections() {
        return accepted.get();
    }

    @Override
    public void close() {
        closed = true;
        try {
            listener.close();
        } catch (IOException e) {
            LOG.debug("proxy {} - closing listener: {}", port(), e.toString());
        }
        resetAll();
    }

    private void acceptLoop() {
        while (!closed) {
            Socket client;
            try {
                client = listener.accept();
            } catch (IOException e) {
                if (!closed) {
                    LOG.warn("proxy {} - accept failed: {}", port(), e.toString());
                }
                return;
            }
            accepted.incrementAndGet();
            handle(client);
        }
    }

    private void handle(Socket client) {
        FaultMode current = mode.get();
        try {
            client.setTcpNoDelay(true);
            if (current == FaultMode.RESET || current == FaultMode.CLOSE) {
                if (current == FaultMode.RESET) {
                    client.setSoLinger(true, 0);
                }
                client.close();
                return;
            }
            Link link = new Link(client);
            links.add(link);
            Thread opener = new Thread(link::open, "dbopt-proxy-link-" + port());
            opener.setDaemon(true);
            opener.start();
        } catch (IOException e) {
            LOG.debug("proxy {} - dropping client: {}", port(), e.toString());
        }
    }

    /** One proxied connection: a client socket and, once connected, its upstream socket. */
    private final class Link {
        private final Socket client;
        private volatile Socket server;
        private volatile boolean swallowing;
        /** Set before a chunk that triggers a cut goes to the server: nothing the server answers reaches the client. */
        private volatile boolean muted;

        Link(Socket client) {
            this.client = client;
        }

        void open() {
            try {
                // a blackholed connection never reaches the server: the client waits for a greeting in vain
                while (mode.get() == FaultMode.BLACKHOLE && !client.isClosed()) {
                    Thread.sleep(20);
                }
                if (client.isClosed()) {
                    links.remove(this);
                    return;
                }
                Socket s = new Socket();
                s.setTcpNoDelay(true);
                s.connect(upstream, 10_000);
                server = s;
                Thread up = new Thread(() -> pump(client, s, true), "dbopt-proxy-up-" + port());
                up.setDaemon(true);
                up.start();
                pump(s, client, false);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                abort(true);
            } catch (IOException e) {
                LOG.debug("proxy {} - upstream connect failed: {}", port(), e.toString());
                abort(true);
            }
        }

        private void pump(Socket from, Socket to, boolean clientToServer) {
            byte[] buffer = new byte[BUFFER];
            try {
                InputStream in = from.getInputStream();
                OutputStream out = to.getOutputStream();
                int n;
                while ((n = in.read(buffer)) >= 0) {
                    if (mode.get() == FaultMode.BLACKHOLE || swallowing || !clientToServer && muted) {
                        continue; // swallowed silently
                    }
                    if (clientToServer && matches(swallowTrigger, buffer, n)) {
                        LOG.debug("proxy {} - swallowing from client marker on", port());
                        swallowing = true;
                        continue;
                    }
                    long delay = delayNanos.get();
                    if (delay > 0) {
                        Thread.sleep(delay / 1_000_000, (int) (delay % 1_000_000));
                    }
                    // muted before the chunk leaves, so that a reply racing the reset never reaches the client
                    boolean cut = clientToServer && matches(cutTrigger, buffer, n);
                    if (cut) {
                        muted = true;
                    }
                    out.write(buffer, 0, n);
                    out.flush();
                    if (cut) {
                        LOG.debug("proxy {} - cut after client marker", port());
                        abort(true);
                        return;
                    }
                }
                // a swallowing link hides the client's going away from the server until the proxy closes
                if (!swallowing) {
                    abort(false);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                abort(true);
            } catch (SocketException e) {
                if (!swallowing) {
                    abort(true);
                }
            } catch (IOException e) {
                LOG.debug("proxy {} - pump failed: {}", port(), e.toString());
                if (!swallowing) {
                    abort(true);
                }
            }
        }

        private boolean matches(AtomicReference<byte[]> trigger, byte[] data, int length) {
            byte[] marker = trigger.get();
            if (marker == null || !contains(data, length, marker)) {
                return false;
            }
            return trigger.compareAndSet(marker, null);
        }

        void abort(boolean reset) {
            links.remove(this);
            closeQuietly(client, reset);
            Socket s = server;
            if (s != null) {
                closeQuietly(s, reset);
            }
        }

        private void closeQuietly(Socket socket, boolean reset) {
            try {
                if (reset && !socket.isClosed()) {
                    socket.setSoLinger(true, 0);
                }
                socket.close();
            } catch (IOException e) {
                LOG.trace("proxy {} - close: {}", port(), e.toString());
            }
        }
    }

    static boolean contains(byte[] data, int length, byte[] marker) {
        outer:
        for (int i = 0; i + marker.length <= length; i++) {
            for (int j = 0; j < marker.length; j++) {
                if (data[i + j] != marker[j]) {
                    continue outer;
                }
            }
            return true;
        }
        return false;
    }
}
