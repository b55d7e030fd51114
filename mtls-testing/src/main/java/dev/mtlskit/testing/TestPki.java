package dev.mtlskit.testing;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.Date;
import java.util.List;

import javax.naming.InvalidNameException;
import javax.naming.ldap.LdapName;
import javax.naming.ldap.Rdn;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509TrustManager;

import org.bouncycastle.asn1.DERNull;
import org.bouncycastle.asn1.nist.NISTObjectIdentifiers;
import org.bouncycastle.asn1.ocsp.OCSPObjectIdentifiers;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.CRLNumber;
import org.bouncycastle.asn1.x509.CRLReason;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.X509CRLHolder;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateHolder;
import org.bouncycastle.cert.ocsp.BasicOCSPResp;
import org.bouncycastle.cert.ocsp.BasicOCSPRespBuilder;
import org.bouncycastle.cert.ocsp.CertificateID;
import org.bouncycastle.cert.ocsp.CertificateStatus;
import org.bouncycastle.cert.ocsp.OCSPRespBuilder;
import org.bouncycastle.cert.ocsp.RevokedStatus;
import org.bouncycastle.cert.ocsp.jcajce.JcaBasicOCSPRespBuilder;
import org.bouncycastle.cert.X509v2CRLBuilder;
import org.bouncycastle.cert.jcajce.JcaX509ExtensionUtils;
import org.bouncycastle.jce.provider.BouncyCastleProvider;
import org.bouncycastle.openssl.jcajce.JcaPKCS8Generator;
import org.bouncycastle.openssl.jcajce.JceOpenSSLPKCS8EncryptorBuilder;
import org.bouncycastle.operator.DigestCalculatorProvider;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.bouncycastle.operator.jcajce.JcaDigestCalculatorProviderBuilder;
import org.junit.jupiter.api.Assumptions;

import dev.mtlskit.material.PemWriter;
import dev.mtlskit.pki.CertificateBuilder;
import dev.mtlskit.pki.HeldCertificate;
import dev.mtlskit.pki.KeyType;
import dev.mtlskit.pki.Purpose;

/**
 * The tests' small PKI: roots, intermediates, client and server certificates made in memory (ECDSA
 * P-256, valid around now unless a test says otherwise with {@link HeldCertificate#builder()}), and
 * the files made of them: PEM certificates and keys, encrypted keys, PKCS#12 and other keystores,
 * CRLs. Also the ways files get replaced in real life (in place, or by an atomic rename) and plain
 * JDK TLS contexts, with no mtls-kit code in them, for the independent other end of a connection.
 */
public final class TestPki {

    public static final String ORGANIZATION = "mtls-kit tests";
    /** Two unrelated roots: trusting one does not trust the other. */
    public static final HeldCertificate ROOT = root("mtls-kit Test Root CA");
    public static final HeldCertificate OTHER_ROOT = root("mtls-kit Other Root CA");
    /** For localhost, 127.0.0.1 and ::1, issued by {@link #ROOT}. */
    public static final HeldCertificate SERVER = server(ROOT, "localhost");

    private TestPki() {
    }

    // ---- certificates ----

    /** A self-signed CA that may sign leaves only. */
    public static HeldCertificate root(String commonName) {
        return HeldCertificate.builder().organization(ORGANIZATION).commonName(commonName).certificateAuthority(0).build();
    }

    /** A CA under {@code issuer} that may sign leaves only. */
    public static HeldCertificate intermediate(String commonName, HeldCertificate issuer) {
        return HeldCertificate.builder().organization(ORGANIZATION).commonName(commonName).certificateAuthority(0)
                .signedBy(issuer).build();
    }

    /** A client certificate (clientAuth) issued by {@link #ROOT}. */
    public static HeldCertificate client(String commonName) {
        return client(commonName, ROOT);
    }

    public static HeldCertificate client(String commonName, HeldCertificate issuer) {
        return HeldCertificate.builder().commonName(commonName).purpose(Purpose.CLIENT).signedBy(issuer).build();
    }

    /** A server certificate (serverAuth) for {@code dnsName}, 127.0.0.1 and ::1. */
    public static HeldCertificate server(HeldCertificate issuer, String dnsName) {
        return HeldCertificate.builder().commonName(dnsName).purpose(Purpose.SERVER).addDnsName(dnsName)
                .addIpAddress("127.0.0.1").addIpAddress("::1").signedBy(issuer).build();
    }

