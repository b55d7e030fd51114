/**
 * What is in this file? Immutable reports of the facts about certificates, certificate bundles and
 * private keys (validity against an injectable clock, names, usages, fingerprints, chain order, which
 * certificate a key belongs to), as {@code mtls inspect} shows them as text or JSON. The inspectors
 * only read; they never decide whether something is trusted (that is validation's job).
 */
package dev.mtlskit.inspect;
