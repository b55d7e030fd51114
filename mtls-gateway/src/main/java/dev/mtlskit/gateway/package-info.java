/**
 * How are clients let in? {@code mtls serve}: terminates TLS with client-certificate verification,
 * authorizes each request by the client's identity and forwards it to an upstream with
 * spoof-proof identity headers.
 */
package dev.mtlskit.gateway;
