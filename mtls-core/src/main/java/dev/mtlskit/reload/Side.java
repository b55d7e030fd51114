package dev.mtlskit.reload;

/** Which end of the connection a TLS context is for. */
public enum Side {
    /** Connects out, presents a client certificate, checks the server's chain and name. */
    CLIENT,
    /** Accepts connections, requires a client certificate and checks its chain. */
    SERVER
}
