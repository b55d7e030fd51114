/**
 * How do I get certificates? A certificate builder with secure defaults, the dev CA behind
 * {@code mtls pki}, CSRs and their signing.
 */
package dev.mtlskit.pki;
