package dev.mtlskit.client.doctor;

import static java.util.Objects.requireNonNull;

import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import javax.security.auth.x500.X500Principal;

import dev.mtlskit.client.CallEvent;
import dev.mtlskit.client.CallRequest;
import dev.mtlskit.client.CallResult;
import dev.mtlskit.client.Caller;
import dev.mtlskit.tls.netty.TlsAlertInfo;
import dev.mtlskit.client.Transcript;
import dev.mtlskit.material.CertificateBundle;
import dev.mtlskit.material.KeyMaterial;
import dev.mtlskit.material.MaterialException;
import dev.mtlskit.material.PasswordSource;
import dev.mtlskit.material.PrivateKeys;
import dev.mtlskit.reason.ConnectionCode;
import dev.mtlskit.reason.Reason;
import dev.mtlskit.revocation.RevocationStatus;
import dev.mtlskit.tls.netty.TlsEngineFailure;
import dev.mtlskit.tls.wire.TlsVersion;

/**
 * Finds the one cause of a failing mTLS connection. It reads the local files, connects as
 * {@code mtls call} does, and where the first attempt leaves the cause open, connects again with
 * other settings (without the client certificate, without enforcing the server's certificate,
 * with another TLS version) to narrow it down. When the server rejects the client certificate it
 * checks the certificate locally to name why. It asks the OCSP responders and CRL distribution
 * points both sides' certificates name, as a server checking revocation would.
 */
public final class Doctor {

    /** How much of a response body is kept to read error pages. */
    private static final int BODY_LIMIT = 16 * 1024;

    private final Caller caller;
    private final Clock clock;

    public Doctor() {
        this(Clock.systemUTC());
    }

    public Doctor(Clock clock) {
        this.clock = requireNonNull(clock, "clock");
        this.caller = new Caller(clock);
    }

    /** Diagnoses the connection {@code request} describes; never throws for a failing server or a bad file. */
    public Diagnosis diagnose(CallRequest request) {
        return new Run(request).diagnose();
    }

    /** One diagnosis: its attempts and findings. */
    private final class Run {
        private final CallRequest request;
        private final List<String> findings = new ArrayList<>();
        private final List<CallResult> attempts = new ArrayList<>();
        private List<X509Certificate> clientChain = List.of();
        private String lastBody = "";
        /** What the client certificate's CA says of it: {@code null} until asked, empty when it names nowhere to ask. */
        private Optional<RevocationStatus> clientRevocation;

        Run(CallRequest request) {
            this.request = requireNonNull(request, "request");
        }

        Diagnosis diagnose() {
            Diagnosis local = checkLocalFiles();
            if (local != null) {
                return local;
            }
            CallResult first = attempt(request);
            Optional<Diagnosis> serverRevoked = serverRevocation(first);
            if (serverRevoked.isPresent()) {
                return serverRevoked.get();
            }
            Optional<CallFailure> shown = CallFailure.of(first);
            if (shown.isPresent()) {
                return shown(first, shown.get());
            }
            return switch (first.stage()) {
                case CONNECT_FAILED -> throw new IllegalStateException("CallFailure names every failed connection");
                case HANDSHAKE_FAILED, CONNECTION_FAILED -> failed(first);
                case RESPONDED -> responded(first);
                case HANDSHAKE_ONLY -> diagnosis(false, ConnectionCode.HANDSHAKE_FAILED.name(), Party.NONE,
                        "the handshake finished but no request was made", "run mtls call -v to see the exchange");
            };
        }

