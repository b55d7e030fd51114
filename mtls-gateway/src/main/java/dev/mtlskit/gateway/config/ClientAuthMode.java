package dev.mtlskit.gateway.config;

/** What happens to a client without a valid certificate. */
public enum ClientAuthMode {
    /** The handshake fails without a valid client certificate. */
    REQUIRE,
    /** A certificate is verified if presented (an invalid one fails the handshake); routes decide. */
    OPTIONAL,
    /**
     * Every handshake completes; requests without a valid certificate get 401/403 with an RFC 9457
     * problem+json body naming the reason code and the fix, and are never forwarded.
     */
    EXPLAIN
}
