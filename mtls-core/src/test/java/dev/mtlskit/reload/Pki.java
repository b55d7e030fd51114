package dev.mtlskit.reload;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.KeyStore;
import java.security.cert.X509Certificate;
import java.util.List;

import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;

import dev.mtlskit.material.PemWriter;
import dev.mtlskit.pki.HeldCertificate;
import dev.mtlskit.pki.Purpose;

/**
 * Certificates for the reload tests and the ways files get replaced in real life: written in
 * place, renamed over the old file, or swapped Kubernetes-style behind a {@code ..data} symlink.
 */
final class Pki {

    /** Two unrelated roots: trusting one does not trust the other. */
    static final HeldCertificate ROOT = root("Reload Test Root CA");
    static final HeldCertificate OTHER_ROOT = root("Reload Other Root CA");
    static final HeldCertificate SERVER = server(ROOT, "localhost");

    private Pki() {
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

    static String certificatePem(HeldCertificate held) {
        return PemWriter.certificates(List.of(held.certificate()));
    }

    static String keyPem(HeldCertificate held) {
        return PemWriter.privateKey(held.keyPair().getPrivate());
    }

    static String certificatesPem(HeldCertificate... held) {
        StringBuilder pem = new StringBuilder();
        for (HeldCertificate certificate : held) {
            pem.append(certificatePem(certificate));
        }
        return pem.toString();
    }

    /** Writes into the existing file, as an editor without backup copies does. */
    static void writeInPlace(Path file, String content) throws IOException {
        Files.writeString(file, content, StandardCharsets.US_ASCII);
    }

    /** Writes a temporary file next to {@code file} and renames it over {@code file}, as careful tools do. */
    static void replaceAtomically(Path file, String content) throws IOException {
        Path temporary = Files.createTempFile(file.getParent(), ".tmp-", ".pem");
        Files.writeString(temporary, content, StandardCharsets.US_ASCII);
        Files.move(temporary, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    }

    /** A subject as the tests compare them: RFC 2253. */
    static String subject(X509Certificate certificate) {
        return certificate.getSubjectX500Principal().getName();
    }

    /** A plain JDK context (PKIX, no mtls-kit code): the independent other end of the tests' connections. */
    static SSLContext plainContext(HeldCertificate identity, HeldCertificate... trusted) throws Exception {
        char[] password = "test".toCharArray();
        KeyStore keys = KeyStore.getInstance("PKCS12");
        keys.load(null, null);
        keys.setKeyEntry("identity", identity.keyPair().getPrivate(), password,
                identity.chainWithoutRoot().toArray(X509Certificate[]::new));
        KeyManagerFactory keyManagers = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        keyManagers.init(keys, password);
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(keyManagers.getKeyManagers(), plainContextTrustManagers(trusted), null);
        return context;
    }

    /** The JDK's PKIX trust managers for {@code trusted}. */
    static TrustManager[] plainContextTrustManagers(HeldCertificate... trusted) throws Exception {
        KeyStore anchors = KeyStore.getInstance("PKCS12");
        anchors.load(null, null);
        for (int i = 0; i < trusted.length; i++) {
            anchors.setCertificateEntry("ca" + i, trusted[i].certificate());
        }
        TrustManagerFactory trustManagers = TrustManagerFactory.getInstance("PKIX");
        trustManagers.init(anchors);
        return trustManagers.getTrustManagers();
    }
}
