package io.dbopt.bench.query;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.util.concurrent.atomic.AtomicLong;
import javax.net.SocketFactory;

/**
 * A socket factory for pgjdbc's {@code socketFactory} connection property that counts, over every socket it made,
 * the driver's flushes (each one sends what the driver buffered: one round trip for a statement of the extended
 * protocol) and the bytes written and read. For {@link PostgresLookupCountsMain}; counts are process-wide.
 * Thread-safe.
 */
public final class CountingSocketFactory extends SocketFactory {

    private static final AtomicLong FLUSHES = new AtomicLong();
    private static final AtomicLong BYTES_OUT = new AtomicLong();
    private static final AtomicLong BYTES_IN = new AtomicLong();

    /** Made by the driver, by name. */
    public CountingSocketFactory() {
    }

    /** Flushes, bytes written and bytes read so far, in that order. */
    static long[] counts() {
        return new long[] {FLUSHES.get(), BYTES_OUT.get(), BYTES_IN.get()};
    }

    @Override
    public Socket createSocket() {
        return new CountingSocket();
    }

    @Override
    public Socket createSocket(String host, int port) throws IOException {
        Socket socket = new CountingSocket();
        socket.connect(new InetSocketAddress(host, port));
        return socket;
    }

    @Override
    public Socket createSocket(String host, int port, InetAddress localHost, int localPort) throws IOException {
        return createSocket(host, port);
    }

    @Override
    public Socket createSocket(InetAddress host, int port) throws IOException {
        return createSocket(host.getHostAddress(), port);
    }

    @Override
    public Socket createSocket(InetAddress address, int port, InetAddress localAddress, int localPort)
            throws IOException {
        return createSocket(address, port);
    }

    /** A plain socket whose streams count. */
    private static final class CountingSocket extends Socket {
        private OutputStream out;
        private InputStream in;

        @Override
        public synchronized OutputStream getOutputStream() throws IOException {
            if (out == null) {
                OutputStream raw = super.getOutputStream();
                out = new OutputStream() {
                    @Override
                    public void write(int b) throws IOException {
                        raw.write(b);
                        BYTES_OUT.incrementAndGet();
                    }

                    @Override
                    public void write(byte[] b, int off, int len) throws IOException {
                        raw.write(b, off, len);
                        BYTES_OUT.addAndGet(len);
                    }

                    @Override
                    public void flush() throws IOException {
                        raw.flush();
                        FLUSHES.incrementAndGet();
                    }

                    @Override
                    public void close() throws IOException {
                        raw.close();
                    }
                };
            }
            return out;
        }

        @Override
        public synchronized InputStream getInputStream() throws IOException {
            if (in == null) {
                InputStream raw = super.getInputStream();
                in = new InputStream() {
                    @Override
                    public int read() throws IOException {
                        int b = raw.read();
                        if (b >= 0) {
                            BYTES_IN.incrementAndGet();
                        }
                        return b;
                    }

                    @Override
                    public int read(byte[] b, int off, int len) throws IOException {
                        int n = raw.read(b, off, len);
                        if (n > 0) {
                            BYTES_IN.addAndGet(n);
                        }
                        return n;
                    }

                    @Override
                    public int available() throws IOException {
                        return raw.available();
                    }

                    @Override
                    public void close() throws IOException {
                        raw.close();
                    }
                };
            }
            return in;
        }
    }
}
