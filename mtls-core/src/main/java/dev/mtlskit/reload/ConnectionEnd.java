package dev.mtlskit.reload;

/**
 * Which end of a connection does a local TLS context serve? (The role the peer's certificate is
 * validated for is the other: {@link dev.mtlskit.validation.PeerRole}.)
 */
public enum ConnectionEnd {
    /** Connects out, presents a client certificate, checks the server's chain and name. */
    CLIENT,
    /** Accepts connections, requires a client certificate and checks its chain. */
    SERVER
}
