package dev.mtlskit.cli;

import java.io.PrintWriter;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.stream.Collectors;

import dev.mtlskit.inspect.BundleReport;
import dev.mtlskit.inspect.CaConstraints;
import dev.mtlskit.inspect.CertificateReport;
import dev.mtlskit.inspect.CsrReport;
import dev.mtlskit.inspect.FileReport;
import dev.mtlskit.inspect.Finding;
import dev.mtlskit.inspect.IssuerLink;
import dev.mtlskit.inspect.KeyMatch;
import dev.mtlskit.inspect.KeyReport;

/** The text form of {@code mtls inspect}: one block per file, aligned labels, warnings last. */
final class InspectText {

    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss 'UTC'")
            .withZone(ZoneOffset.UTC);
    private static final String INDENT = "      ";
    private static final int LABEL_WIDTH = 16;

    private InspectText() {
    }

    static void write(PrintWriter out, List<FileReport> reports) {
        boolean first = true;
        for (FileReport report : reports) {
            if (!first) {
                out.println();
            }
            first = false;
            if (report instanceof BundleReport bundle) {
                writeBundle(out, bundle);
            } else if (report instanceof KeyReport key) {
                writeKey(out, key);
            } else if (report instanceof CsrReport csr) {
                writeCsr(out, csr);
            }
        }
    }

    private static void writeBundle(PrintWriter out, BundleReport bundle) {
        int count = bundle.certificates().size();
        String summary = count == 1 ? "1 certificate"
                : count + " certificates, leaf first" + (bundle.isChain() ? "; each is signed by the next"
                : "; not one chain (see 'Signed by next')");
        out.println(bundle.source() + ": " + summary);
        if (bundle.reordered()) {
            out.println("  The file had them out of order; listed leaf first.");
        }
        for (int i = 0; i < count; i++) {
            CertificateReport certificate = bundle.certificates().get(i);
            out.println();
            out.println("  [" + (i + 1) + "] " + certificate.role().label() + ": " + certificate.subject());
            writeCertificate(out, certificate);
            if (i < bundle.links().size()) {
                line(out, "Signed by next", link(bundle.links().get(i), bundle.certificates().get(i + 1), i + 2));
            } else if (count > 1 && !certificate.selfSigned()) {
                line(out, "Chain ends", "its issuer is not in this file (a root from a trust store, "
                        + "or a missing intermediate)");
            }
            for (Finding finding : certificate.findings()) {
                line(out, "WARNING", finding.message() + " [" + finding.reason() + "]");
            }
        }
    }

    private static void writeCertificate(PrintWriter out, CertificateReport certificate) {
        line(out, "Subject", certificate.subject());
        line(out, "Issuer", certificate.issuer() + (certificate.selfSigned() ? " (itself: self-signed)" : ""));
        line(out, "Serial", certificate.serial());
        line(out, "Valid from", TIME.format(certificate.validity().notBefore()));
        line(out, "Valid until", TIME.format(certificate.validity().notAfter()) + " (" + certificate.validity().summary() + ")");
        line(out, "Key", certificate.key().type());
        line(out, "Signature", certificate.signatureAlgorithm());
        line(out, "Names (SAN)", certificate.subjectAltNames().isEmpty() ? "(none)"
                : certificate.subjectAltNames().stream().map(Object::toString).collect(Collectors.joining(", ")));
        line(out, "Key usage", certificate.keyUsage().isEmpty() ? "(no extension)" : String.join(", ", certificate.keyUsage()));
        line(out, "Extended usage", certificate.extendedKeyUsage().isEmpty() ? "(no extension: any purpose)"
                : String.join(", ", certificate.extendedKeyUsage()));
        line(out, "CA", ca(certificate.basicConstraints()));
        line(out, "SHA-256", certificate.sha256Fingerprint());
        line(out, "SPKI pin", certificate.spkiPin());
        certificate.ocspUrls().forEach(url -> line(out, "OCSP", url));
        certificate.caIssuersUrls().forEach(url -> line(out, "CA issuers", url));
        certificate.crlUrls().forEach(url -> line(out, "CRL", url));
    }

    private static String ca(CaConstraints constraints) {
        if (!constraints.ca()) {
            return constraints.present() ? "no" : "no (no basicConstraints extension)";
        }
        return "yes, " + (constraints.pathLength() == null ? "any number of CAs below it"
                : constraints.pathLength() == 0 ? "no CA below it (pathLen 0)"
                : "at most " + constraints.pathLength() + " CA(s) below it (pathLen " + constraints.pathLength() + ")");
    }

    private static String link(IssuerLink link, CertificateReport next, int nextPosition) {
        String target = "[" + nextPosition + "]";
        if (link.signedByNext()) {
            return "yes: " + target + "'s public key verifies its signature";
        }
        if (link.nameMatches()) {
            return "NO: " + target + " has its issuer's name, but " + target + "'s public key does not verify its "
                    + "signature (a different CA with the same name?)";
        }
        return "NO: " + target + " (" + next.subject() + ") is not its issuer"
                + (link.signatureVerifies() ? ", although its key verifies the signature" : "");
    }

    private static void writeKey(PrintWriter out, KeyReport key) {
        out.println(key.source() + ": private key");
        line(out, "Key", key.key().type());
        String matches;
        if (key.certificatesCompared() == 0) {
            matches = "(no certificates given: add the certificate files to see which one it belongs to)";
        } else if (key.matches().isEmpty()) {
            matches = "matches none of the certificates given";
        } else {
            matches = key.matches().stream().map(InspectText::match).collect(Collectors.joining("; "));
        }
        line(out, "Belongs to", matches);
    }

    private static void writeCsr(PrintWriter out, CsrReport csr) {
        out.println(csr.source() + ": certificate signing request (PKCS#10)");
        line(out, "Subject", csr.subject().isEmpty() ? "(empty)" : csr.subject());
        line(out, "Key", csr.key().type());
        line(out, "SPKI pin", csr.spkiPin());
        line(out, "Signature", csr.signatureAlgorithm() + (csr.signatureValid() ? ", valid: signed with the key it contains"
                : ", INVALID: it does not verify with the key it contains"));
        line(out, "Names (SAN)", csr.subjectAltNames().isEmpty() ? "(none requested)"
                : csr.subjectAltNames().stream().map(Object::toString).collect(Collectors.joining(", ")));
        line(out, "Key usage", csr.keyUsage().isEmpty() ? "(not requested)" : String.join(", ", csr.keyUsage()));
        line(out, "Extended usage", csr.extendedKeyUsage().isEmpty() ? "(not requested: the CA decides)"
                : String.join(", ", csr.extendedKeyUsage()));
        if (csr.requestsCa()) {
            line(out, "CA", "requested (basicConstraints CA:TRUE)");
        }
        for (Finding finding : csr.findings()) {
            line(out, "WARNING", finding.message() + " [" + finding.reason() + "]");
        }
    }

    private static String match(KeyMatch match) {
        return "matches " + match.source() + (match.position() > 1 ? " [" + match.position() + "]" : "")
                + " (" + match.subject() + ")";
    }

    private static void line(PrintWriter out, String label, String value) {
        out.println(INDENT + String.format("%-" + LABEL_WIDTH + "s", label) + value);
    }
}
