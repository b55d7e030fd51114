/**
 * Whom does this end trust, and what did a peer's chain earn? One strict trust manager for both
 * ends of every connection (the gateway's listeners and upstreams, the tunnel, the JDK contexts of
 * the library): the peer's chain is judged by mtls-kit's validator against a fixed set of trust
 * anchors and CRLs, and the judgement (verdict, identity, identity headers) is remembered for a
 * while, so that a returning peer costs a hash. New trust means a new manager: a judgement made
 * under old trust is never used under new trust.
 */
package dev.mtlskit.trust;
