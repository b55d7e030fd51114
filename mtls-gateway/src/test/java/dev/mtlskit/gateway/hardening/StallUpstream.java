package dev.mtlskit.gateway.hardening;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * An upstream that reads whatever comes and never answers, and notices when the gateway closes its
 * connection (as it must when the client's request will never be whole).
 */
final class StallUpstream implements AutoCloseable {

    private final ServerSocket server;
    private final CountDownLatch closed = new CountDownLatch(1);

    StallUpstream() throws IOException {
        server = new ServerSocket();
        server.bind(new InetSocketAddress(SlowClients.LOCAL, 0));
        Thread thread = new Thread(this::serve, "stall-upstream");
        thread.setDaemon(true);
        thread.start();
    }

    URI uri() {
        return URI.create("http://127.0.0.1:" + server.getLocalPort());
    }

    private void serve() {
        try (Socket socket = server.accept()) {
            InputStream in = socket.getInputStream();
            byte[] buffer = new byte[4096];
            while (in.read(buffer) >= 0) {
                // read and drop
            }
            closed.countDown();
        } catch (IOException e) {
            closed.countDown();
        }
    }

    /** Whether the gateway closed its connection within {@code limit}. */
    boolean awaitClosed(Duration limit) throws InterruptedException {
        return closed.await(limit.toMillis(), TimeUnit.MILLISECONDS);
    }

    @Override
    public void close() throws IOException {
        server.close();
    }
}