        private Diagnosis checkLocalFiles() {
            try {
                if (request.caFile() != null) {
                    CertificateBundle.load(request.caFile(), PasswordSource.none("--cacert"));
                }
                if (!request.hasClientCertificate()) {
                    return null;
                }
                if (request.keyFile() == null) { // a keystore, or a PEM file with both: checked as it is loaded
                    clientChain = KeyMaterial.loadCertificateFile(request.certificateFile(), request.keyPassword()).chain();
                    return null;
                }
                CertificateBundle bundle = CertificateBundle.load(request.certificateFile(), request.keyPassword());
                PrivateKey key = PrivateKeys.load(request.keyFile(), request.keyPassword());
                clientChain = bundle.certificates();
                if (!PrivateKeys.matches(key, bundle.leaf())) {
                    return diagnosis(false, Reason.KEY_MISMATCH.name(), Party.CLIENT,
                            request.keyFile() + " (" + PrivateKeys.describe(key) + ") is not the key of "
                                    + request.certificateFile() + " (" + Transcript.name(bundle.leaf().getSubjectX500Principal())
                                    + ", " + PrivateKeys.describe(bundle.leaf().getPublicKey()) + "): the server would"
                                    + " reject the proof of possession",
                            "use the key generated together with this certificate (or the certificate issued for this key);"
                                    + " check with: mtls inspect " + request.certificateFile() + " " + request.keyFile());
                }
                return null;
            } catch (MaterialException e) {
                return diagnosis(false, ConnectionCode.LOCAL_FILE_ERROR.name(), Party.CLIENT, e.getMessage(),
                        "fix the file named above; 'mtls inspect FILE' shows what it holds");
            }
        }

        private CallResult attempt(CallRequest attempt) {
            ByteArrayOutputStream body = new ByteArrayOutputStream();
            CallResult result = caller.call(attempt, event -> { }, new OutputStream() {
                @Override
                public void write(int b) {
                    if (body.size() < BODY_LIMIT) {
                        body.write(b);
                    }
                }

                @Override
                public void write(byte[] bytes, int offset, int length) {
                    body.write(bytes, offset, Math.max(0, Math.min(length, BODY_LIMIT - body.size())));
                }
            });
            attempts.add(result);
            lastBody = body.toString(StandardCharsets.UTF_8);
            return result;
        }

        /** A cause the first call shows by itself, as mtls call names it; for the server's certificate, with what else it asks. */
        private Diagnosis shown(CallResult result, CallFailure failure) {
            if (result.serverCertificate().filter(server -> !server.verdict().valid()).isPresent()) {
                // Learn what the server asks of clients too, without sending anything to an unverified server.
                noteWhatTheServerAsks(attempt(copy(request).serverCheck(CallRequest.ServerCheck.RECORD_ONLY).build()));
            }
            return diagnosis(false, failure.reason(), failure.side(), failure.message(), failure.fix());
        }

        private void noteWhatTheServerAsks(CallResult result) {
            result.certificateRequest().ifPresentOrElse(
                    r -> findings.add("the server also asks for a client certificate"
                            + (r.acceptedIssuers().isEmpty() ? "" : " issued by " + Wording.names(r.acceptedIssuers()))),
                    () -> findings.add("the server does not ask for a client certificate"));
        }

        /**
         * Asks the server certificate's CA (once, after the chain was validated): a revoked server
         * certificate is the cause; an unknown or good status is a note.
         */
        private Optional<Diagnosis> serverRevocation(CallResult result) {
            Optional<CallEvent.ServerCertificate> server = result.serverCertificate().filter(s -> s.verdict().valid());
            if (server.isEmpty()) {
                return Optional.empty();
            }
            Optional<RevocationStatus> asked = RevocationLookup.ask(server.get().verdict().path(), clock, request.connectTimeout());
            if (asked.isEmpty()) {
                return Optional.empty();
            }
            RevocationStatus status = asked.get();
            switch (status.state()) {
                case REVOKED -> {
                    noteWhatTheServerAsks(result);
                    return Optional.of(diagnosis(false, Reason.REVOKED.name(), Party.SERVER, "the server's certificate "
                                    + Transcript.name(server.get().chain().get(0).getSubjectX500Principal())
                                    + " has been revoked by its CA: " + RevocationLookup.clause(status)
                                    + "; clients that check revocation refuse it",
                            "the server's operator must replace it with a new certificate from its CA; a revoked"
                                    + " certificate cannot be used again"));
                }
                case UNKNOWN -> findings.add("the server certificate's revocation status is unknown: "
                        + RevocationLookup.clause(status) + "; clients that check revocation in hard mode refuse it, and"
                        + " only the server's CA can fix that: " + RevocationLookup.whoMustAnswer(status) + " must answer");
                default -> findings.add("the server certificate's revocation status: " + RevocationLookup.clause(status));
            }
            return Optional.empty();
        }

