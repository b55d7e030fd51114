package dev.mtlskit.client.doctor;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Stream;

import org.bouncycastle.asn1.ASN1OctetString;
import org.bouncycastle.asn1.x509.AccessDescription;
import org.bouncycastle.asn1.x509.AuthorityInformationAccess;
import org.bouncycastle.asn1.x509.Extension;

import dev.mtlskit.client.CallRequest;
import dev.mtlskit.material.CertificateBundle;
import dev.mtlskit.material.Issuers;
import dev.mtlskit.material.PasswordSource;
import dev.mtlskit.revocation.OnlineRevocation;
import dev.mtlskit.revocation.RevocationMode;
import dev.mtlskit.revocation.RevocationStatus;

/**
 * What a certificate's CA says of its revocation status: the OCSP responders and CRL distribution
 * points its certificates name, asked as a server checking revocation in soft mode asks them (the
 * same code as {@code mtls serve --ocsp/--crl-fetch}), once, with a short timeout. The doctor asks
 * for both sides: the client certificate it presents and the server's validated chain.
 */
final class RevocationLookup {

    /** The longest a source may take to answer: a doctor run must stay quick. */
    static final Duration LONGEST_WAIT = OnlineRevocation.DEFAULT_TIMEOUT;
    /** Sibling files looked at for the client certificate's issuer: few and small, as for a missing intermediate. */
    private static final int MAX_SIBLINGS = 64;
    private static final long MAX_SIBLING_BYTES = 1 << 20;
    private static final int MAX_DEPTH = 8;

    private RevocationLookup() {
    }

    /**
     * The status of a validated path (leaf first, its trust anchor last, which is not asked about),
     * or empty when none of its certificates names a source.
     */
    static Optional<RevocationStatus> ask(List<X509Certificate> path, Clock clock, Duration connectTimeout) {
        if (path.size() < 2) {
            return Optional.empty();
        }
        Duration timeout = connectTimeout.compareTo(LONGEST_WAIT) < 0 ? connectTimeout : LONGEST_WAIT;
        try (OnlineRevocation online = OnlineRevocation.builder().ocsp(RevocationMode.SOFT).crlFetch(RevocationMode.SOFT)
                .timeout(timeout).clock(clock).build()) {
            RevocationStatus status = online.check(path);
            return status.state() == RevocationStatus.State.NOT_CHECKED ? Optional.empty() : Optional.of(status);
        }
    }

    /** Whether {@code certificate} names an OCSP responder or a CRL distribution point. */
    static boolean namesSource(X509Certificate certificate) {
        if (certificate.getExtensionValue(Extension.cRLDistributionPoints.getId()) != null) {
            return true;
        }
        byte[] value = certificate.getExtensionValue(Extension.authorityInfoAccess.getId());
        if (value == null) {
            return false;
        }
        try {
            AuthorityInformationAccess access = AuthorityInformationAccess.getInstance(
                    ASN1OctetString.getInstance(value).getOctets());
            for (AccessDescription description : access.getAccessDescriptions()) {
                if (AccessDescription.id_ad_ocsp.equals(description.getAccessMethod())) {
                    return true;
                }
            }
            return false;
        } catch (RuntimeException e) {
            return false;
        }
    }

    /**
     * The client certificate's chain as the file holds it, completed up to a self-signed CA with
     * issuers found in the --cacert file or in certificate files next to the client certificate (a
     * dev PKI keeps them together). OCSP needs the issuer of each certificate asked about.
     */
    static List<X509Certificate> clientPath(List<X509Certificate> chain, CallRequest request) {
        List<X509Certificate> path = new ArrayList<>(chain);
        if (path.isEmpty()) {
            return path;
        }
        List<X509Certificate> candidates = null;
        while (path.size() < MAX_DEPTH && !Issuers.isSelfSigned(path.get(path.size() - 1))) {
            if (candidates == null) {
                candidates = candidates(request);
            }
            X509Certificate last = path.get(path.size() - 1);
            X509Certificate issuer = candidates.stream()
                    .filter(candidate -> !path.contains(candidate) && Issuers.signedBy(last, candidate))
                    .findFirst().orElse(null);
            if (issuer == null) {
                break;
            }
            path.add(issuer);
        }
        return List.copyOf(path);
    }

    private static List<X509Certificate> candidates(CallRequest request) {
        List<X509Certificate> found = new ArrayList<>();
        if (request.caFile() != null) {
            found.addAll(load(request.caFile()));
        }
        Path directory = request.certificateFile() == null ? null : request.certificateFile().toAbsolutePath().getParent();
        if (directory == null) {
            return found;
        }
        try (Stream<Path> files = Files.list(directory)) {
            for (Path file : files.limit(MAX_SIBLINGS).sorted().toList()) {
                String name = file.getFileName().toString().toLowerCase(Locale.ROOT);
                if ((name.endsWith(".crt") || name.endsWith(".pem") || name.endsWith(".cer"))
                        && Files.isRegularFile(file) && Files.size(file) <= MAX_SIBLING_BYTES) {
                    found.addAll(load(file));
                }
            }
        } catch (IOException e) {
            return found;
        }
        return found;
    }

    private static List<X509Certificate> load(Path file) {
        try {
            return CertificateBundle.load(file, PasswordSource.none()).certificates();
        } catch (RuntimeException notCertificates) {
            return List.of();
        }
    }

    // ---- the doctor's words ----

    /** The status's sentence as a clause of the doctor's: lower case first, no final period. */
    static String clause(RevocationStatus status) {
        String message = status.message();
        String trimmed = message.endsWith(".") ? message.substring(0, message.length() - 1) : message;
        return trimmed.isEmpty() ? trimmed : Character.toLowerCase(trimmed.charAt(0)) + trimmed.substring(1);
    }

    /** Who must answer for an unknown status: the source the status names ("the OCSP responder at …"). */
    static String whoMustAnswer(RevocationStatus status) {
        String source = status.source();
        return source.startsWith("the ") ? source : "its OCSP responder or CRL distribution point";
    }

    /** How a server checking revocation in hard mode treats a certificate whose status cannot be learned. */
    static final String HARD_MODE_REFUSES = "a server that checks revocation in hard mode refuses such a certificate"
            + " with REVOCATION_UNKNOWN (mtls serve sends alert bad_certificate)";
}
