package dev.mtlskit.client.doctor;

import java.util.EnumSet;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import dev.mtlskit.reason.Reason;

/**
 * What an HTTP error answer means for an mTLS caller, including the pages servers send for
 * certificate problems (nginx answers 400 with "No required SSL certificate was sent" or "The SSL
 * certificate error"; 495/496 are its internal codes for the same) and mtls serve's problem+json.
 */
record HttpStatusText(int status, String quote, String meaning, String fix, boolean clientCertificateProblem,
                      String problemCode) {

    private static final Pattern TITLE = Pattern.compile("<title>([^<]{1,200})</title>", Pattern.CASE_INSENSITIVE);
    private static final Pattern PROBLEM_CODE = Pattern.compile("\"code\"\\s*:\\s*\"([A-Z_]+)\"");
    /** The codes of a client certificate that was refused (not: no certificate, a refused identity, a server's name). */
    private static final Set<Reason> CERTIFICATE_REASONS = EnumSet.of(Reason.EXPIRED, Reason.NOT_YET_VALID,
            Reason.UNTRUSTED_ROOT, Reason.MISSING_INTERMEDIATE, Reason.UNKNOWN_ISSUER, Reason.V1_CERTIFICATE,
            Reason.WRONG_PURPOSE, Reason.REVOKED, Reason.BAD_SIGNATURE,
            Reason.NOT_A_CA, Reason.BAD_KEY_USAGE, Reason.NAME_CONSTRAINTS_VIOLATED, Reason.WEAK_KEY,
            Reason.WEAK_SIGNATURE_ALGORITHM, Reason.CA_AS_LEAF, Reason.UNHANDLED_CRITICAL_EXTENSION,
            Reason.PATH_LENGTH_EXCEEDED, Reason.MALFORMED, Reason.TOO_COMPLEX, Reason.CRL_EXPIRED,
            Reason.REVOCATION_UNKNOWN);
    /** The server's detail, up to a length that holds mtls serve's longest sentences (a longer one is left out). */
    private static final Pattern PROBLEM_DETAIL = Pattern.compile("\"detail\"\\s*:\\s*\"([^\"]{1,1000})\"");

    /** @param certificateFile the client certificate the call presented, or {@code null} */
    static HttpStatusText of(int status, String body, java.nio.file.Path certificateFile) {
        String problem = find(PROBLEM_CODE, body);
        String detail = find(PROBLEM_DETAIL, body);
        String title = find(TITLE, body);
        String quote = problem != null ? " (" + problem + (detail != null ? ": " + detail : "") + ")"
                : body.contains("No required SSL certificate was sent") ? " \"No required SSL certificate was sent\""
                : body.contains("The SSL certificate error") ? " \"The SSL certificate error\""
                : title != null ? " \"" + title.trim() + "\"" : "";
        boolean certificateProblem = status == 495 || body.contains("The SSL certificate error")
                || (problem != null && isCertificateCode(problem));
        return new HttpStatusText(status, quote, meaning(status, problem), fix(status, problem, certificateFile), certificateProblem,
                problem != null && isCertificateCode(problem) ? problem : null);
    }

    private static boolean isCertificateCode(String code) {
        return CERTIFICATE_REASONS.stream().anyMatch(reason -> reason.name().equals(code));
    }

    private static String meaning(int status, String problem) {
        if (Reason.NOT_AUTHORIZED.name().equals(problem)) {
            return "your certificate is valid, but the server's policy does not let this identity use this path";
        }
        return switch (status) {
            case 400 -> "the server refused the request itself (a bad request, or a certificate problem it reports late)";
            case 401 -> "the server wants authentication it did not get (a certificate it could not verify, or a token)";
            case 403 -> "the server knows who you are (your certificate was accepted) but does not allow you here";
            case 404 -> "the path does not exist on this server";
            case 421 -> "the server is not the one for this host name (the TLS name and the Host header must match)";
            case 495 -> "the server could not verify your client certificate";
            case 496 -> "the server requires a client certificate and got none";
            default -> status >= 500 ? "the server (or the service behind it) failed" : "the server refused the request";
        };
    }

    private static String fix(int status, String problem, java.nio.file.Path certificateFile) {
        if (Reason.NOT_AUTHORIZED.name().equals(problem) || status == 403) {
            return "ask the server's operator to allow your certificate's identity (its subject or SAN) for this path"
                    + (certificateFile == null ? "" : "; 'mtls inspect " + certificateFile + "' shows the identity they need");
        }
        return switch (status) {
            case 404 -> "check the path in the URL";
            case 421 -> "connect with the host name the server serves (see --resolve to test a name against an address)";
            default -> status >= 500 ? "retry later or tell the server's operator; the mTLS part works"
                    : "check the request (method, headers, body) against the API's documentation";
        };
    }

    private static String find(Pattern pattern, String text) {
        Matcher matcher = pattern.matcher(text);
        return matcher.find() ? matcher.group(1) : null;
    }
}