        /** Whether the server's code says what the CA says (then the server's detail would only repeat it). */
        private boolean saysTheSame(String serverReason, Optional<RevocationStatus> revocation) {
            RevocationStatus.State state = revocation.map(RevocationStatus::state).orElse(null);
            return (Reason.REVOKED.name().equals(serverReason) && state == RevocationStatus.State.REVOKED)
                    || (Reason.REVOCATION_UNKNOWN.name().equals(serverReason) && state == RevocationStatus.State.UNKNOWN);
        }

        /** What the client certificate's CA says of it, asked once. */
        private Optional<RevocationStatus> clientRevocation() {
            if (clientRevocation == null && clientChain.stream().noneMatch(RevocationLookup::namesSource)) {
                clientRevocation = Optional.empty();
            }
            if (clientRevocation == null) {
                List<X509Certificate> path = RevocationLookup.clientPath(clientChain, request);
                if (path.size() < 2 && !clientChain.isEmpty() && RevocationLookup.namesSource(clientChain.get(0))) {
                    findings.add("your certificate names where its revocation status is published, but its issuer's"
                            + " certificate " + Transcript.name(clientChain.get(0).getIssuerX500Principal())
                            + " is in none of your files (--cert, --cacert, or next to " + request.certificateFile()
                            + "), so its revocation status was not asked");
                }
                clientRevocation = RevocationLookup.ask(path, clock, request.connectTimeout());
            }
            return clientRevocation;
        }

        /** The client certificate's revocation status, as a note, when no diagnosis names it. */
        private void noteClientRevocation(String reason) {
            if (clientRevocation == null || clientRevocation.isEmpty() || reason.equals(Reason.REVOKED.name())
                    || reason.equals(Reason.REVOCATION_UNKNOWN.name())) {
                return;
            }
            RevocationStatus status = clientRevocation.get();
            findings.add(switch (status.state()) {
                case REVOKED -> "your certificate is revoked (REVOKED), although this server accepted it: "
                        + RevocationLookup.clause(status) + "; servers that check revocation refuse it: "
                        + ClientCertificateCheck.REVOKED_FIX;
                case UNKNOWN -> "your certificate's revocation status is unknown: " + RevocationLookup.clause(status) + "; "
                        + RevocationLookup.HARD_MODE_REFUSES + ", and only your CA can fix that: "
                        + RevocationLookup.whoMustAnswer(status) + " must answer";
                default -> "your certificate's revocation status: " + RevocationLookup.clause(status);
            });
        }

        /**
         * A refusal explained by a revocation status nobody can learn: the server checks in hard mode
         * and says so (explain mode), or it sends bad_certificate, as mtls serve does for
         * REVOCATION_UNKNOWN, and this machine cannot learn the status either.
         */
        private Optional<Diagnosis> revocationUnknown(String rejected, Optional<TlsAlertInfo> alert, String serverReason,
                                                      Optional<RevocationStatus> revocation) {
            boolean serverSaid = Reason.REVOCATION_UNKNOWN.name().equals(serverReason);
            boolean unknownHere = revocation.filter(s -> s.state() == RevocationStatus.State.UNKNOWN).isPresent();
            boolean badCertificate = serverReason == null && alert.map(a -> a.name().equals("bad_certificate")).orElse(true);
            if (unknownHere && (serverSaid || badCertificate)) {
                return Optional.of(diagnosis(false, Reason.REVOCATION_UNKNOWN.name(), Party.CA, rejected
                                + (serverSaid ? "the server checks revocation in hard mode and cannot learn its status, nor"
                                + " can this machine: " + RevocationLookup.clause(revocation.get())
                                : "the likely cause is its revocation status, which cannot be learned here either: "
                                + RevocationLookup.clause(revocation.get()) + "; " + RevocationLookup.HARD_MODE_REFUSES),
                        "your certificate's CA must fix this, not you: " + RevocationLookup.whoMustAnswer(revocation.get())
                                + " must answer (tell the CA's operator what failed); until it does, servers that check"
                                + " revocation in hard mode refuse your certificate"));
            }
            if (!serverSaid) {
                return Optional.empty();
            }
            if (revocation.filter(s -> s.state() == RevocationStatus.State.GOOD).isPresent()) {
                return Optional.of(diagnosis(false, Reason.REVOCATION_UNKNOWN.name(), Party.SERVER, rejected
                                + "the server checks revocation in hard mode and cannot learn its status, but this machine"
                                + " can: " + RevocationLookup.clause(revocation.get()) + "; the server cannot reach "
                                + revocation.get().source(),
                        "the server's operator must let it reach " + revocation.get().source() + " (check the firewall,"
                                + " proxy and DNS between them); the server's log line names what failed"));
            }
            boolean namesSource = !clientChain.isEmpty() && RevocationLookup.namesSource(clientChain.get(0));
            return Optional.of(diagnosis(false, Reason.REVOCATION_UNKNOWN.name(), Party.SERVER, rejected
                            + "the server checks revocation and cannot learn whether it is revoked; " + (namesSource
                            ? "this machine could not ask either (see the note)" : "the certificate names no OCSP responder or"
                            + " CRL distribution point, so the CRLs the server was given must cover it, and they do not"),
                    "the server's operator must " + (namesSource ? Reason.REVOCATION_UNKNOWN.fix()
                            : "pass the complete, current CRLs of your certificate's CA")));
        }

