/**
 * How does a caller get through? The client side of mTLS: TLS contexts from PEM files that reload
 * when the files change, {@code mtls call} (a request with a readable handshake trace) and
 * {@code mtls doctor} (why a connection fails, and the fix).
 */
package dev.mtlskit.client;
