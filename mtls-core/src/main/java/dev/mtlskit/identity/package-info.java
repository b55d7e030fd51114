/**
 * Who is the peer? The identity read from a verified client certificate (names, issuer,
 * fingerprints), and its encodings for upstreams: Envoy's X-Forwarded-Client-Cert and RFC 9440.
 */
package dev.mtlskit.identity;
