package dev.mtlskit.cli;

import java.io.PrintWriter;
import java.security.cert.X509Certificate;
import java.util.List;

import dev.mtlskit.names.Printable;
import dev.mtlskit.revocation.RevocationStatus;
import dev.mtlskit.validation.Verdict;

/** The verdict for people: the outcome and code first, then the sentence and the fix. */
final class VerdictText {

    private VerdictText() {
    }

    static void write(PrintWriter out, Verdict verdict, String note) {
        write(out, verdict, null, note);
    }

    /** @param revocation what OCSP or the CRL distribution points said of a valid chain, or {@code null} */
    static void write(PrintWriter out, Verdict verdict, RevocationStatus revocation, String note) {
        if (verdict.valid()) {
            out.println("VALID");
            out.println("  " + verdict.message());
            if (revocation != null) {
                out.println("  revocation: " + revocation.state().name().toLowerCase(java.util.Locale.ROOT).replace('_', ' ')
                        + (revocation.admittedUnknown() ? " (soft: admitted)" : "") + ": " + revocation.message());
            }
        } else {
            out.println("INVALID " + verdict.reason());
            out.println("  certificate: " + displayName(verdict.certificate()));
            out.println("  " + verdict.message());
            out.println("  fix: " + verdict.fix());
        }
        List<X509Certificate> path = verdict.path();
        if (!path.isEmpty()) {
            out.println("  path" + (verdict.valid() ? "" : " tried") + ":");
            for (int i = 0; i < path.size(); i++) {
                out.println("    " + i + ". " + displayName(path.get(i)));
            }
        }
        if (note != null) {
            out.println("  note: " + note);
        }
    }

    static String displayName(X509Certificate certificate) {
        String name = certificate.getSubjectX500Principal().getName();
        return name.isEmpty() ? "(empty subject)" : Printable.of(name);
    }
}