        private Diagnosis failed(CallResult result) {
            String message = result.handshakeFailure().map(CallEvent.HandshakeFailed::message)
                    .or(() -> result.connectionFailure().map(CallEvent.ConnectionFailed::message)).orElse("");
            Optional<TlsAlertInfo> alert = result.alert();
            Optional<CallEvent.ServerCertificate> server = result.serverCertificate();
            boolean sentCertificate = result.clientCertificateSent().map(s -> !s.chain().isEmpty()).orElse(false);
            if (server.isEmpty() && result.certificateRequest().isEmpty() && noCommonProtocol(message, alert)) {
                return noCommonProtocol(alert, message);
            }
            if (result.certificateRequest().isPresent() && !sentCertificate) {
                return noClientCertificate(alert.map(a -> "the server ended the connection with alert " + a)
                        .orElse("the server ended the connection"));
            }
            if (sentCertificate) {
                return clientCertificateRejected(result, alert.map(a -> "alert " + a).orElse("closing the connection"), alert,
                        null);
            }
            return diagnosis(false, ConnectionCode.HANDSHAKE_FAILED.name(), alert.isPresent() ? Party.SERVER : Party.NETWORK,
                    "the TLS handshake failed: " + message + alert.map(a -> " (server alert " + a + ")").orElse(""),
                    "run 'mtls call -v' to see at which step, and compare with the server's TLS settings");
        }

        private Diagnosis responded(CallResult result) {
            int status = result.response().orElseThrow().status();
            boolean requested = result.certificateRequest().isPresent();
            boolean sent = result.clientCertificateSent().map(s -> !s.chain().isEmpty()).orElse(false);
            HttpStatusText page = HttpStatusText.of(status, lastBody, request.certificateFile());
            if (!requested) {
                findings.add("the server answered " + status + " without asking for a client certificate");
                return diagnosis(false, ConnectionCode.CLIENT_CERT_NOT_REQUESTED.name(), Party.SERVER,
                        "the server never asked for a client certificate: this connection is plain TLS, not mutual TLS"
                                + (request.hasClientCertificate() ? ", so your certificate was not used" : ""),
                        "if this endpoint should be protected by mTLS, the server must request client certificates"
                                + " (nginx: ssl_verify_client on; mtls serve: client_auth require); otherwise"
                                + " no client certificate is needed");
            }
            if (!sent) {
                return noClientCertificate(status >= 400 ? "the server answered " + status + page.quote()
                        : "the server answered " + status + " but only as an anonymous caller");
            }
            if (page.clientCertificateProblem()) {
                return clientCertificateRejected(result, "HTTP " + status + (saysTheSame(page.problemCode(), clientRevocation())
                        ? " (" + page.problemCode() + ")" : page.quote()), Optional.empty(), page.problemCode());
            }
            clientRevocation();
            if (status >= 400) {
                return diagnosis(false, ConnectionCode.HTTP_REJECTED.name(), status >= 500 ? Party.SERVER : Party.CLIENT,
                        "the mTLS handshake succeeded (your certificate " + Wording.subject(clientChain)
                                + " was accepted), but the server answered " + status + page.quote() + ": " + page.meaning(),
                        page.fix());
            }
            checkIssuerListed(result);
            return diagnosis(true, ConnectionCode.OK.name(), Party.NONE,
                    "mutual TLS works: the server verified your certificate " + Wording.subject(clientChain)
                            + " and answered " + status, "nothing to fix");
        }

