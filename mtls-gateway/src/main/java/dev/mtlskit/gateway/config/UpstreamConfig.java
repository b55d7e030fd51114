package dev.mtlskit.gateway.config;

import static java.util.Objects.requireNonNull;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Where a route's requests go.
 *
 * @param name how routes refer to it, e.g. "orders"
 * @param uri {@code http://host:port} or {@code https://host:port} (always with the port), or
 *     {@link #ECHO} for the built-in echo upstream, which answers with what it received
 * @param clientKey the gateway's certificate and key for mutual TLS to an https upstream, or {@code null}
 * @param caFiles CA bundles that verify an https upstream; empty for the JDK's default trust store
 * @param maxConnections the most connections the gateway keeps open to it
 * @param responseIdleTimeout how long a response body may make no progress (nothing from the
 *     upstream, or nothing taken by the client) before it is cut
 * @param maxResponseHeaderBytes the upstream's status line and headers; larger ones answer 502
 */
public record UpstreamConfig(String name, URI uri, KeySource clientKey, List<Path> caFiles, int maxConnections,
                             Duration responseIdleTimeout, int maxResponseHeaderBytes) {

    /** The built-in echo upstream ({@code "echo:"} in YAML). */
    public static final URI ECHO = URI.create("echo:/");
    /** The built-in admin upstream: only {@link AdminConfig#upstream()} makes it, never a configuration file. */
    public static final URI ADMIN = URI.create("admin:/");
    public static final int DEFAULT_MAX_CONNECTIONS = 100;
    /** As nginx's proxy_read_timeout: long enough for a slow page, short enough that a stall frees its connection. */
    public static final Duration DEFAULT_RESPONSE_IDLE_TIMEOUT = Duration.ofSeconds(60);
    /** As the client side's limits.max_header_size: responses carry cookies and tracing headers too. */
    public static final int DEFAULT_MAX_RESPONSE_HEADER_BYTES = 16 * 1024;
    /** Bounds of max_response_header_size: a status line and a few headers; memory per upstream connection. */
    public static final int MIN_RESPONSE_HEADER_BYTES = 1024;
    public static final int MAX_RESPONSE_HEADER_BYTES = 1024 * 1024;
    /** Names appear in logs and metrics, so they are plain. */
    static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]*");

    public UpstreamConfig {
        requireNonNull(name, "name");
        requireNonNull(uri, "uri");
        caFiles = List.copyOf(caFiles);
        if (!NAME.matcher(name).matches()) {
            throw new IllegalArgumentException("upstream name \"" + name + "\" is not plain: use letters, digits, "
                    + "dots, hyphens and underscores");
        }
        boolean https = "https".equals(uri.getScheme());
        boolean builtIn = uri.equals(ECHO) || uri.equals(ADMIN);
        if (!builtIn && !("http".equals(uri.getScheme()) || https)) {
            throw new IllegalArgumentException("upstream " + name + ": " + uri
                    + " is neither http://host:port, https://host:port nor " + ECHO);
        }
        if (!builtIn && (uri.getHost() == null || uri.getPort() < 0)) {
            throw new IllegalArgumentException("upstream " + name + ": " + uri + " needs a host and a port");
        }
        if (!https && (clientKey != null || !caFiles.isEmpty())) {
            throw new IllegalArgumentException("upstream " + name + ": a client certificate and CA files are only "
                    + "for https upstreams");
        }
        if (maxConnections <= 0) {
            throw new IllegalArgumentException("upstream " + name + ": maxConnections must be positive, not "
                    + maxConnections);
        }
        if (requireNonNull(responseIdleTimeout, "responseIdleTimeout").isNegative() || responseIdleTimeout.isZero()) {
            throw new IllegalArgumentException("upstream " + name + ": responseIdleTimeout must be positive, not "
                    + responseIdleTimeout);
        }
        if (maxResponseHeaderBytes < MIN_RESPONSE_HEADER_BYTES || maxResponseHeaderBytes > MAX_RESPONSE_HEADER_BYTES) {
            throw new IllegalArgumentException("upstream " + name + ": maxResponseHeaderBytes must be between "
                    + MIN_RESPONSE_HEADER_BYTES + " and " + MAX_RESPONSE_HEADER_BYTES + ", not " + maxResponseHeaderBytes);
        }
    }

    /** With the default response idle timeout and response header limit. */
    public UpstreamConfig(String name, URI uri, KeySource clientKey, List<Path> caFiles, int maxConnections) {
        this(name, uri, clientKey, caFiles, maxConnections, DEFAULT_RESPONSE_IDLE_TIMEOUT,
                DEFAULT_MAX_RESPONSE_HEADER_BYTES);
    }

    public UpstreamConfig withResponseIdleTimeout(Duration timeout) {
        return new UpstreamConfig(name, uri, clientKey, caFiles, maxConnections, timeout, maxResponseHeaderBytes);
    }

    public UpstreamConfig withMaxResponseHeaderBytes(int bytes) {
        return new UpstreamConfig(name, uri, clientKey, caFiles, maxConnections, responseIdleTimeout, bytes);
    }

    /** A plain HTTP upstream, e.g. {@code http("orders", URI.create("http://127.0.0.1:8081"))}. */
    public static UpstreamConfig http(String name, URI uri) {
        return new UpstreamConfig(name, uri, null, List.of(), DEFAULT_MAX_CONNECTIONS);
    }

    /** The built-in echo upstream under {@code name}. */
    public static UpstreamConfig echo(String name) {
        return new UpstreamConfig(name, ECHO, null, List.of(), DEFAULT_MAX_CONNECTIONS);
    }

    public boolean isEcho() {
        return uri.equals(ECHO);
    }

    public boolean isHttps() {
        return "https".equals(uri.getScheme());
    }
}
