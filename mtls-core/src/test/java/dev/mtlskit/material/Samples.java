package dev.mtlskit.material;

import java.security.KeyPair;
import java.time.Instant;

import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.cert.X509CRLHolder;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.bouncycastle.pkcs.PKCS10CertificationRequest;
import org.bouncycastle.pkcs.jcajce.JcaPKCS10CertificationRequestBuilder;

import dev.mtlskit.pki.HeldCertificate;
import dev.mtlskit.pki.KeyType;
import dev.mtlskit.testing.TestPki;

/** Key material made in Java for tests that need no outside tool: CSRs, and CRLs of a fixed date. */
final class Samples {

    /** Fixed dates: nothing here depends on today's date. */
    private static final Instant THIS_UPDATE = Instant.parse("2024-01-01T00:00:00Z");

    private Samples() {
    }

    static PKCS10CertificationRequest csr(KeyPair keys, String commonName) throws Exception {
        return new JcaPKCS10CertificationRequestBuilder(new X500Name("CN=" + commonName), keys.getPublic())
                .build(new JcaContentSignerBuilder(KeyType.signatureAlgorithmFor(keys.getPrivate())).build(keys.getPrivate()));
    }

    /** An empty CRL of {@code ca}, issued on a fixed date, with no next update. */
    static X509CRLHolder crl(HeldCertificate ca) {
        return TestPki.crl(ca, THIS_UPDATE, null);
    }
}
