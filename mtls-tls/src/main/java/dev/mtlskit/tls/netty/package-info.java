/**
 * How does a Netty connection get today's certificate, and the one strict judgement of its peer?
 * Netty {@code SslContext}s (BoringSSL or the JDK engine) built by one builder for every end of
 * mtls-kit: the gateway's listeners and upstreams, the tunnel, library users. Each is made from a
 * {@link dev.mtlskit.reload.ReloadingTlsMaterial} and made again when its files change; the peer
 * is judged by {@link dev.mtlskit.trust.StrictTrustManager}. Also the TLS words every end shares:
 * alerts, versions and signature schemes, and the one reading of a failure: a failed connect
 * ({@link dev.mtlskit.tls.netty.ConnectFailure}), what the engine says
 * ({@link dev.mtlskit.tls.netty.TlsEngineFailure}) and the alert the peer sent
 * ({@link dev.mtlskit.tls.netty.TlsAlertInfo}).
 */
package dev.mtlskit.tls.netty;