        private void checkIssuerListed(CallResult result) {
            result.clientCertificateSent().filter(s -> !s.issuerAccepted()).ifPresent(s -> findings.add(
                    "the server accepted your certificate although its issuer is not in the server's CA list;"
                            + " Java and some other clients would not have sent it"));
        }

        private boolean noCommonProtocol(String message, Optional<TlsAlertInfo> alert) {
            if (alert.isPresent()) {
                // Before any certificate was seen, handshake_failure too means nothing in common.
                return alert.get().noCommonVersionOrCipher() || alert.get().name().equals("handshake_failure");
            }
            Optional<TlsEngineFailure> said = TlsEngineFailure.of(message);
            return said.equals(Optional.of(TlsEngineFailure.NO_SHARED_PROTOCOL))
                    || said.equals(Optional.of(TlsEngineFailure.NO_SHARED_CIPHER));
        }

        private Diagnosis noCommonProtocol(Optional<TlsAlertInfo> alert, String message) {
            String what = alert.map(a -> "alert " + a).orElse(message);
            if (TlsVersion.TLS_1_2.equals(request.tlsMax())) {
                CallResult wider = attempt(copy(request).tlsMax(TlsVersion.TLS_1_3).build());
                if (wider.handshake().isPresent() || wider.serverCertificate().isPresent()) {
                    return diagnosis(false, ConnectionCode.NO_COMMON_PROTOCOL.name(), Party.CLIENT,
                            "the server speaks only TLS 1.3 and you allowed at most TLS 1.2 (--tls-max 1.2); it ended the"
                                    + " handshake with " + what,
                            "allow TLS 1.3 (drop --tls-max 1.2, or upgrade a client stack that lacks TLS 1.3)");
                }
            }
            return diagnosis(false, ConnectionCode.NO_COMMON_PROTOCOL.name(), Party.SERVER,
                    "the server refused every TLS version and cipher offered (" + String.join(", ", protocolsOffered())
                            + ", modern ciphers) with " + what
                            + ": it accepts only versions or ciphers that are no longer safe, or none in common",
                    "the server's operator must enable TLS 1.2 and/or TLS 1.3 with current ciphers (ECDHE with AES-GCM"
                            + " or ChaCha20); 'openssl s_client -connect HOST:PORT -tls1_2' shows what it offers");
        }

        private List<String> protocolsOffered() {
            return TlsVersion.TLS_1_2.equals(request.tlsMax()) ? List.of("TLS 1.2") : List.of("TLS 1.3", "TLS 1.2");
        }

        private Diagnosis noClientCertificate(String how) {
            if (request.hasClientCertificate()) {
                return diagnosis(false, Reason.NO_CLIENT_CERT.name(), Party.CLIENT,
                        "the server requires a client certificate and none was sent (" + how + ")",
                        "check the certificate and key files passed with --cert and --key");
            }
            return diagnosis(false, Reason.NO_CLIENT_CERT.name(), Party.CLIENT,
                    "the server requires a client certificate and you did not configure one: " + how,
                    "pass your client certificate and key with --cert FILE --key FILE (curl: --cert/--key)"
                            + requestedIssuersHint());
        }

        private String requestedIssuersHint() {
            for (CallResult result : attempts) {
                Optional<CallEvent.CertificateRequested> requested = result.certificateRequest();
                if (requested.isPresent() && !requested.get().acceptedIssuers().isEmpty()) {
                    return "; it must be issued by one of: " + Wording.names(requested.get().acceptedIssuers());
                }
            }
            return "";
        }

