package dev.mtlskit.client.servers;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.time.Duration;

/** Loopback ports for servers that cannot report the port they bound themselves (nginx). */
public final class Ports {

    /** 127.0.0.1 explicitly: the servers listen there, whatever the JVM prefers for "localhost". */
    static final InetAddress LOOPBACK;

    static {
        try {
            LOOPBACK = InetAddress.getByAddress("localhost", new byte[] {127, 0, 0, 1});
        } catch (java.net.UnknownHostException impossible) {
            throw new ExceptionInInitializerError(impossible);
        }
    }

    private Ports() {
    }

    /**
     * A port that was free a moment ago. Another process may take it before the caller binds it:
     * callers retry with a new one when their bind fails with "Address already in use".
     */
    static int probablyFree() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, LOOPBACK)) {
            return socket.getLocalPort();
        }
    }

    /** Whether something accepts TCP connections on 127.0.0.1:{@code port} now. */
    static boolean accepts(int port) {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(LOOPBACK, port), (int) Duration.ofSeconds(1).toMillis());
            return true;
        } catch (IOException refused) {
            return false;
        }
    }

    /**
     * A loopback port that refuses connections for as long as this is open: the port is bound by a
     * socket that never listens, so no other process can start listening on it meanwhile.
     */
    public static final class ClosedPort implements AutoCloseable {

        private final Socket socket;

        public ClosedPort() {
            try {
                socket = new Socket();
                socket.bind(new InetSocketAddress(LOOPBACK, 0));
            } catch (IOException e) {
                throw new UncheckedIOException("cannot bind a loopback port", e);
            }
        }

        public int port() {
            return socket.getLocalPort();
        }

        public String url() {
            return "https://127.0.0.1:" + port() + "/";
        }

        @Override
        public void close() throws IOException {
            socket.close();
        }
    }
}
