/**
 * Who is on the other end of this connection? Server TLS contexts (BoringSSL or the JDK engine),
 * client-certificate verification with mtls-kit's validator and a bounded verdict cache, and the
 * outcome of each handshake.
 */
package dev.mtlskit.gateway.tls;
