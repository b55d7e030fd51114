/**
 * How does a Netty connection get today's certificate? Netty {@code SslContext}s (BoringSSL or the
 * JDK) rebuilt from a {@link dev.mtlskit.reload.ReloadingTlsMaterial} when its files change, for
 * clients and servers, with mtls-kit's strict validation of the peer.
 */
package dev.mtlskit.client.tls;