    /**
     * A client certificate (clientAuth) issued by {@code issuer} that names where its revocation status
     * is found.
     *
     * @param ocspUrl the OCSP responder in its authorityInfoAccess, or null for none
     * @param crlUrl its CRL distribution point, or null for none
     */
    public static HeldCertificate client(String commonName, HeldCertificate issuer, String ocspUrl, String crlUrl) {
        CertificateBuilder builder = HeldCertificate.builder().commonName(commonName).purpose(Purpose.CLIENT).signedBy(issuer);
        if (ocspUrl != null) {
            builder.ocspUrl(ocspUrl);
        }
        if (crlUrl != null) {
            builder.addCrlDistributionPoint(crlUrl);
        }
        return builder.build();
    }

    /**
     * A delegated OCSP responder of {@code ca}: issued by it, extended key usage id-kp-OCSPSigning only,
     * and id-pkix-ocsp-nocheck (RFC 6960 4.2.2.2.1: nobody checks the responder's own status).
     */
    public static HeldCertificate ocspSigner(HeldCertificate ca) {
        return HeldCertificate.builder().organization(ORGANIZATION).commonName("OCSP responder of " + commonName(ca.certificate()))
                .keyUsage(KeyUsage.digitalSignature).extendedKeyUsage(List.of(KeyPurposeId.id_kp_OCSPSigning))
                .addExtension(OCSPObjectIdentifiers.id_pkix_ocsp_nocheck, false, DERNull.INSTANCE)
                .signedBy(ca).build();
    }

    /**
     * A signer no relying party may accept for any CA's OCSP answers: issued by {@link #OTHER_ROOT}, with
     * no extended key usage at all.
     */
    public static HeldCertificate unauthorizedOcspSigner() {
        return HeldCertificate.builder().organization(ORGANIZATION).commonName("Unauthorized OCSP signer")
                .keyUsage(KeyUsage.digitalSignature).extendedKeyUsage(List.of()).signedBy(OTHER_ROOT).build();
    }

    /** A subject as the tests compare them: RFC 2253. */
    public static String subject(X509Certificate certificate) {
        return certificate.getSubjectX500Principal().getName();
    }

    /** The last CN of the subject, or null without one. */
    public static String commonName(X509Certificate certificate) {
        try {
            String cn = null;
            for (Rdn rdn : new LdapName(certificate.getSubjectX500Principal().getName()).getRdns()) {
                if (rdn.getType().equalsIgnoreCase("CN")) {
                    cn = rdn.getValue().toString();
                }
            }
            return cn;
        } catch (InvalidNameException e) {
            throw new IllegalStateException("the JDK wrote a subject it cannot read back: " + e.getMessage(), e);
        }
    }

    /**
     * A root of the JDK's default trust store, as a public CA's: ISRG Root X1 where present, else the
     * first with a CN. Skips the test when the store holds none.
     */
    public static X509Certificate publicRoot() {
        List<X509Certificate> roots;
        try {
            TrustManagerFactory factory = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            factory.init((KeyStore) null);
            X509TrustManager manager = (X509TrustManager) factory.getTrustManagers()[0];
            roots = Arrays.stream(manager.getAcceptedIssuers()).filter(root -> commonName(root) != null).toList();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("the JDK's default trust store is unreadable: " + e.getMessage(), e);
        }
        Assumptions.assumeFalse(roots.isEmpty(), "the JDK's default trust store holds no roots (a stripped-down JRE?): "
                + "install the ca-certificates-java package to run this test");
        return roots.stream().filter(root -> "ISRG Root X1".equals(commonName(root))).findFirst()
                .orElseGet(() -> roots.get(0));
    }

    // ---- PEM ----

    /** The certificates of {@code held}, each alone (no issuers), as PEM. */
    public static String pem(HeldCertificate... held) {
        return PemWriter.certificates(Arrays.stream(held).map(HeldCertificate::certificate).toList());
    }

    /** The private key of {@code held} as unencrypted PKCS#8 PEM. */
    public static String keyPem(HeldCertificate held) {
        return PemWriter.privateKey(held.keyPair().getPrivate());
    }

    public static Path writeCertificates(Path file, X509Certificate... certificates) throws IOException {
        PemWriter.writeCertificates(file, List.of(certificates));
        return file;
    }

    /** The chain of {@code held} without its root, leaf first. */
    public static Path writeChain(Path file, HeldCertificate held) throws IOException {
        PemWriter.writeCertificates(file, held.chainWithoutRoot());
        return file;
    }

    /** Unencrypted PKCS#8, mode 0600. */
    public static Path writeKey(Path file, PrivateKey key) throws IOException {
        PemWriter.writePrivateKey(file, key);
        return file;
    }

    /** PKCS#8 encrypted with AES-256-CBC. */
    public static Path writeEncryptedKey(Path file, PrivateKey key, String password) throws Exception {
        var encryptor = new JceOpenSSLPKCS8EncryptorBuilder(NISTObjectIdentifiers.id_aes256_CBC)
                .setProvider(new BouncyCastleProvider()).setPassword(password.toCharArray()).build();
        Files.writeString(file, PemWriter.pem(new JcaPKCS8Generator(key, encryptor).generate()), StandardCharsets.US_ASCII);
        return file;
    }

