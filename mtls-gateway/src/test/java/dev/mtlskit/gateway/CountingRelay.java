package dev.mtlskit.gateway;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A TCP relay on 127.0.0.1 that forwards every connection to a port on 127.0.0.1 and counts the
 * connections it accepted: put in front of a server, it shows how many connections a client
 * really opened (keep-alive), whatever the client says about itself.
 */
final class CountingRelay implements AutoCloseable {

    private final ServerSocket server;
    private final int targetPort;
    private final AtomicInteger accepted = new AtomicInteger();
    private final List<Socket> sockets = new CopyOnWriteArrayList<>();
    private final ExecutorService threads = Executors.newCachedThreadPool(task -> {
        Thread thread = new Thread(task, "counting-relay");
        thread.setDaemon(true);
        return thread;
    });

    CountingRelay(int targetPort) throws IOException {
        this.targetPort = targetPort;
        server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        threads.execute(this::accept);
    }

    int port() {
        return server.getLocalPort();
    }

    /** Connections accepted so far. */
    int connections() {
        return accepted.get();
    }

    private void accept() {
        while (!server.isClosed()) {
            try {
                Socket client = server.accept();
                accepted.incrementAndGet();
                Socket target = new Socket();
                target.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), targetPort), 5000);
                sockets.add(client);
                sockets.add(target);
                Object pair = new Object();
                threads.execute(() -> pump(client, target, pair));
                threads.execute(() -> pump(target, client, pair));
            } catch (IOException e) {
                return; // closed
            }
        }
    }

    /** Copies one direction; an end of input becomes a half-close on the other side, the second one closes both. */
    private static void pump(Socket from, Socket to, Object pair) {
        byte[] buffer = new byte[16 * 1024];
        try {
            InputStream in = from.getInputStream();
            OutputStream out = to.getOutputStream();
            for (int n; (n = in.read(buffer)) >= 0; ) {
                out.write(buffer, 0, n);
                out.flush();
            }
            synchronized (pair) {
                to.shutdownOutput();
                if (from.isOutputShutdown()) {
                    closeQuietly(from);
                    closeQuietly(to);
                }
            }
        } catch (IOException e) {
            closeQuietly(from);
            closeQuietly(to);
        }
    }

    private static void closeQuietly(Socket socket) {
        try {
            socket.close();
        } catch (IOException ignored) {
            // closing
        }
    }

    @Override
    public void close() throws IOException {
        server.close();
        sockets.forEach(CountingRelay::closeQuietly);
        threads.shutdownNow();
    }
}
