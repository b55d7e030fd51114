package dev.mtlskit.cli;

import java.io.PrintWriter;
import java.security.cert.X509Certificate;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import dev.mtlskit.revocation.RevocationStatus;
import dev.mtlskit.inspect.Fingerprints;
import dev.mtlskit.validation.Verdict;

/**
 * The verdict as one JSON object: {@code valid}, {@code reason} (absent when valid), {@code subject}
 * (of the certificate concerned), {@code message}, {@code fix} (absent when valid), {@code path}
 * (subject, issuer and SHA-256 fingerprint, as {@code mtls inspect} prints it, of each certificate) and {@code note}.
 */
final class VerdictJson {

    private static final ObjectMapper JSON = new ObjectMapper();

    private VerdictJson() {
    }

    static void write(PrintWriter out, Verdict verdict, String note) {
        write(out, verdict, null, note);
    }

    /** @param revocation what OCSP or the CRL distribution points said of a valid chain, or {@code null} */
    static void write(PrintWriter out, Verdict verdict, RevocationStatus revocation, String note) {
        ObjectNode object = JSON.createObjectNode();
        object.put("valid", verdict.valid());
        if (!verdict.valid()) {
            object.put("reason", verdict.reason().name());
        }
        object.put("subject", verdict.subject());
        object.put("message", verdict.message());
        if (!verdict.valid()) {
            object.put("fix", verdict.fix());
        }
        ArrayNode path = object.putArray("path");
        for (X509Certificate certificate : verdict.path()) {
            ObjectNode entry = path.addObject();
            entry.put("subject", certificate.getSubjectX500Principal().getName());
            entry.put("issuer", certificate.getIssuerX500Principal().getName());
            entry.put("sha256", Fingerprints.sha256Colon(certificate));
        }
        if (revocation != null) {
            ObjectNode status = object.putObject("revocation");
            status.put("state", revocation.state().name().toLowerCase(java.util.Locale.ROOT));
            status.put("source", revocation.source());
            status.put("message", revocation.message());
            status.put("admitted_unknown", revocation.admittedUnknown());
        }
        if (note != null) {
            object.put("note", note);
        }
        try {
            out.println(JSON.writerWithDefaultPrettyPrinter().writeValueAsString(object));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
