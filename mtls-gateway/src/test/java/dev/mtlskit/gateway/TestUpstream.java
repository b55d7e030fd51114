package dev.mtlskit.gateway;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

/**
 * A real HTTP/1.1 server behind the gateway (the JDK's), on 127.0.0.1 and an ephemeral port. Every
 * request is recorded with its headers and body size, never its body.
 *
 * <ul>
 * <li>{@code /download/N}: answers N bytes of {@link #pattern} (with a Content-Length)</li>
 * <li>{@code /slow/...}: answers only when the test ends (or after 30 s)</li>
 * <li>{@code /trickle/...}: answers {@code first piece} at once (chunked), then {@code last piece}
 *     only after {@link #releaseTrickle()} (or 30 s)</li>
 * <li>anything else: reads the body, counting and hashing it, and answers {@code received N bytes}
 *     with the body's SHA-256 in {@code X-Body-Sha256}</li>
 * </ul>
 */
public final class TestUpstream implements AutoCloseable {

    /** One request as the upstream saw it: header names as sent (lower-cased keys), all values. */
    public record Request(String method, String path, String rawQuery, Map<String, List<String>> headers, long bodyBytes,
                   String bodySha256) {

        public List<String> header(String name) {
            return headers.getOrDefault(name.toLowerCase(java.util.Locale.ROOT), List.of());
        }
    }

    private final HttpServer server;
    private final ExecutorService executor = Executors.newCachedThreadPool(runnable -> {
        Thread thread = new Thread(runnable, "test-upstream");
        thread.setDaemon(true);
        return thread;
    });
    private final List<Request> requests = new CopyOnWriteArrayList<>();
    private final CountDownLatch released = new CountDownLatch(1);
    private final CountDownLatch trickleReleased = new CountDownLatch(1);

    TestUpstream() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 64);
        server.createContext("/", this::handle);
        server.setExecutor(executor);
        server.start();
    }

    public URI uri() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
    }

    /** The requests that reached this upstream so far. */
    public List<Request> requests() {
        return List.copyOf(requests);
    }

    /** The byte at {@code index} of a download: not periodic in 256, so a shifted or dropped buffer shows. */
    static byte pattern(long index) {
        return (byte) (index * 31 + index / 251);
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            long received = 0;
            byte[] buffer = new byte[64 * 1024];
            MessageDigest digest = sha256();
            try (InputStream body = exchange.getRequestBody()) {
                for (int n; (n = body.read(buffer)) > 0; ) {
                    received += n;
                    digest.update(buffer, 0, n);
                }
            }
            String bodySha256 = HexFormat.of().formatHex(digest.digest());
            Map<String, List<String>> headers = new TreeMap<>();
            exchange.getRequestHeaders().forEach((name, values) ->
                    headers.put(name.toLowerCase(java.util.Locale.ROOT), List.copyOf(values)));
            String path = exchange.getRequestURI().getRawPath();
            requests.add(new Request(exchange.getRequestMethod(), path, exchange.getRequestURI().getRawQuery(), headers, received,
                    bodySha256));
            if (path.startsWith("/download/")) {
                download(exchange, Long.parseLong(path.substring("/download/".length())));
            } else if (path.startsWith("/trickle/")) {
                trickle(exchange);
            } else if (path.startsWith("/slow/")) {
                try {
                    released.await(30, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                answer(exchange, "late\n");
            } else {
                exchange.getResponseHeaders().set("X-Body-Sha256", bodySha256);
                answer(exchange, "received " + received + " bytes\n");
            }
        }
    }

    static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void answer(HttpExchange exchange, String text) throws IOException {
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "text/plain");
        exchange.sendResponseHeaders(200, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }

    private static void download(HttpExchange exchange, long size) throws IOException {
        exchange.getResponseHeaders().set("Content-Type", "application/octet-stream");
        exchange.sendResponseHeaders(200, size);
        byte[] buffer = new byte[64 * 1024];
        try (OutputStream out = exchange.getResponseBody()) {
            for (long sent = 0; sent < size; ) {
                int n = (int) Math.min(buffer.length, size - sent);
                for (int i = 0; i < n; i++) {
                    buffer[i] = pattern(sent + i);
                }
                out.write(buffer, 0, n);
                sent += n;
            }
        }
    }

    private void trickle(HttpExchange exchange) throws IOException {
        exchange.getResponseHeaders().set("Content-Type", "text/plain");
        exchange.sendResponseHeaders(200, 0);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write("first piece\n".getBytes(StandardCharsets.UTF_8));
            out.flush();
            try {
                trickleReleased.await(30, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            out.write("last piece\n".getBytes(StandardCharsets.UTF_8));
        }
    }

    /** Lets the {@code /trickle/} requests send their last piece. */
    void releaseTrickle() {
        trickleReleased.countDown();
    }

    /** Lets the {@code /slow/} requests answer now. */
    void release() {
        released.countDown();
    }

    @Override
    public void close() {
        released.countDown();
        trickleReleased.countDown();
        server.stop(0);
        executor.shutdownNow();
    }
}
