package dev.mtlskit.gateway.config;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.Arrays;
import java.util.Date;
import java.util.List;

import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509TrustManager;

import org.bouncycastle.asn1.nist.NISTObjectIdentifiers;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.cert.X509v2CRLBuilder;
import org.bouncycastle.jce.provider.BouncyCastleProvider;
import org.bouncycastle.openssl.jcajce.JcaPKCS8Generator;
import org.bouncycastle.openssl.jcajce.JceOpenSSLPKCS8EncryptorBuilder;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

import dev.mtlskit.material.PemWriter;
import dev.mtlskit.pki.HeldCertificate;
import dev.mtlskit.pki.KeyType;
import dev.mtlskit.pki.Purpose;

/** Certificates, keys, keystores and CRLs written for configuration tests; fixed dates throughout. */
final class Fixtures {

    static final Instant NOT_BEFORE = Instant.parse("2025-01-01T00:00:00Z");
    static final Instant NOT_AFTER = Instant.parse("2035-01-01T00:00:00Z");
    static final HeldCertificate CLIENTS_CA = ca("Clients CA");
    static final HeldCertificate INTERNAL_CA = ca("Internal CA");
    static final HeldCertificate SERVER = HeldCertificate.builder().commonName("gateway.example").purpose(Purpose.SERVER)
            .addDnsName("gateway.example").validity(NOT_BEFORE, NOT_AFTER).signedBy(INTERNAL_CA).build();
    static final HeldCertificate OTHER_SERVER = HeldCertificate.builder().commonName("other.example")
            .purpose(Purpose.SERVER).addDnsName("other.example").validity(NOT_BEFORE, NOT_AFTER).signedBy(INTERNAL_CA)
            .build();
    static final HeldCertificate GATEWAY_CLIENT = HeldCertificate.builder().commonName("gateway")
            .purpose(Purpose.CLIENT).validity(NOT_BEFORE, NOT_AFTER).signedBy(INTERNAL_CA).build();

    private Fixtures() {
    }

    private static HeldCertificate ca(String name) {
        return HeldCertificate.builder().organization("Example").commonName(name).certificateAuthority(0)
                .validity(NOT_BEFORE, NOT_AFTER).build();
    }

    static Path certificates(Path file, X509Certificate... certificates) throws IOException {
        PemWriter.writeCertificates(file, Arrays.asList(certificates));
        return file;
    }

    /** The chain of {@code held} without its root. */
    static Path chain(Path file, HeldCertificate held) throws IOException {
        PemWriter.writeCertificates(file, held.chainWithoutRoot());
        return file;
    }

    static Path key(Path file, PrivateKey key) throws IOException {
        PemWriter.writePrivateKey(file, key);
        return file;
    }

    /** PKCS#8 encrypted with AES-256-CBC. */
    static Path encryptedKey(Path file, PrivateKey key, String password) throws Exception {
        var encryptor = new JceOpenSSLPKCS8EncryptorBuilder(NISTObjectIdentifiers.id_aes256_CBC)
                .setProvider(new BouncyCastleProvider()).setPassword(password.toCharArray()).build();
        Files.writeString(file, PemWriter.pem(new JcaPKCS8Generator(key, encryptor).generate()),
                StandardCharsets.US_ASCII);
        return file;
    }

    static Path text(Path file, String text) throws IOException {
        Files.writeString(file, text, StandardCharsets.UTF_8);
        return file;
    }

    /** A PKCS#12 file with one key entry. */
    static Path pkcs12(Path file, HeldCertificate held, String password) throws Exception {
        KeyStore store = KeyStore.getInstance("PKCS12");
        store.load(null, null);
        store.setKeyEntry("server", held.keyPair().getPrivate(), password.toCharArray(),
                held.chainWithoutRoot().toArray(X509Certificate[]::new));
        try (var out = Files.newOutputStream(file)) {
            store.store(out, password.toCharArray());
        }
        return file;
    }

    /** An empty CRL of {@code ca}, issued at a fixed date. */
    static Path crl(Path file, HeldCertificate ca) throws Exception {
        X500Name issuer = X500Name.getInstance(ca.certificate().getSubjectX500Principal().getEncoded());
        var crl = new X509v2CRLBuilder(issuer, Date.from(NOT_BEFORE))
                .setNextUpdate(Date.from(NOT_AFTER))
                .build(new JcaContentSignerBuilder(KeyType.signatureAlgorithmFor(ca.keyPair().getPrivate()))
                        .build(ca.keyPair().getPrivate()));
        Files.writeString(file, PemWriter.pem(crl), StandardCharsets.US_ASCII);
        return file;
    }

    /** A root of the JDK's default trust store: ISRG Root X1 where present, else any. */
    static X509Certificate publicRoot() throws Exception {
        TrustManagerFactory factory = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        factory.init((KeyStore) null);
        List<X509Certificate> roots = Arrays.asList(((X509TrustManager) factory.getTrustManagers()[0]).getAcceptedIssuers());
        return roots.stream().filter(root -> root.getSubjectX500Principal().getName().startsWith("CN=ISRG Root X1,"))
                .findFirst().orElseGet(() -> roots.get(0));
    }
}
