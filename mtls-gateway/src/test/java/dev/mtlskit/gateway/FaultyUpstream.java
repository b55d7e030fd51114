package dev.mtlskit.gateway;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * An HTTP/1.1 upstream on 127.0.0.1 that misbehaves on purpose, written byte by byte on a plain
 * socket (one thread per connection). By path prefix:
 *
 * <ul>
 * <li>{@code /stall/}: 200 with Content-Length 100, 10 bytes of body, then nothing (until the
 *     gateway closes the connection, which {@link #awaitStalledClosed} sees)</li>
 * <li>{@code /truncate/}: Content-Length 100, 10 bytes of body, then the connection closes</li>
 * <li>{@code /truncate-chunked/}: chunked, one chunk of 10 bytes, then the connection closes</li>
 * <li>{@code /garbage/}: an SSH server's greeting line instead of a status line, then closes</li>
 * <li>{@code /half-line/}: {@code HTTP/1.1 2} (the start of a status line), then closes</li>
 * <li>{@code /alert/}: the 7 bytes of a TLS alert (what a TLS port answers to plain HTTP), then closes</li>
 * <li>{@code /big/}: 200 with Content-Length 4 MiB, all sent at once (as far as the gateway takes it),
 *     then the connection stays open</li>
 * <li>{@code /huge-headers/N}: 200 with about N bytes of headers</li>
 * <li>anything else: 200 {@code ok\n}, keep-alive</li>
 * </ul>
 */
final class FaultyUpstream implements AutoCloseable {

    static final String BODY_START = "0123456789";

    private final ServerSocket server;
    private final ExecutorService threads = Executors.newCachedThreadPool(runnable -> {
        Thread thread = new Thread(runnable, "faulty-upstream");
        thread.setDaemon(true);
        return thread;
    });
    private final AtomicInteger connections = new AtomicInteger();
    private final AtomicInteger requests = new AtomicInteger();
    private final CountDownLatch stalledClosed = new CountDownLatch(1);
    private final java.util.Set<Socket> open = java.util.concurrent.ConcurrentHashMap.newKeySet();

    FaultyUpstream() throws IOException {
        server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        threads.execute(this::accept);
    }

    URI uri() {
        return URI.create("http://127.0.0.1:" + server.getLocalPort());
    }

    /** Connections the gateway opened so far. */
    int connections() {
        return connections.get();
    }

    /** Requests received so far. */
    int requests() {
        return requests.get();
    }

    /** Whether the gateway closed a connection whose response was stalled, waiting up to {@code seconds}. */
    boolean awaitStalledClosed(int seconds) throws InterruptedException {
        return stalledClosed.await(seconds, TimeUnit.SECONDS);
    }

    private void accept() {
        while (!server.isClosed()) {
            try {
                Socket socket = server.accept();
                open.add(socket);
                connections.incrementAndGet();
                threads.execute(() -> serve(socket));
            } catch (IOException closed) {
                return;
            }
        }
    }

    private void serve(Socket socket) {
        try (socket) {
            socket.setSoTimeout(30_000);
            InputStream in = socket.getInputStream();
            OutputStream out = socket.getOutputStream();
            while (true) {
                String head = readHead(in);
                if (head == null) {
                    return;
                }
                requests.incrementAndGet();
                String path = head.split(" ", 3)[1];
                if (!answer(path, in, out)) {
                    return;
                }
            }
        } catch (IOException e) {
            // the gateway went away: nothing to answer
        } finally {
            open.remove(socket);
        }
    }

    /** Answers one request; whether the connection stays open for the next. */
    private boolean answer(String path, InputStream in, OutputStream out) throws IOException {
        if (path.startsWith("/stall/")) {
            write(out, "HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\nContent-Length: 100\r\n\r\n" + BODY_START);
            try {
                while (in.read() >= 0) {
                    // the gateway sends nothing more on this connection; -1 (or a reset) is its close
                }
            } catch (SocketException reset) {
                // closed by the gateway too
            }
            stalledClosed.countDown();
            return false;
        }
        if (path.startsWith("/truncate/")) {
            write(out, "HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\nContent-Length: 100\r\n\r\n" + BODY_START);
            return false;
        }
        if (path.startsWith("/truncate-chunked/")) {
            write(out, "HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\nTransfer-Encoding: chunked\r\n\r\na\r\n"
                    + BODY_START + "\r\n");
            return false;
        }
        if (path.startsWith("/garbage/")) {
            write(out, "SSH-2.0-OpenSSH_9.6p1 Ubuntu-3ubuntu13\r\n");
            return false;
        }
        if (path.startsWith("/half-line/")) {
            write(out, "HTTP/1.1 2");
            return false;
        }
        if (path.startsWith("/alert/")) {
            out.write(new byte[] {0x15, 0x03, 0x03, 0x00, 0x02, 0x02, 0x46});
            out.flush();
            return false;
        }
        if (path.startsWith("/big/")) {
            int size = 4 << 20;
            write(out, "HTTP/1.1 200 OK\r\nContent-Type: application/octet-stream\r\nContent-Length: " + size + "\r\n\r\n");
            out.write(new byte[size]);
            out.flush();
            while (in.read() >= 0) {
                // until the gateway closes
            }
            return false;
        }
        if (path.startsWith("/huge-headers/")) {
            int size = Integer.parseInt(path.substring("/huge-headers/".length()));
            StringBuilder headers = new StringBuilder("HTTP/1.1 200 OK\r\nContent-Length: 3\r\n");
            for (int i = 0; headers.length() < size; i++) {
                headers.append("X-Filler-").append(i).append(": ").append("f".repeat(100)).append("\r\n");
            }
            write(out, headers + "\r\nok\n");
            return true;
        }
        write(out, "HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\nContent-Length: 3\r\n\r\nok\n");
        return true;
    }

    private static void write(OutputStream out, String text) throws IOException {
        out.write(text.getBytes(StandardCharsets.ISO_8859_1));
        out.flush();
    }

    /** The request line and headers (requests through the gateway here have no body), or null at the end. */
    private static String readHead(InputStream in) throws IOException {
        ByteArrayOutputStream head = new ByteArrayOutputStream();
        int matched = 0;
        for (int b; (b = in.read()) >= 0; ) {
            head.write(b);
            matched = (b == "\r\n\r\n".charAt(matched)) ? matched + 1 : (b == '\r' ? 1 : 0);
            if (matched == 4) {
                return head.toString(StandardCharsets.ISO_8859_1);
            }
        }
        return null;
    }

    @Override
    public void close() throws IOException {
        server.close();
        for (Socket socket : open) {
            socket.close();
        }
        threads.shutdownNow();
    }
}
