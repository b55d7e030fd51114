package dev.mtlskit.pki;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;

/** Reading back what the PKI wrote, with the JDK only (independent of the material loaders under test elsewhere). */
final class PkiTestSupport {

    private PkiTestSupport() {
    }

    static List<X509Certificate> certificates(Path file) throws IOException, CertificateException {
        return CertificateFactory.getInstance("X.509")
                .generateCertificates(new ByteArrayInputStream(Files.readAllBytes(file))).stream()
                .map(X509Certificate.class::cast).toList();
    }

    static X509Certificate certificate(Path file) throws IOException, CertificateException {
        return certificates(file).get(0);
    }

    /** The values of the subject alternative names (IPv6 in the JDK's long form), or empty without any. */
    static List<Object> sanValues(X509Certificate certificate) throws java.security.cert.CertificateParsingException {
        var names = certificate.getSubjectAlternativeNames();
        return names == null ? List.of() : names.stream().<Object>map(name -> name.get(1)).toList();
    }

    static String permissions(Path file) throws IOException {
        return PosixFilePermissions.toString(Files.getPosixFilePermissions(file));
    }

    static Clock clockAt(String instant) {
        return Clock.fixed(Instant.parse(instant), ZoneOffset.UTC);
    }
}
