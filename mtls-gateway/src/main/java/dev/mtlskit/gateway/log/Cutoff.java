package dev.mtlskit.gateway.log;

/**
 * Why a client was cut off before it had an answer (a limit at accept, or a timeout): the key by
 * which {@link RejectionLog} counts alike lines. Not printed: each line says it in words and names
 * the setting that decided.
 */
public enum Cutoff {
    /** limits.max_connections connections were open. */
    MAX_CONNECTIONS,
    /** limits.max_handshakes_per_source handshakes from the same address were in progress. */
    MAX_HANDSHAKES_PER_SOURCE,
    /** No complete TLS ClientHello within timeouts.client_hello. */
    CLIENT_HELLO,
    /** No byte of a request within timeouts.request_header: closed without an answer. */
    REQUEST_HEADER_NOTHING,
    /** A request head begun but not whole within timeouts.request_header: answered 408. */
    REQUEST_HEADER,
    /** A request body that stalled for timeouts.request_body. */
    REQUEST_BODY
}
