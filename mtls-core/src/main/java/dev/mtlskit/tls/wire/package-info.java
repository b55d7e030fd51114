/**
 * What went over the wire? A pure-Java TLS tracer: {@link dev.mtlskit.tls.wire.TlsWireTracer} reads
 * the raw bytes of a client connection in both directions and reports each handshake message,
 * ChangeCipherSpec, alert and the first application data as events, in the order {@code curl -v}
 * lists them, with details that explain mutual-TLS failures: the CA names of a CertificateRequest,
 * the certificates each side sent, the alert the server sent and when. TLS 1.3 hides most of the
 * handshake, so the tracer decrypts it with the connection's key log lines (SSLKEYLOGFILE format).
 *
 * <p>Limits: it follows one client connection and trusts nothing it reads (sizes are capped, bad
 * input becomes a {@code Malformed} or {@code NotTls} event). It decrypts TLS 1.3 with
 * AES-GCM and ChaCha20-Poly1305 only (not the CCM suites), does not decrypt 0-RTT early data, and
 * does not decrypt TLS 1.2 at all: there the Finished messages and later alerts are reported as
 * encrypted. Once application data flowed in a direction, only small records (alerts, tickets,
 * key updates) are still decrypted. It never verifies anything; it only reports.
 */
package dev.mtlskit.tls.wire;
