package dev.mtlskit.policy;

import dev.mtlskit.identity.PeerIdentity;

/**
 * One way in: every condition that is set must hold (a rule with none set is refused at
 * configuration time). Being written: fields for subject CN/OU/O, SAN DNS/URI (with
 * {@code spiffe://domain/*} wildcards)/email/IP, issuer DN, SHA-256 fingerprint, SPKI pin.
 */
public interface AllowRule {

    boolean matches(PeerIdentity identity);

    /** For messages and the policy listing: {@code uri=spiffe://example.org/* and issuer=CN=Partner CA}. */
    String describe();
}
