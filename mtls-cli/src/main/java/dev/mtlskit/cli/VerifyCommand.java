package dev.mtlskit.cli;

import java.io.PrintWriter;
import java.net.IDN;
import java.nio.file.Path;
import java.security.PrivateKey;
import java.security.cert.X509CRL;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;

import dev.mtlskit.revocation.OnlineRevocation;
import dev.mtlskit.revocation.RevocationMode;
import dev.mtlskit.revocation.RevocationStatus;
import dev.mtlskit.material.CertificateBundle;
import dev.mtlskit.material.Crls;
import dev.mtlskit.material.PasswordSource;
import dev.mtlskit.material.PrivateKeys;
import dev.mtlskit.reason.Reason;
import dev.mtlskit.validation.ChainValidator;
import dev.mtlskit.validation.ExpectedName;
import dev.mtlskit.validation.PeerRole;
import dev.mtlskit.validation.ValidationRequest;
import dev.mtlskit.validation.Verdict;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code mtls verify}: strict path validation with a reason code and one sentence that explains it. */
@Command(name = "verify",
        header = "Validate a certificate chain strictly and explain the verdict.",
        description = {"Build a path from the certificate through its intermediates (any order) to a trusted CA and "
                + "check it strictly: signatures, validity, CA constraints, path length, key usage, extended key usage "
                + "for the purpose, name constraints, unknown critical extensions, weak keys and signatures, the host "
                + "name (subjectAltName only, never the CN), CRLs when given, and with --ocsp or --crl-fetch the revocation "
                + "status the certificates' OCSP responders and CRL distribution points give.%n"},
        sortOptions = false,
        exitCodeListHeading = ExitCodes.HEADING,
        exitCodeList = {"0:valid", "1:invalid: the reason code says why", ExitCodes.LIST_USAGE},
        footer = {"%nExamples:",
                "  mtls verify --cert mtls-dev/acme.crt --ca mtls-dev/ca.crt --purpose client",
                "  mtls verify --cert server-chain.pem --ca ca.crt --purpose server \\",
                "      --name api.example.com",
                "  mtls verify --cert client.crt --key client.key --ca ca.crt --crl ca.crl \\",
                "      --json",
                "",
                "Reason codes are explained in docs/reasons.md."})
