/**
 * Who is the peer? The identity read from a verified client certificate (names, issuer,
 * fingerprints), and its encodings for upstreams: Envoy's X-Forwarded-Client-Cert and RFC 9440.
 * Certificate text is untrusted input: every encoding escapes it so that it cannot break a header
 * or a log line.
 */
package dev.mtlskit.identity;
