package dev.mtlskit.client.doctor;

import static java.util.Objects.requireNonNull;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.CertificateParsingException;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Stream;

import javax.security.auth.x500.X500Principal;

import dev.mtlskit.client.CallEvent;
import dev.mtlskit.client.CallRequest;
import dev.mtlskit.tls.netty.TlsAlertInfo;
import dev.mtlskit.client.Transcript;
import dev.mtlskit.material.CertificateBundle;
import dev.mtlskit.material.PasswordSource;
import dev.mtlskit.material.Issuers;
import dev.mtlskit.reason.ConnectionCode;
import dev.mtlskit.reason.Reason;
import dev.mtlskit.revocation.RevocationStatus;
import dev.mtlskit.validation.Durations;
import dev.mtlskit.validation.PeerRole;
import dev.mtlskit.validation.V1Certificates;

/**
 * Once a server has rejected the client certificate: what is wrong with it, as far as can be seen
 * here (validity, purpose, revocation alert, the server's CA list, a missing intermediate).
 */
final class ClientCertificateCheck {

    private static final String CLIENT_AUTH = "1.3.6.1.5.5.7.3.2";
    private static final String ANY_PURPOSE = "2.5.29.37.0";
    /** Sibling files looked at for a missing intermediate: few and small, this is a hint, not a search. */
    private static final int MAX_SIBLINGS = 64;
    private static final long MAX_SIBLING_BYTES = 1 << 20;
    static final String REVOKED_FIX = "get a new certificate from your CA; a revoked certificate cannot be used again";

    private final Clock clock;
    private final CallRequest request;
    private final List<X509Certificate> chain;
    private final List<X500Principal> accepted;
    private final Optional<TlsAlertInfo> alert;
    private final String serverReason;
    private final Optional<RevocationStatus> revocation;

    /**
     * @param serverReason the code the server gave (mtls serve's explain mode), or {@code null}
     * @param revocation what the certificate's CA says of its revocation status, when it names where to ask
     */
    ClientCertificateCheck(Clock clock, CallRequest request, List<X509Certificate> chain, List<X500Principal> accepted,
                           Optional<TlsAlertInfo> alert, String serverReason, Optional<RevocationStatus> revocation) {
        this.clock = requireNonNull(clock, "clock");
        this.request = requireNonNull(request, "request");
        this.chain = List.copyOf(chain);
        this.accepted = List.copyOf(accepted);
        this.alert = requireNonNull(alert, "alert");
        this.serverReason = serverReason;
        this.revocation = requireNonNull(revocation, "revocation");
    }

    /** The local cause of the rejection described by {@code how}, if one shows. */
    Optional<Diagnosis> cause(String how) {
        if (chain.isEmpty()) {
            return Optional.empty();
        }
        X509Certificate leaf = chain.get(0);
        Instant now = clock.instant();
        String rejected = "the server rejected your client certificate " + Wording.subject(chain) + " (" + how + "): ";
        for (X509Certificate certificate : chain) {
            String which = certificate == leaf ? "it" : "the intermediate " + Transcript.name(certificate.getSubjectX500Principal())
                    + " in " + request.certificateFile();
            if (now.isAfter(certificate.getNotAfter().toInstant())) {
                return found(Reason.EXPIRED, rejected + which + " expired on " + day(certificate.getNotAfter().toInstant())
                                + " (" + Durations.humanize(Duration.between(certificate.getNotAfter().toInstant(), now)) + " ago)",
                        "renew the certificate with your CA and use the new file with --cert");
            }
            if (now.isBefore(certificate.getNotBefore().toInstant())) {
                return found(Reason.NOT_YET_VALID, rejected + which + " is valid only from "
                                + day(certificate.getNotBefore().toInstant()) + " (in "
                                + Durations.humanize(Duration.between(now, certificate.getNotBefore().toInstant())) + ")",
                        "wait until it becomes valid, or check the clock of this machine and of the server"
                                + " (a certificate issued minutes ago can look 'not yet valid' to a server whose clock is behind)");
            }
        }
        if (!allowsClientAuth(leaf)) {
            return found(Reason.WRONG_PURPOSE, rejected + "its extended key usage is " + purposes(leaf)
                            + ", without clientAuth, so it may identify a server but not a client. Public CAs stopped"
                            + " issuing clientAuth certificates in 2026, so renewed public certificates are serverAuth-only",
                    "get a client certificate (extended key usage clientAuth), e.g. from a private CA the server trusts;"
                            + " if the server is run with mtls serve and must accept a partner's public-CA certificate,"
                            + " its operator can set --accept-missing-client-auth-eku (with identity rules)");
        }
        if (revocation.filter(status -> status.state() == RevocationStatus.State.REVOKED).isPresent()) {
            return found(Reason.REVOKED, rejected + "its CA has revoked it: " + RevocationLookup.clause(revocation.get()),
                    REVOKED_FIX);
        }
        if ((alert.isPresent() && alert.get().name().equals("certificate_revoked")) || Reason.REVOKED.name().equals(serverReason)) {
            return found(Reason.REVOKED, rejected + "its CA has revoked it (the server checked a CRL or OCSP)", REVOKED_FIX);
        }
        if (!new CallEvent.CertificateRequested(accepted).accepts(chain)) {
            X509Certificate issuer = chain.size() == 1 && !Issuers.isSelfSigned(leaf) ? siblingIssuer(leaf) : null;
            if (issuer != null) {
                return found(Reason.MISSING_INTERMEDIATE, rejected + "your certificate file " + request.certificateFile()
                                + " holds only the leaf; the server accepts " + Wording.names(accepted) + ", which it can"
                                + " reach only through the intermediate " + Transcript.name(issuer.getSubjectX500Principal())
                                + " that you do not send",
                        "send the intermediate too: append it to the certificate file, leaf first (cat "
                                + request.certificateFile() + " " + siblingFile + " > chain.pem, then --cert chain.pem)");
            }
            return Optional.of(new Diagnosis(false, ConnectionCode.CLIENT_CERT_ISSUER_NOT_ACCEPTED.name(), Party.CLIENT,
                    rejected + "it was issued by " + Transcript.name(leaf.getIssuerX500Principal())
                            + ", but the server accepts only certificates issued by: " + Wording.names(accepted)
                            + (chain.size() == 1 && !Issuers.isSelfSigned(leaf)
                            ? ". If " + Transcript.name(leaf.getIssuerX500Principal()) + " is an intermediate below one of"
                            + " those, your file lacks it (MISSING_INTERMEDIATE)" : ""),
                    "use a client certificate from one of the CAs the server names, or ask its operator to trust "
                            + Transcript.name(leaf.getIssuerX500Principal()) + "; if an intermediate is missing, append it to "
                            + request.certificateFile(),
                    List.of(), List.of()));
        }
        if (leaf.getVersion() == 1) {
            return found(Reason.V1_CERTIFICATE, rejected + "it is " + V1Certificates.clientSentence(),
                    V1Certificates.leafFix(PeerRole.CLIENT, null));
        }
        return Optional.empty();
    }

