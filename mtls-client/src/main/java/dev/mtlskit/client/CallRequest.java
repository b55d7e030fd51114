package dev.mtlskit.client;

import static java.util.Objects.requireNonNull;

import java.net.InetAddress;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import dev.mtlskit.material.PasswordSource;
import dev.mtlskit.tls.wire.TlsVersion;

/**
 * One request of {@code mtls call}: where to connect, what to prove, what to send. Immutable; build
 * with {@link #builder(URI)}.
 *
 * @param url an {@code https} URL
 * @param method the HTTP method
 * @param headers extra request headers, in order ({@code name}, {@code value})
 * @param body the request body, or {@code null} for none
 * @param certificateFile the client certificate (chain) file, or {@code null} to present none
 * @param keyFile its private key file (any format the material loaders read), or {@code null}
 * @param keyPassword the key's password, if any
 * @param caFile the CAs to trust for the server, or {@code null} for the JDK's default roots
 * @param http which HTTP versions to offer in ALPN
 * @param tlsMax the highest TLS version to offer
 * @param connectTimeout how long the TCP connection may take
 * @param resolve host:port pairs mapped to fixed addresses, as curl's {@code --resolve}
 * @param serverCheck whether a server certificate that fails validation ends the handshake
 */
public record CallRequest(URI url, String method, List<Header> headers, RequestBody body, Path certificateFile,
                          Path keyFile, PasswordSource keyPassword, Path caFile, HttpVersions http, TlsVersion tlsMax,
                          Duration connectTimeout, Map<String, InetAddress> resolve, ServerCheck serverCheck) {

    public CallRequest {
        requireNonNull(url, "url");
        if (!"https".equalsIgnoreCase(url.getScheme()) || url.getHost() == null) {
            throw new IllegalArgumentException("url: " + url + " (expected: https://host[:port]/path)");
        }
        requireNonNull(method, "method");
        headers = List.copyOf(headers);
        requireNonNull(keyPassword, "keyPassword");
        if (certificateFile == null && keyFile != null) {
            // A certificate file alone may hold its key (a keystore, or a PEM file with both): loading says if not.
            throw new IllegalArgumentException("a key needs its certificate (expected: --cert with --key, or --cert alone)");
        }
        requireNonNull(http, "http");
        requireNonNull(tlsMax, "tlsMax");
        requireNonNull(connectTimeout, "connectTimeout");
        resolve = Map.copyOf(resolve);
        requireNonNull(serverCheck, "serverCheck");
    }

    public static Builder builder(URI url) {
        return new Builder(url);
    }

    /** The host name the server certificate must be valid for (and the SNI sent). */
    public String host() {
        String host = url.getHost();
        return host.startsWith("[") && host.endsWith("]") ? host.substring(1, host.length() - 1) : host;
    }

    public int port() {
        return url.getPort() == -1 ? 443 : url.getPort();
    }

    /** The request target: path and query, "/" when the URL has none. */
    public String target() {
        String path = url.getRawPath() == null || url.getRawPath().isEmpty() ? "/" : url.getRawPath();
        return url.getRawQuery() == null ? path : path + "?" + url.getRawQuery();
    }

    /** Whether a client certificate is configured. */
    public boolean hasClientCertificate() {
        return certificateFile != null;
    }

    /** One request header. */
    public record Header(String name, String value) {
        public Header {
            requireNonNull(name, "name");
            requireNonNull(value, "value");
        }
    }

    /** Which HTTP versions to offer in ALPN. */
    public enum HttpVersions {
        /** h2 preferred, http/1.1 accepted (curl's default for https). */
        HTTP2_OR_HTTP1,
        /** http/1.1 only ({@code --http1.1}). */
        HTTP1_ONLY
    }

    /** The highest TLS version offered. */

    /** What a server certificate that fails validation does to the handshake. */
    public enum ServerCheck {
        /** Fail the handshake (every real request). */
        ENFORCE,
        /**
         * Record the verdict and go on with the handshake without sending any request, so that a
         * diagnosis can also see what the server asks of the client.
         */
        RECORD_ONLY
    }

    /** Builder of {@link CallRequest}; only the URL is required. */
    public static final class Builder {
        private final URI url;
        private String method;
        private final List<Header> headers = new ArrayList<>();
        private RequestBody body;
        private Path certificateFile;
        private Path keyFile;
        private PasswordSource keyPassword = PasswordSource.none("--key-pass");
        private Path caFile;
        private HttpVersions http = HttpVersions.HTTP2_OR_HTTP1;
        private TlsVersion tlsMax = TlsVersion.TLS_1_3;
        private Duration connectTimeout = Duration.ofSeconds(10);
        private Map<String, InetAddress> resolve = Map.of();
        private ServerCheck serverCheck = ServerCheck.ENFORCE;

        private Builder(URI url) {
            this.url = requireNonNull(url, "url");
        }

        /** The method; defaults to GET, or POST when there is a body (as curl). */
        public Builder method(String method) {
            this.method = requireNonNull(method, "method").toUpperCase(Locale.ROOT);
            return this;
        }

        public Builder header(String name, String value) {
            headers.add(new Header(name, value));
            return this;
        }

        public Builder body(RequestBody body) {
            this.body = body;
            return this;
        }

        public Builder clientCertificate(Path certificateFile, Path keyFile, PasswordSource keyPassword) {
            this.certificateFile = certificateFile;
            this.keyFile = keyFile;
            this.keyPassword = requireNonNull(keyPassword, "keyPassword");
            return this;
        }

        public Builder caFile(Path caFile) {
            this.caFile = caFile;
            return this;
        }

        public Builder http(HttpVersions http) {
            this.http = requireNonNull(http, "http");
            return this;
        }

        public Builder tlsMax(TlsVersion tlsMax) {
            this.tlsMax = requireNonNull(tlsMax, "tlsMax");
            return this;
        }

        public Builder connectTimeout(Duration connectTimeout) {
            if (connectTimeout.isNegative() || connectTimeout.isZero()) {
                throw new IllegalArgumentException("connectTimeout: " + connectTimeout + " (expected: > 0)");
            }
            this.connectTimeout = connectTimeout;
            return this;
        }

        /** Fixed addresses for "host:port" keys, as curl's {@code --resolve host:port:address}. */
        public Builder resolve(Map<String, InetAddress> resolve) {
            this.resolve = Map.copyOf(resolve);
            return this;
        }

        public Builder serverCheck(ServerCheck serverCheck) {
            this.serverCheck = requireNonNull(serverCheck, "serverCheck");
            return this;
        }

        public CallRequest build() {
            String chosen = method != null ? method : body != null ? "POST" : "GET";
            return new CallRequest(url, chosen, headers, body, certificateFile, keyFile, keyPassword, caFile, http,
                    tlsMax, connectTimeout, resolve, serverCheck);
        }
    }
}
