package dev.mtlskit.client;

import static java.util.Objects.requireNonNull;

import java.security.cert.X509Certificate;
import java.util.List;

import dev.mtlskit.reason.Reason;
import dev.mtlskit.validation.Verdict;

/**
 * Why this side refused the server's certificate, from the client's point of view: the code, one
 * sentence and the fix that {@code mtls call}, {@code mtls call -v} and {@code mtls doctor} all say.
 * The validator's verdict says where the chain stops; this says who must do what. A chain that
 * stops at an issuer nobody sent is {@code MISSING_INTERMEDIATE} only when the server sent its
 * certificate alone and the certificate points to its issuer's certificate (caIssuers, as
 * certificates below an intermediate carry): a server that forgot its intermediate. Otherwise the
 * server sent what it should and the client lacks the root: {@code UNTRUSTED_ROOT}.
 *
 * @param reason the code ({@link Reason} name)
 * @param message one sentence a newcomer understands
 * @param fix what to do
 */
public record ServerCertificateRefusal(String reason, String message, String fix) {

    public ServerCertificateRefusal {
        requireNonNull(reason, "reason");
        requireNonNull(message, "message");
        requireNonNull(fix, "fix");
    }

    /** The refusal of {@code server}, whose verdict must be invalid. */
    static ServerCertificateRefusal of(CallEvent.ServerCertificate server) {
        Verdict verdict = server.verdict();
        List<X509Certificate> chain = server.chain();
        X509Certificate leaf = chain.get(0);
        String trusted = server.trustSource();
        if (verdict.reason() == Reason.MISSING_INTERMEDIATE && !verdict.certificate().equals(leaf)) {
            // The server sends its intermediates and not the root, as it should: the root is not trusted here.
            String top = Transcript.name(verdict.certificate().getIssuerX500Principal());
            return new ServerCertificateRefusal(Reason.UNTRUSTED_ROOT.name(),
                    "the server's certificate chain leads up to " + top + ", which is not among the CAs you trust ("
                            + trusted + ")",
                    "if you trust this server, get the CA certificate " + top
                            + " from its operator and pass it with --cacert (never turn verification off)");
        }
        if (verdict.reason() == Reason.UNTRUSTED_ROOT) {
            return new ServerCertificateRefusal(Reason.UNTRUSTED_ROOT.name(),
                    "the server's certificate comes from " + Transcript.name(verdict.certificate().getSubjectX500Principal())
                            + ", a CA you do not trust (" + trusted + "): " + verdict.message(),
                    "if you trust this server, pass its CA certificate with --cacert (never turn verification off)");
        }
        if (verdict.reason() == Reason.MISSING_INTERMEDIATE && !CaIssuers.named(leaf)) {
            // The leaf alone, and no pointer to its issuer (certificates below an intermediate carry one):
            // most likely the issuer is a private root the caller does not have.
            String issuer = Transcript.name(leaf.getIssuerX500Principal());
            return new ServerCertificateRefusal(Reason.UNTRUSTED_ROOT.name(),
                    "the server's certificate was issued by " + issuer + ", which is not among the CAs you trust ("
                            + trusted + ") and which the server does not send",
                    "if " + issuer + " is the server's root CA and you trust this server, pass that CA certificate"
                            + " with --cacert; if it is an intermediate CA, the server's operator must send it with the"
                            + " certificate (never turn verification off)");
        }
        if (verdict.reason() == Reason.MISSING_INTERMEDIATE) {
            return new ServerCertificateRefusal(Reason.MISSING_INTERMEDIATE.name(),
                    "the server sends its certificate without the intermediate CA certificate "
                            + Transcript.name(leaf.getIssuerX500Principal())
                            + " that links it to a CA you trust: " + verdict.message(),
                    "the server's operator must configure the full chain (nginx: ssl_certificate with the leaf"
                            + " followed by the intermediates); browsers may hide this by fetching intermediates themselves");
        }
        return new ServerCertificateRefusal(verdict.reason().name(),
                "the server's certificate is not acceptable. " + verdict.message(),
                verdict.reason() == Reason.NAME_MISMATCH
                        ? "connect with a name the certificate covers, or the server's operator must add "
                        + server.expectedName() + " to the certificate's subjectAltName"
                        : "the server's operator must fix it: " + verdict.fix());
    }
}
