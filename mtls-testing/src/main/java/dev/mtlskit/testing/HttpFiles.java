package dev.mtlskit.testing;

import static java.util.Objects.requireNonNull;

import java.io.IOException;
import java.net.BindException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

/**
 * A small HTTP server on 127.0.0.1 (an ephemeral port) that serves byte arrays at paths, as a CRL
 * distribution point does: {@code put("/ca.crl", TestPki.crlDer(ca, serial))}, then
 * {@code url("/ca.crl")} in the client certificate. Counts the requests per path, can answer a path
 * slowly, and can be taken down ({@link #stop()}: connections refused) and brought back on the same URL.
 * Unknown paths answer 404.
 */
public final class HttpFiles implements AutoCloseable {

    private record File(byte[] content, String contentType) {
    }

    private final Map<String, File> files = new ConcurrentHashMap<>();
    private final Map<String, Duration> delays = new ConcurrentHashMap<>();
    private final Map<String, AtomicInteger> requests = new ConcurrentHashMap<>();
    private final ExecutorService handlers = Executors.newCachedThreadPool(runnable -> {
        Thread thread = new Thread(runnable, "http-files");
        thread.setDaemon(true);
        return thread;
    });
    private final int port;
    private HttpServer server;

    public HttpFiles() throws IOException {
        server = bind(0);
        port = server.getAddress().getPort();
    }

    /** {@code http://127.0.0.1:PORT} + {@code path} ({@code path} starts with "/"). */
    public String url(String path) {
        return "http://127.0.0.1:" + port + checked(path);
    }

    /** Serves {@code content} at {@code path}: application/pkix-crl for paths ending in .crl, else application/octet-stream. */
    public HttpFiles put(String path, byte[] content) {
        return put(path, content, path.endsWith(".crl") ? "application/pkix-crl" : "application/octet-stream");
    }

    public HttpFiles put(String path, byte[] content, String contentType) {
        files.put(checked(path), new File(content.clone(), requireNonNull(contentType, "contentType")));
        return this;
    }

    /** From now on, {@code path} answers 404. */
    public HttpFiles remove(String path) {
        files.remove(checked(path));
        return this;
    }

    /** Answers {@code path} (found or not) only after {@code delay}: a slow or hanging server. Zero: at once again. */
    public HttpFiles delay(String path, Duration delay) {
        delays.put(checked(path), requireNonNull(delay, "delay"));
        return this;
    }

    /** How many requests for {@code path} arrived (counted on arrival, found or not). */
    public int requests(String path) {
        AtomicInteger count = requests.get(checked(path));
        return count == null ? 0 : count.get();
    }

    /** Takes the server down: connections are refused until {@link #restart()}. */
    public synchronized void stop() {
        if (server != null) {
            server.stop(0);
            server = null;
        }
    }

    /** Brings a stopped server back on the same port. */
    public synchronized void restart() throws IOException {
        if (server == null) {
            server = bind(port);
        }
    }

    @Override
    public void close() {
        stop();
        handlers.shutdownNow();
    }

    private HttpServer bind(int wanted) throws IOException {
        BindException last = null;
        for (int attempt = 0; attempt < 50; attempt++) {
            try {
                HttpServer bound = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), wanted), 64);
                bound.createContext("/", this::serve);
                bound.setExecutor(handlers);
                bound.start();
                return bound;
            } catch (BindException e) {
                // A restart may have to wait for the kernel to free the port.
                last = e;
                try {
                    Thread.sleep(100);
                } catch (InterruptedException interrupted) {
                    Thread.currentThread().interrupt();
                    throw e;
                }
            }
        }
        throw last;
    }

    private void serve(HttpExchange exchange) throws IOException {
        try (exchange) {
            String path = exchange.getRequestURI().getPath();
            requests.computeIfAbsent(path, key -> new AtomicInteger()).incrementAndGet();
            exchange.getRequestBody().readAllBytes();
            Duration delay = delays.getOrDefault(path, Duration.ZERO);
            if (!delay.isZero()) {
                try {
                    Thread.sleep(delay.toMillis());
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return;
                }
            }
            File file = files.get(path);
            if (file == null) {
                exchange.sendResponseHeaders(404, -1);
                return;
            }
            exchange.getResponseHeaders().set("Content-Type", file.contentType());
            boolean head = "HEAD".equals(exchange.getRequestMethod());
            exchange.sendResponseHeaders(200, head ? -1 : file.content().length == 0 ? -1 : file.content().length);
            if (!head) {
                exchange.getResponseBody().write(file.content());
            }
        }
    }

    private static String checked(String path) {
        if (!path.startsWith("/")) {
            throw new IllegalArgumentException("path: " + path + " (expected: starting with /)");
        }
        return path;
    }
}
