/**
 * What went over the wire? A pure-Java TLS tracer: {@link dev.mtlskit.tls.wire.TlsWireTracer} reads
 * the raw bytes of a client connection in both directions and reports each handshake message,
 * ChangeCipherSpec, alert and the first application data as events, in the order {@code curl -v}
 * lists them, with details that explain mutual-TLS failures: the CA names of a CertificateRequest,
 * the certificates each side sent, the alert the server sent and when. TLS 1.3 hides most of the
 * handshake, so the tracer decrypts it with the connection's key log lines (SSLKEYLOGFILE format);
 * with a TLS 1.2 {@code CLIENT_RANDOM} line it also decrypts what follows ChangeCipherSpec.
 *
 * <p>Limits: it follows one client connection and trusts nothing it reads (sizes are capped, bad
 * input becomes a {@code Malformed} or {@code NotTls} event). It decrypts only the AEAD suites
 * (AES-GCM, ChaCha20-Poly1305; not CCM, not TLS 1.2 CBC) and not 0-RTT early data; without the
 * secrets, encrypted messages are reported as such. Encrypted records wait (at most 256 KiB per
 * direction) for the key log line that decrypts them, so a caller without a key log should say so.
 * Once application data flowed in a direction, only small records (alerts, tickets, key updates)
 * are still decrypted. It never verifies anything; it only reports.
 */
package dev.mtlskit.tls.wire;
