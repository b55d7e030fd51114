/**
 * The hardening suite: hostile and broken clients reproduced byte by byte against a real gateway
 * on loopback. {@link dev.mtlskit.gateway.hardening.RawHttp1Client} writes exact HTTP/1.1 bytes and
 * reads the answers until the gateway closes; {@link dev.mtlskit.gateway.hardening.RawHttp2Client}
 * writes exact HTTP/2 frames (hand-encoded HPACK, malformed on purpose) and decodes what comes back
 * (HEADERS, DATA, RST_STREAM and GOAWAY codes); {@link dev.mtlskit.gateway.hardening.RawTls} opens
 * their TLS sockets with a client certificate. Each test asserts what the client gets, what the
 * log says, and that a good client is served afterwards.
 */
package dev.mtlskit.gateway.hardening;
