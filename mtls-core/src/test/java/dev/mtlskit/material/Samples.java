package dev.mtlskit.material;

import java.io.ByteArrayOutputStream;
import java.security.KeyPair;
import java.security.KeyStore;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.Date;

import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.cert.X509CRLHolder;
import org.bouncycastle.cert.X509v2CRLBuilder;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.bouncycastle.pkcs.PKCS10CertificationRequest;
import org.bouncycastle.pkcs.jcajce.JcaPKCS10CertificationRequestBuilder;

import dev.mtlskit.pki.HeldCertificate;
import dev.mtlskit.pki.KeyType;

/** Key material made in Java: CSRs, CRLs and keystores for tests that need no outside tool. */
final class Samples {

    /** Fixed dates: nothing here depends on today's date. */
    private static final Date THIS_UPDATE = Date.from(Instant.parse("2024-01-01T00:00:00Z"));

    private Samples() {
    }

    static PKCS10CertificationRequest csr(KeyPair keys, String commonName) throws Exception {
        return new JcaPKCS10CertificationRequestBuilder(new X500Name("CN=" + commonName), keys.getPublic())
                .build(new JcaContentSignerBuilder(KeyType.signatureAlgorithmFor(keys.getPrivate())).build(keys.getPrivate()));
    }

    static X509CRLHolder crl(HeldCertificate ca) throws Exception {
        X500Name issuer = X500Name.getInstance(ca.certificate().getSubjectX500Principal().getEncoded());
        return new X509v2CRLBuilder(issuer, THIS_UPDATE)
                .build(new JcaContentSignerBuilder(KeyType.signatureAlgorithmFor(ca.keyPair().getPrivate()))
                        .build(ca.keyPair().getPrivate()));
    }

    /** A keystore written by the JDK, one key entry per certificate, aliases as given. */
    static byte[] keyStore(String type, char[] password, Object... aliasesAndCertificates) throws Exception {
        KeyStore store = KeyStore.getInstance(type);
        store.load(null, null);
        for (int i = 0; i < aliasesAndCertificates.length; i += 2) {
            String alias = (String) aliasesAndCertificates[i];
            Object entry = aliasesAndCertificates[i + 1];
            if (entry instanceof HeldCertificate held) {
                store.setKeyEntry(alias, held.keyPair().getPrivate(), password,
                        held.fullChain().toArray(X509Certificate[]::new));
            } else {
                store.setCertificateEntry(alias, (X509Certificate) entry);
            }
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        store.store(out, password);
        return out.toByteArray();
    }
}
