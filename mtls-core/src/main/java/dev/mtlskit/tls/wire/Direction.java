package dev.mtlskit.tls.wire;

/** Which way bytes travel on a client connection. */
public enum Direction {
    /** From the server to us. */
    IN,
    /** From us to the server. */
    OUT
}
