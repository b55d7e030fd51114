/**
 * How does a legacy app call an mTLS API? {@code mtls tunnel}: a client-side sidecar that takes
 * plain HTTP/1.1 (or raw TCP) on a local port and carries it to the API over TLS with the client
 * certificate, verifying the server strictly and following the certificate files as they change.
 */
package dev.mtlskit.gateway.tunnel;
