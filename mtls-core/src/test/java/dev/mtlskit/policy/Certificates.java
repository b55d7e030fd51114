package dev.mtlskit.policy;

import java.time.Instant;
import java.util.List;

import dev.mtlskit.identity.PeerIdentity;
import dev.mtlskit.pki.CertificateBuilder;
import dev.mtlskit.pki.HeldCertificate;
import dev.mtlskit.pki.Purpose;

/** Test certificates with fixed validity (the policy never looks at dates). */
final class Certificates {

    static final Instant NOT_BEFORE = Instant.parse("2025-01-01T00:00:00Z");
    static final Instant NOT_AFTER = Instant.parse("2035-01-01T00:00:00Z");
    static final HeldCertificate PARTNER_CA = HeldCertificate.builder().organization("Partner")
            .commonName("Partner CA").certificateAuthority(0).validity(NOT_BEFORE, NOT_AFTER).build();
    static final HeldCertificate OTHER_CA = HeldCertificate.builder().organization("Other")
            .commonName("Other CA").certificateAuthority(0).validity(NOT_BEFORE, NOT_AFTER).build();

    private Certificates() {
    }

    /** A client certificate builder, issued by the partner CA unless told otherwise. */
    static CertificateBuilder client() {
        return HeldCertificate.builder().purpose(Purpose.CLIENT).validity(NOT_BEFORE, NOT_AFTER).signedBy(PARTNER_CA);
    }

    static PeerIdentity identity(CertificateBuilder builder) {
        HeldCertificate held = builder.build();
        return PeerIdentity.of(List.of(held.certificate()));
    }
}
