/**
 * Revocation learned online: OCSP responders and CRL distribution points named in a validated
 * chain's certificates, asked off the caller's thread, remembered until their answer expires, and
 * asked again for clients that are still connected ({@link dev.mtlskit.revocation.OnlineRevocation}).
 */
package dev.mtlskit.revocation;
