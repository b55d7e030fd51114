package dev.mtlskit.client.doctor;

import java.security.cert.X509Certificate;
import java.util.List;
import java.util.stream.Collectors;

import javax.security.auth.x500.X500Principal;

import dev.mtlskit.tls.netty.TlsAlertInfo;
import dev.mtlskit.client.Transcript;

/** The words of the doctor's sentences: how it names certificates and CA lists, and what an alert means. */
final class Wording {

    private Wording() {
    }

    static String names(List<X500Principal> principals) {
        return principals.stream().map(Transcript::name).collect(Collectors.joining("; "));
    }

    static String subject(List<X509Certificate> chain) {
        return chain.isEmpty() ? "(none)" : Transcript.name(chain.get(0).getSubjectX500Principal());
    }

    /** What a server means by the alerts it sends about a client certificate. */
    static String alertMeaning(TlsAlertInfo alert) {
        return switch (alert.name()) {
            case "unknown_ca" -> "unknown_ca means the server does not trust the CA that issued it";
            case "bad_certificate" -> "bad_certificate means the server could not verify it";
            case "unsupported_certificate" -> "unsupported_certificate usually means its key usage or purpose is wrong";
            case "certificate_expired" -> "certificate_expired means the server found it (or a CA above it) expired";
            case "certificate_revoked" -> "certificate_revoked means its CA revoked it";
            case "certificate_unknown" -> "certificate_unknown means the server refused it without saying why";
            case "access_denied" -> "access_denied means the server verified it but does not allow this identity";
            case "decrypt_error" -> "decrypt_error means the signature made with your key did not verify";
            case "handshake_failure" -> "handshake_failure is a generic refusal";
            default -> alert.name() + " is the server's reason";
        };
    }
}
