package dev.mtlskit.testing;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A server that accepts connections on loopback and reads what they send, never writing a byte: what
 * a client sees behind a firewall or load balancer that holds connections, or at a server that waits
 * for the client to speak another protocol.
 */
public final class SilentServer implements AutoCloseable {
    private final ServerSocket socket;
    private final List<Socket> connections = new CopyOnWriteArrayList<>();

    public SilentServer() throws IOException {
        socket = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        Thread acceptor = new Thread(this::acceptAndRead, "silent-server");
        acceptor.setDaemon(true);
        acceptor.start();
    }

    private void acceptAndRead() {
        while (!socket.isClosed()) {
            try {
                Socket connection = socket.accept();
                connections.add(connection);
                Thread reader = new Thread(() -> drain(connection), "silent-server-reader");
                reader.setDaemon(true);
                reader.start();
            } catch (IOException closed) {
                return;
            }
        }
    }

    private static void drain(Socket connection) {
        try (InputStream in = connection.getInputStream()) {
            in.transferTo(OutputStream.nullOutputStream());
        } catch (IOException closed) {
            // the client gave up
        }
    }

    public int port() {
        return socket.getLocalPort();
    }

    /** {@code https://127.0.0.1:PORT/}. */
    public String url() {
        return "https://127.0.0.1:" + port() + "/";
    }

    /** How many connections it accepted so far. */
    public int accepted() {
        return connections.size();
    }

    @Override
    public void close() {
        try {
            socket.close();
            for (Socket connection : connections) {
                connection.close();
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
