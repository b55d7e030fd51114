/**
 * What does the client ask for, and may it? The connection pipeline after TLS (HTTP/2 and HTTP/1.1
 * chosen by ALPN, with their limits and deadlines), routing and per-request authorization against
 * the listener's policy, and the listener at run time. Admitted requests go to
 * {@link dev.mtlskit.gateway.proxy}.
 */
package dev.mtlskit.gateway.http;
