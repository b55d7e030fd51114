/**
 * What does the client ask for? The connection pipeline after TLS (HTTP/2 and HTTP/1.1 chosen by
 * ALPN), per-request authorization against the listener's policy, and RFC 9457 problem answers.
 */
package dev.mtlskit.gateway.http;