    // ---- keystores ----

    /**
     * A keystore written by the JDK: for each alias, a key entry (a {@link HeldCertificate}, with
     * its full chain) or a trusted certificate entry (an {@link X509Certificate}).
     */
    public static byte[] keyStore(String type, char[] password, Object... aliasesAndEntries) throws Exception {
        KeyStore store = KeyStore.getInstance(type);
        store.load(null, null);
        for (int i = 0; i < aliasesAndEntries.length; i += 2) {
            String alias = (String) aliasesAndEntries[i];
            Object entry = aliasesAndEntries[i + 1];
            if (entry instanceof HeldCertificate held) {
                store.setKeyEntry(alias, held.keyPair().getPrivate(), password, held.fullChain().toArray(X509Certificate[]::new));
            } else {
                store.setCertificateEntry(alias, (X509Certificate) entry);
            }
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        store.store(out, password);
        return out.toByteArray();
    }

    /** A PKCS#12 file with one key entry, alias "server", holding the chain of {@code held} without its root. */
    public static Path writePkcs12(Path file, HeldCertificate held, String password) throws Exception {
        KeyStore store = KeyStore.getInstance("PKCS12");
        store.load(null, null);
        store.setKeyEntry("server", held.keyPair().getPrivate(), password.toCharArray(),
                held.chainWithoutRoot().toArray(X509Certificate[]::new));
        try (var out = Files.newOutputStream(file)) {
            store.store(out, password.toCharArray());
        }
        return file;
    }

    // ---- CRLs ----

    /**
     * A CRL of {@code ca} listing {@code revoked} (key compromise, revoked at {@code thisUpdate}),
     * with an authority key identifier and a CRL number that grows with the list.
     *
     * @param nextUpdate null for none
     */
    public static X509CRLHolder crl(HeldCertificate ca, Instant thisUpdate, Instant nextUpdate, BigInteger... revoked) {
        X500Name issuer = X500Name.getInstance(ca.certificate().getSubjectX500Principal().getEncoded());
        X509v2CRLBuilder builder = new X509v2CRLBuilder(issuer, Date.from(thisUpdate));
        if (nextUpdate != null) {
            builder.setNextUpdate(Date.from(nextUpdate));
        }
        for (BigInteger serial : revoked) {
            builder.addCRLEntry(serial, Date.from(thisUpdate), CRLReason.keyCompromise);
        }
        try {
            builder.addExtension(Extension.cRLNumber, false, new CRLNumber(BigInteger.valueOf(revoked.length + 1L)));
            builder.addExtension(Extension.authorityKeyIdentifier, false,
                    new JcaX509ExtensionUtils().createAuthorityKeyIdentifier(ca.certificate().getPublicKey()));
            PrivateKey key = ca.keyPair().getPrivate();
            return builder.build(new JcaContentSignerBuilder(KeyType.signatureAlgorithmFor(key)).build(key));
        } catch (Exception e) {
            throw new IllegalStateException("cannot build the CRL of " + issuer + ": " + e.getMessage(), e);
        }
    }

    /** A CRL of {@code ca} issued five minutes ago, valid for a week, listing {@code revoked}. */
    public static X509CRLHolder crl(HeldCertificate ca, BigInteger... revoked) {
        Instant now = Instant.now();
        return crl(ca, now.minus(Duration.ofMinutes(5)), now.plus(Duration.ofDays(7)), revoked);
    }

    /** {@code crl} as DER, as CRL distribution points serve it (application/pkix-crl). */
    public static byte[] der(X509CRLHolder crl) {
        try {
            return crl.getEncoded();
        } catch (IOException e) {
            throw new IllegalStateException("BouncyCastle cannot encode a CRL it built: " + e.getMessage(), e);
        }
    }

    /** {@link #crl(HeldCertificate, BigInteger...)} as DER. */
    public static byte[] crlDer(HeldCertificate ca, BigInteger... revoked) {
        return der(crl(ca, revoked));
    }

    /** {@link #crl(HeldCertificate, BigInteger...)} as PEM. */
    public static String crlPem(HeldCertificate ca, BigInteger... revoked) {
        return PemWriter.pem(crl(ca, revoked));
    }

    // ---- OCSP answers made here ----

    /**
     * A successful OCSP answer about {@code certificate} of {@code ca}, signed by {@code signer} (the CA or
     * a delegated responder, whose certificate it then carries), made with BouncyCastle: for what
     * {@link OcspResponder} (openssl) cannot make, such as an answer whose nextUpdate has passed. Serve it
     * with {@link HttpFiles#put(String, byte[], String)} as application/ocsp-response. Its CertID uses
     * SHA-1 (as the JDK's and openssl's requests do); it carries no nonce, whatever was asked.
     *
     * @param revocationTime null: good; otherwise revoked (key compromise) at that time
     * @param nextUpdate null for none
     */
    public static byte[] ocspResponse(HeldCertificate ca, HeldCertificate signer, X509Certificate certificate,
            Instant revocationTime, Instant thisUpdate, Instant nextUpdate) {
        try {
            DigestCalculatorProvider digests = new JcaDigestCalculatorProviderBuilder().build();
            CertificateID id = new CertificateID(digests.get(CertificateID.HASH_SHA1),
                    new JcaX509CertificateHolder(ca.certificate()), certificate.getSerialNumber());
            BasicOCSPRespBuilder builder = new JcaBasicOCSPRespBuilder(signer.certificate().getPublicKey(),
                    digests.get(CertificateID.HASH_SHA1));
            CertificateStatus status = revocationTime == null ? CertificateStatus.GOOD
                    : new RevokedStatus(Date.from(revocationTime), CRLReason.keyCompromise);
            builder.addResponse(id, status, Date.from(thisUpdate), nextUpdate == null ? null : Date.from(nextUpdate));
            PrivateKey key = signer.keyPair().getPrivate();
            X509CertificateHolder[] signerChain = signer.certificate().equals(ca.certificate()) ? null
                    : new X509CertificateHolder[] {new JcaX509CertificateHolder(signer.certificate())};
            BasicOCSPResp basic = builder.build(new JcaContentSignerBuilder(KeyType.signatureAlgorithmFor(key)).build(key),
                    signerChain, Date.from(thisUpdate));
            return new OCSPRespBuilder().build(OCSPRespBuilder.SUCCESSFUL, basic).getEncoded();
        } catch (Exception e) {
            throw new IllegalStateException("cannot build the OCSP answer for " + subject(certificate) + ": " + e.getMessage(), e);
        }
    }

    /** {@code crls} as PEM, one after the other, in one file. */
    public static Path writeCrls(Path file, X509CRLHolder... crls) throws IOException {
        Files.writeString(file, PemWriter.pem((Object[]) crls), StandardCharsets.US_ASCII);
        return file;
    }

    // ---- replacing files ----

    /** Writes into the existing file, as an editor without backup copies does. */
    public static void writeInPlace(Path file, String content) throws IOException {
        Files.writeString(file, content, StandardCharsets.US_ASCII);
    }

    /** Writes a temporary file next to {@code file} and renames it over {@code file}, as careful tools do. */
    public static void replaceAtomically(Path file, String content) throws IOException {
        Path temporary = Files.createTempFile(file.getParent(), ".tmp-", ".pem");
        Files.writeString(temporary, content, StandardCharsets.US_ASCII);
        Files.move(temporary, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    }

    // ---- plain JDK TLS ----

    /**
     * A plain JDK context (PKIX, no mtls-kit code): the independent other end of the tests' connections.
     *
     * @param identity the certificate this end shows, or null for none
     */
    public static SSLContext plainContext(HeldCertificate identity, HeldCertificate... trusted) throws GeneralSecurityException {
        KeyManagerFactory keyManagers = null;
        if (identity != null) {
            char[] password = "test".toCharArray();
            KeyStore keys = emptyPkcs12();
            keys.setKeyEntry("identity", identity.keyPair().getPrivate(), password,
                    identity.chainWithoutRoot().toArray(X509Certificate[]::new));
            keyManagers = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
            keyManagers.init(keys, password);
        }
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(keyManagers == null ? null : keyManagers.getKeyManagers(), plainTrustManagers(trusted), null);
        return context;
    }

    /** The JDK's PKIX trust managers for {@code trusted}. */
    public static TrustManager[] plainTrustManagers(HeldCertificate... trusted) throws GeneralSecurityException {
        KeyStore anchors = emptyPkcs12();
        for (int i = 0; i < trusted.length; i++) {
            anchors.setCertificateEntry("ca" + i, trusted[i].certificate());
        }
        TrustManagerFactory trustManagers = TrustManagerFactory.getInstance("PKIX");
        trustManagers.init(anchors);
        return trustManagers.getTrustManagers();
    }

    private static KeyStore emptyPkcs12() throws GeneralSecurityException {
        KeyStore store = KeyStore.getInstance("PKCS12");
        try {
            store.load(null, null);
        } catch (IOException e) {
            throw new IllegalStateException("an empty PKCS12 store cannot fail to load", e);
        }
        return store;
    }
}