final class VerifyCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Mixin
    HelpOption help;

    @Option(names = "--cert", required = true, paramLabel = "CHAIN",
            description = "The certificate to check, with its intermediates (PEM in any order, DER, PKCS#12).")
    Path certificateFile;

    @Option(names = "--ca", required = true, paramLabel = "ANCHORS",
            description = "Trusted CA certificates (repeatable; a bundle may hold several).")
    List<Path> caFiles = new ArrayList<>();

    @Option(names = "--purpose", paramLabel = "client|server",
            description = "Require the extended key usage for this role: client (clientAuth) or server (serverAuth).")
    String purpose;

    @Option(names = "--name", paramLabel = "HOST",
            description = "Require the certificate to be valid for this DNS name or IP address (subjectAltName only).")
    String name;

    @Option(names = "--at", paramLabel = "TIME",
            description = "Validate at TIME (ISO-8601, e.g. 2026-11-26T12:00:00Z or 2026-11-26) instead of now.")
    String at;

    @Option(names = "--crl", paramLabel = "FILE", description = "A CRL to check revocation against (repeatable).")
    List<Path> crlFiles = new ArrayList<>();

    @Option(names = "--ocsp", paramLabel = "MODE", description = "Also ask the OCSP responder the certificates name, "
            + "as mtls serve --ocsp does: off (default), soft (a status that cannot be learned is reported, the chain "
            + "stays valid) or hard (it is invalid: REVOCATION_UNKNOWN).")
    String ocsp = "off";

    @Option(names = "--crl-fetch", paramLabel = "MODE", description = "Also download the CRLs the certificates name "
            + "(distribution points), as mtls serve --crl-fetch does: off (default), soft or hard.")
    String crlFetch = "off";

    @Option(names = "--key", paramLabel = "KEY",
            description = "Also check that this private key belongs to the certificate (reason KEY_MISMATCH).")
    Path keyFile;

    @Mixin
    KeyPasswordOptions keyPassword;

    @Option(names = "--json", description = "Print one JSON object: valid, reason, subject, message, fix, path.")
    boolean json;

    @Override
    public Integer call() {
        PeerRole role = role();
        Instant time = at == null ? Instant.now() : CliTimes.parse(at, "--at");
        RevocationMode ocspMode = ServeCommand.revocationMode("--ocsp", ocsp);
        RevocationMode crlFetchMode = ServeCommand.revocationMode("--crl-fetch", crlFetch);
        boolean online = ocspMode != RevocationMode.OFF || crlFetchMode != RevocationMode.OFF;
        if (online && at != null) {
            throw new UserInputException("--at cannot be combined with --ocsp or --crl-fetch: responders and distribution "
                    + "points answer about now; drop --at");
        }
        ExpectedName expectedName = expectedName();
        // A PKCS#12 file given as --cert or --ca may need the password too.
        PasswordSource password = keyPassword.passwordSource();
        CertificateBundle chain = CertificateBundle.load(certificateFile, password);
        List<X509Certificate> anchors = new ArrayList<>();
        for (Path caFile : caFiles) {
            anchors.addAll(CertificateBundle.load(caFile, password).asWritten());
        }
        List<X509CRL> crls = new ArrayList<>();
        for (Path crlFile : crlFiles) {
            crls.addAll(Crls.load(crlFile));
        }
        PrivateKey key = keyFile == null ? null : PrivateKeys.load(keyFile, password);

        Verdict verdict = new ChainValidator().validate(ValidationRequest.builder()
                .chain(chain.certificates())
                .trustAnchors(anchors)
                .role(role)
                .expectedName(expectedName)
                .at(time)
                .crls(crls)
                .build());
        if (verdict.valid() && key != null && !PrivateKeys.matches(key, chain.leaf())) {
            verdict = new Verdict(false, Reason.KEY_MISMATCH, chain.leaf(),
                    keyFile + " (" + PrivateKeys.describe(key) + ") does not match " + certificateFile + " ("
                            + PrivateKeys.describe(chain.leaf().getPublicKey()) + "): the key belongs to another certificate.",
                    Reason.KEY_MISMATCH.fix(), verdict.path());
        }
        RevocationStatus revocation = null;
        if (online && verdict.valid()) {
            // The gateway's own checks, asked once: the same answers, the same refusals.
            try (OnlineRevocation checks = OnlineRevocation.builder().ocsp(ocspMode).crlFetch(crlFetchMode).build()) {
                revocation = checks.check(verdict.path());
            }
            if (revocation.refuses()) {
                verdict = new Verdict(false, revocation.reason(), revocation.certificate(), revocation.message(),
                        revocation.fix(), verdict.path());
                revocation = null;
            }
        }
        String note = chain.wasReordered() ? certificateFile
                + " had its certificates out of order; they were used leaf first (the order TLS sends them in)." : null;
        PrintWriter out = spec.commandLine().getOut();
        if (json) {
            VerdictJson.write(out, verdict, revocation, note);
        } else {
            VerdictText.write(out, verdict, revocation, note);
        }
        out.flush();
        return verdict.valid() ? ExitCodes.OK : ExitCodes.INVALID;
    }

    /** The --name as a validator matches it: a trailing dot dropped, international names in ASCII form. */
    private ExpectedName expectedName() {
        if (name == null) {
            return null;
        }
        String host = name.endsWith(".") ? name.substring(0, name.length() - 1) : name;
        try {
            ExpectedName parsed = ExpectedName.of(host);
            return parsed.isIpAddress() ? parsed : ExpectedName.dns(IDN.toASCII(host, IDN.ALLOW_UNASSIGNED));
        } catch (IllegalArgumentException e) {
            throw new UserInputException("--name " + name + ": not a host name or IP address; give e.g. api.example.com, "
                    + "10.0.0.5 or ::1 (without a port)");
        }
    }

    private PeerRole role() {
        if (purpose == null) {
            return null;
        }
        switch (purpose) {
            case "client": return PeerRole.CLIENT;
            case "server": return PeerRole.SERVER;
            default: throw new UserInputException("--purpose " + purpose + ": expected client or server");
        }
    }
}