    private Path siblingFile;

    /**
     * An intermediate that issued {@code leaf}, below a CA the server named, in a certificate file
     * next to the client certificate; the file holding the fewest certificates wins (the
     * intermediate's own file rather than a bundle).
     */
    private X509Certificate siblingIssuer(X509Certificate leaf) {
        Path directory = request.certificateFile().toAbsolutePath().getParent();
        if (directory == null) {
            return null;
        }
        X509Certificate best = null;
        int bestCount = Integer.MAX_VALUE;
        try (Stream<Path> files = Files.list(directory)) {
            for (Path file : files.limit(MAX_SIBLINGS).sorted().toList()) {
                String name = file.getFileName().toString().toLowerCase(Locale.ROOT);
                if (!(name.endsWith(".crt") || name.endsWith(".pem") || name.endsWith(".cer"))
                        || !Files.isRegularFile(file) || Files.size(file) > MAX_SIBLING_BYTES) {
                    continue;
                }
                List<X509Certificate> certificates;
                try {
                    certificates = CertificateBundle.load(file, PasswordSource.none()).certificates();
                } catch (RuntimeException notCertificates) {
                    continue;
                }
                for (X509Certificate candidate : certificates) {
                    if (certificates.size() < bestCount && isIntermediateOf(leaf, candidate)) {
                        best = candidate;
                        bestCount = certificates.size();
                        siblingFile = file;
                    }
                }
            }
        } catch (IOException e) {
            return best;
        }
        return best;
    }

    private boolean isIntermediateOf(X509Certificate leaf, X509Certificate candidate) {
        return !candidate.equals(leaf) && !Issuers.isSelfSigned(candidate) && candidate.getBasicConstraints() >= 0
                && Issuers.signedBy(leaf, candidate)
                && (accepted.isEmpty() || accepted.contains(candidate.getIssuerX500Principal()));
    }

    private static boolean allowsClientAuth(X509Certificate leaf) {
        try {
            List<String> usages = leaf.getExtendedKeyUsage();
            return usages == null || usages.contains(CLIENT_AUTH) || usages.contains(ANY_PURPOSE);
        } catch (CertificateParsingException e) {
            return false;
        }
    }

    private static String purposes(X509Certificate leaf) {
        try {
            List<String> usages = leaf.getExtendedKeyUsage();
            return usages.stream().map(oid -> switch (oid) {
                case "1.3.6.1.5.5.7.3.1" -> "serverAuth";
                case "1.3.6.1.5.5.7.3.4" -> "emailProtection";
                case "1.3.6.1.5.5.7.3.3" -> "codeSigning";
                default -> oid;
            }).reduce((a, b) -> a + ", " + b).orElse("(empty)");
        } catch (CertificateParsingException e) {
            return "(unreadable)";
        }
    }

    private static Optional<Diagnosis> found(Reason reason, String message, String fix) {
        return Optional.of(new Diagnosis(false, reason.name(), Party.CLIENT, message, fix, List.of(), List.of()));
    }

    private static String day(Instant instant) {
        return LocalDate.ofInstant(instant, ZoneOffset.UTC).toString();
    }
}
