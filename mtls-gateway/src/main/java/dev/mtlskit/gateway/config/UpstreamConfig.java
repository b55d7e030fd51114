package dev.mtlskit.gateway.config;

import static java.util.Objects.requireNonNull;

import java.net.URI;
import java.nio.file.Path;
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
 */
public record UpstreamConfig(String name, URI uri, KeySource clientKey, List<Path> caFiles, int maxConnections) {

    /** The built-in echo upstream ({@code "echo:"} in YAML). */
    public static final URI ECHO = URI.create("echo:/");
    public static final int DEFAULT_MAX_CONNECTIONS = 100;
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
        if (!uri.equals(ECHO) && !("http".equals(uri.getScheme()) || https)) {
            throw new IllegalArgumentException("upstream " + name + ": " + uri
                    + " is neither http://host:port, https://host:port nor " + ECHO);
        }
        if (!uri.equals(ECHO) && (uri.getHost() == null || uri.getPort() < 0)) {
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