        private Diagnosis clientCertificateRejected(CallResult result, String how, Optional<TlsAlertInfo> alert,
                                                    String serverReason) {
            Optional<RevocationStatus> revocation = clientRevocation();
            Optional<Diagnosis> local = new ClientCertificateCheck(clock, request, clientChain,
                    result.certificateRequest().map(CallEvent.CertificateRequested::acceptedIssuers).orElse(List.of()),
                    alert, serverReason, revocation).cause(how);
            if (local.isPresent()) {
                Diagnosis found = local.get();
                return diagnosis(false, found.reason(), found.side(), found.message(), found.fix());
            }
            Optional<Diagnosis> unknown = revocationUnknown("the server rejected your client certificate "
                    + Wording.subject(clientChain) + " (" + how + "): ", alert, serverReason, revocation);
            if (unknown.isPresent()) {
                return unknown.get();
            }
            String sameName = sameNameHint(result);
            if (serverReason != null) {
                // The server said why (mtls serve's explain mode does): its verdict is the best cause there is.
                return diagnosis(false, serverReason, Party.CLIENT,
                        "the server rejected your client certificate " + Wording.subject(clientChain) + " (" + how
                                + "); nothing wrong with it shows here" + sameName,
                        Reason.valueOf(serverReason).fix());
            }
            // No local cause: does the server treat a connection without a certificate the same way?
            CallResult anonymous = attempt(copy(request).clientCertificate(null, null, request.keyPassword()).build());
            if (anonymous.stage() == result.stage() && anonymous.alert().equals(alert) && alert.isPresent()
                    && !alert.get().name().equals("certificate_required")) {
                return diagnosis(false, ConnectionCode.HANDSHAKE_FAILED.name(), Party.SERVER,
                        "the server ends the handshake with " + alert.get() + " with or without a client certificate,"
                                + " so the cause is not your certificate",
                        "run 'mtls call -v' to see the step, and ask the server's operator what their TLS log says");
            }
            return diagnosis(false, ConnectionCode.CLIENT_CERT_REJECTED.name(), Party.CLIENT,
                    "the server rejected your client certificate " + Wording.subject(clientChain) + " (" + how
                            + "), and nothing wrong with it shows here: it is valid, for clientAuth, and its issuer is"
                            + " accepted" + alert.map(a -> "; " + Wording.alertMeaning(a)).orElse("") + sameName,
                    "ask the server's operator why (their log names the reason); they may not trust your CA, may check"
                            + " revocation, or may allow only registered certificates");
        }

        /**
         * When the server names a CA with the same name as the certificate's issuer and rejects it
         * anyway, the likeliest cause is a different CA with the same name (two dev CAs, a re-created
         * CA): names match, keys do not.
         */
        private String sameNameHint(CallResult result) {
            if (clientChain.isEmpty()) {
                return "";
            }
            X500Principal issuer = clientChain.get(0).getIssuerX500Principal();
            boolean named = result.certificateRequest().map(r -> r.acceptedIssuers().contains(issuer)).orElse(false);
            return named ? ". The server names a CA called " + Transcript.name(issuer) + ", like your certificate's issuer:"
                    + " if that CA does not accept your certificate, it is a different CA with the same name (a"
                    + " re-created or another dev CA); compare their keys with 'mtls inspect'" : "";
        }

        private Diagnosis diagnosis(boolean ok, String reason, Party side, String message, String fix) {
            noteClientRevocation(reason);
            return new Diagnosis(ok, reason, side, message, fix, findings, attempts);
        }
    }

    /** A builder holding everything of {@code request}, to change one setting for another attempt. */
    static CallRequest.Builder copy(CallRequest request) {
        CallRequest.Builder builder = CallRequest.builder(request.url())
                .method(request.method())
                .caFile(request.caFile())
                .http(request.http())
                .tlsMax(request.tlsMax())
                .connectTimeout(request.connectTimeout())
                .resolve(request.resolve())
                .serverCheck(request.serverCheck())
                .body(request.body());
        request.headers().forEach(h -> builder.header(h.name(), h.value()));
        if (request.hasClientCertificate()) {
            builder.clientCertificate(request.certificateFile(), request.keyFile(), request.keyPassword());
        }
        return builder;
    }
}
