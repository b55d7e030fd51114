package dev.mtlskit.gateway.config;

import static java.util.Objects.requireNonNull;

import java.net.InetSocketAddress;

/**
 * Who connects to a listener and what the gateway knows of them: the question every place that
 * treats listeners differently asks this type, never a null.
 */
public sealed interface ListenerKind permits ListenerKind.MutualTls, ListenerKind.Plaintext {

    /**
     * TLS with client certificates: each request is authorized by the identity the client's
     * certificate proves, and that identity is passed upstream.
     */
    record MutualTls(TlsConfig tls) implements ListenerKind {
        public MutualTls {
            requireNonNull(tls, "tls");
        }
    }

    /**
     * Plain HTTP/1.1 from programs on this host, which {@code mtls tunnel} forwards with its own
     * client certificate: nobody is authenticated, so whoever can connect acts as the tunnel.
     * Loopback addresses only, unless {@code anyAddress} (the tunnel's {@code --unsafe-listen}).
     */
    record Plaintext(boolean anyAddress) implements ListenerKind {
    }

    /** Whether only this host can reach {@code address} (an unresolved "localhost" is bound to loopbacks). */
    static boolean isLoopback(InetSocketAddress address) {
        return address.isUnresolved() ? "localhost".equalsIgnoreCase(address.getHostString())
                : address.getAddress().isLoopbackAddress();
    }
}
