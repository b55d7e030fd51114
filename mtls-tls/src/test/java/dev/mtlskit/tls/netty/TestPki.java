package dev.mtlskit.tls.netty;

import java.io.IOException;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.KeyStore;
import java.security.cert.X509CRL;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;

import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;

import org.bouncycastle.asn1.x509.CRLNumber;
import org.bouncycastle.asn1.x509.CRLReason;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.cert.X509v2CRLBuilder;
import org.bouncycastle.cert.jcajce.JcaX509CRLConverter;
import org.bouncycastle.cert.jcajce.JcaX509CertificateHolder;
import org.bouncycastle.cert.jcajce.JcaX509ExtensionUtils;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

import dev.mtlskit.material.PemWriter;
import dev.mtlskit.pki.HeldCertificate;
import dev.mtlskit.pki.Purpose;
import dev.mtlskit.reload.TlsFiles;

/** Certificates and files for the Netty reload tests, and plain JDK contexts for the other end. */
final class TestPki {

    static final HeldCertificate ROOT = root("Netty Reload Test Root CA");
    static final HeldCertificate OTHER_ROOT = root("Netty Reload Other Root CA");
    static final HeldCertificate SERVER = server(ROOT, "localhost");

    private TestPki() {
    }

    /** One end's files in a directory: its certificate and key, and the CAs it trusts (a CRL too when given). */
    record EndpointFiles(Path certificate, Path key, Path ca, Path crl) {

        static EndpointFiles write(Path directory, HeldCertificate identity, String crlPem) throws IOException {
            EndpointFiles files = new EndpointFiles(directory.resolve("tls.crt"), directory.resolve("tls.key"),
                    directory.resolve("ca.crt"), crlPem == null ? null : directory.resolve("ca.crl"));
            Files.writeString(files.certificate(), pem(identity));
            PemWriter.writePrivateKey(files.key(), identity.keyPair().getPrivate());
            Files.writeString(files.ca(), pem(ROOT));
            if (crlPem != null) {
                Files.writeString(files.crl(), crlPem);
            }
            return files;
        }

        TlsFiles tlsFiles() {
            TlsFiles.Builder builder = TlsFiles.builder().certificateChain(certificate).privateKey(key)
                    .addTrustedCertificates(ca);
            if (crl != null) {
                builder.addCrl(crl);
            }
            return builder.build();
        }

        /** The key, then the certificate, each by an atomic rename (reload after both). */
        void replace(HeldCertificate identity) throws IOException {
            replaceAtomically(key, PemWriter.privateKey(identity.keyPair().getPrivate()));
            replaceAtomically(certificate, pem(identity));
        }
    }

    static HeldCertificate root(String name) {
        return HeldCertificate.builder().organization("mtls-kit tests").commonName(name).certificateAuthority(0).build();
    }

    static HeldCertificate client(String commonName) {
        return HeldCertificate.builder().commonName(commonName).purpose(Purpose.CLIENT).signedBy(ROOT).build();
    }

    static HeldCertificate server(HeldCertificate issuer, String dnsName) {
        return HeldCertificate.builder().commonName(dnsName).purpose(Purpose.SERVER).addDnsName(dnsName)
                .addIpAddress("127.0.0.1").signedBy(issuer).build();
    }

    static String pem(HeldCertificate... held) {
        StringBuilder pem = new StringBuilder();
        for (HeldCertificate certificate : held) {
            pem.append(PemWriter.certificates(List.of(certificate.certificate())));
        }
        return pem.toString();
    }

    static void replaceAtomically(Path file, String content) throws IOException {
        Path temporary = Files.createTempFile(file.getParent(), ".tmp-", ".pem");
        Files.writeString(temporary, content, StandardCharsets.US_ASCII);
        Files.move(temporary, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    }

    /** A CRL of {@code issuer} listing {@code revoked}, valid for a week. */
    static String crlPem(HeldCertificate issuer, BigInteger... revoked) throws Exception {
        Instant now = Instant.now();
        X509v2CRLBuilder builder = new X509v2CRLBuilder(new JcaX509CertificateHolder(issuer.certificate()).getSubject(),
                Date.from(now.minus(Duration.ofMinutes(5))));
        builder.setNextUpdate(Date.from(now.plus(Duration.ofDays(7))));
        for (BigInteger serial : revoked) {
            builder.addCRLEntry(serial, Date.from(now.minus(Duration.ofMinutes(1))), CRLReason.keyCompromise);
        }
        builder.addExtension(Extension.cRLNumber, false, new CRLNumber(BigInteger.valueOf(revoked.length + 1)));
        builder.addExtension(Extension.authorityKeyIdentifier, false,
                new JcaX509ExtensionUtils().createAuthorityKeyIdentifier(issuer.certificate()));
        X509CRL crl = new JcaX509CRLConverter().getCRL(builder.build(new JcaContentSignerBuilder("SHA256withECDSA")
                .build(issuer.keyPair().getPrivate())));
        return PemWriter.pem(crl);
    }

    /** A plain JDK context (PKIX, no mtls-kit code): the independent other end of the tests' connections. */
    static SSLContext plainContext(HeldCertificate identity, HeldCertificate... trusted) throws Exception {
        KeyManagerFactory keyManagers = null;
        if (identity != null) {
            char[] password = "test".toCharArray();
            KeyStore keys = KeyStore.getInstance("PKCS12");
            keys.load(null, null);
            keys.setKeyEntry("identity", identity.keyPair().getPrivate(), password,
                    identity.chainWithoutRoot().toArray(X509Certificate[]::new));
            keyManagers = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
            keyManagers.init(keys, password);
        }
        KeyStore anchors = KeyStore.getInstance("PKCS12");
        anchors.load(null, null);
        for (int i = 0; i < trusted.length; i++) {
            anchors.setCertificateEntry("ca" + i, trusted[i].certificate());
        }
        TrustManagerFactory trustManagers = TrustManagerFactory.getInstance("PKIX");
        trustManagers.init(anchors);
        TrustManager[] trust = trustManagers.getTrustManagers();
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(keyManagers == null ? null : keyManagers.getKeyManagers(), trust, null);
        return context;
    }
}
