/**
 * How do I get certificates? A certificate builder with secure defaults, the dev CA behind
 * {@code mtls pki} ({@link dev.mtlskit.pki.DevCa}), the ready-made dev PKI of {@code mtls serve}
 * ({@link dev.mtlskit.pki.DevPki#ensure}), and CSRs and their signing ({@link dev.mtlskit.pki.Csr}).
 * Keys are always written readable by their owner only.
 */
package dev.mtlskit.pki;
