package dev.mtlskit.gateway.tunnel;

import static java.util.Objects.requireNonNull;

import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;

import dev.mtlskit.tls.wire.TlsVersion;
import dev.mtlskit.reload.TlsFiles;

/**
 * What {@code mtls tunnel} does.
 *
 * @param listen where the local app connects (plain HTTP/1.1, or raw TCP in {@link Mode#TCP}); a
 *     loopback address unless {@code unsafeListen}
 * @param target {@code https://host:port} (the port is filled in: 443 when absent); in TCP mode
 *     {@code tls://host:port} too. No path: the app's paths go out as they are
 * @param files the client certificate and key, and the CAs that verify the server; watched for changes
 * @param mode HTTP (requests forwarded over a keep-alive pool) or TCP (bytes relayed, one upstream
 *     connection per local connection)
 * @param tlsMax the highest TLS version offered to the server
 * @param connectTimeout connecting to the target (then 502 in HTTP mode)
 * @param reloadInterval how often the files are checked for changes
 * @param threads event loop threads (a sidecar for one app rarely needs more than one)
 * @param unsafeListen allow a {@code listen} address other hosts can reach: whoever connects calls the
 *     target with the tunnel's certificate (the CLI's {@code --unsafe-listen}, as ghostunnel's)
 */
public record TunnelConfig(InetSocketAddress listen, URI target, TlsFiles files, Mode mode, TlsVersion tlsMax,
                           Duration connectTimeout, Duration reloadInterval, int threads, boolean unsafeListen) {

    /** What the local app speaks to the tunnel. */
    public enum Mode {
        /** HTTP/1.1: requests go out with the target's Host over pooled keep-alive connections. */
        HTTP,
        /** Raw TCP: each local connection gets its own TLS connection and bytes pass unchanged. */
        TCP
    }

    public static final InetSocketAddress DEFAULT_LISTEN = new InetSocketAddress("127.0.0.1", 8080);

    public TunnelConfig {
        requireNonNull(listen, "listen");
        requireNonNull(files, "files");
        requireNonNull(mode, "mode");
        requireNonNull(tlsMax, "tlsMax");
        requireNonNull(connectTimeout, "connectTimeout");
        requireNonNull(reloadInterval, "reloadInterval");
        target = normalized(requireNonNull(target, "target"), mode);
        if (connectTimeout.isNegative() || connectTimeout.isZero()) {
            throw new IllegalArgumentException("connectTimeout: " + connectTimeout + " (expected: > 0)");
        }
        if (reloadInterval.toMillis() < 10) {
            throw new IllegalArgumentException("reloadInterval: " + reloadInterval + " (expected: >= 10 ms)");
        }
        if (threads < 1) {
            throw new IllegalArgumentException("threads: " + threads + " (expected: >= 1)");
        }
        if (!unsafeListen && !Tunnel.isLoopback(listen)) {
            throw new IllegalArgumentException("listen " + Tunnel.hostPort(listen) + ": not a loopback address, and "
                    + "whoever can connect to the tunnel calls the API with its certificate: listen on 127.0.0.1, ::1 "
                    + "or localhost, or, if other hosts must use it, add --unsafe-listen and firewall the port");
        }
    }

    /** Starts with the defaults: listen on 127.0.0.1:8080, HTTP, TLS up to 1.3, 10 s to connect, files checked every second. */
    public static Builder builder(URI target, TlsFiles files) {
        return new Builder(target, files);
    }

    /** The target's host name (or address): what the server's certificate must name, and the SNI. */
    public String host() {
        String host = target.getHost();
        return host.startsWith("[") ? host.substring(1, host.length() - 1) : host;
    }

    public int port() {
        return target.getPort();
    }

    private static URI normalized(URI target, Mode mode) {
        String scheme = target.getScheme();
        boolean allowed = "https".equals(scheme) || (mode == Mode.TCP && "tls".equals(scheme));
        if (!allowed || target.getHost() == null) {
            throw new IllegalArgumentException("target " + target + " (expected: https://host[:port]"
                    + (mode == Mode.TCP ? " or tls://host[:port]" : "") + ")");
        }
        if (target.getRawPath() != null && !target.getRawPath().isEmpty() && !target.getRawPath().equals("/")
                || target.getRawQuery() != null || target.getRawFragment() != null || target.getRawUserInfo() != null) {
            throw new IllegalArgumentException("target " + target + ": give the scheme, host and port only "
                    + "(the app's paths are forwarded as they are)");
        }
        try {
            return new URI(scheme, null, target.getHost(), target.getPort() < 0 ? 443 : target.getPort(), null, null, null);
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException("target " + target + ": " + e.getMessage(), e);
        }
    }

    /** Builds a {@link TunnelConfig}; the target and the files are required, the rest has defaults. */
    public static final class Builder {
        private final URI target;
        private final TlsFiles files;
        private InetSocketAddress listen = DEFAULT_LISTEN;
        private Mode mode = Mode.HTTP;
        private TlsVersion tlsMax = TlsVersion.TLS_1_3;
        private Duration connectTimeout = Duration.ofSeconds(10);
        private Duration reloadInterval = Duration.ofSeconds(1);
        private int threads = 1;
        private boolean unsafeListen;

        private Builder(URI target, TlsFiles files) {
            this.target = requireNonNull(target, "target");
            this.files = requireNonNull(files, "files");
        }

        public Builder listen(InetSocketAddress listen) {
            this.listen = requireNonNull(listen, "listen");
            return this;
        }

        public Builder mode(Mode mode) {
            this.mode = requireNonNull(mode, "mode");
            return this;
        }

        public Builder tlsMax(TlsVersion tlsMax) {
            this.tlsMax = requireNonNull(tlsMax, "tlsMax");
            return this;
        }

        public Builder connectTimeout(Duration connectTimeout) {
            this.connectTimeout = requireNonNull(connectTimeout, "connectTimeout");
            return this;
        }

        public Builder reloadInterval(Duration reloadInterval) {
            this.reloadInterval = requireNonNull(reloadInterval, "reloadInterval");
            return this;
        }

        public Builder threads(int threads) {
            this.threads = threads;
            return this;
        }

        /** Allows a listen address other hosts can reach (whoever connects acts with the tunnel's certificate). */
        public Builder unsafeListen(boolean allow) {
            this.unsafeListen = allow;
            return this;
        }

        public TunnelConfig build() {
            return new TunnelConfig(listen, target, files, mode, tlsMax, connectTimeout, reloadInterval, threads,
                    unsafeListen);
        }
    }
}
