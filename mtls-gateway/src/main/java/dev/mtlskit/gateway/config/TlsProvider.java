package dev.mtlskit.gateway.config;

/** The TLS engine: BoringSSL through netty-tcnative (fast, the default) or the JDK's own. */
public enum TlsProvider {
    OPENSSL,
    JDK
}
