package dev.mtlskit.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.Optional;

import dev.mtlskit.pki.Csr;
import dev.mtlskit.pki.DevCa;
import dev.mtlskit.pki.DevCaFiles;
import dev.mtlskit.pki.LeafFiles;
import dev.mtlskit.pki.Purpose;
import dev.mtlskit.pki.SubjectAltNames;
import dev.mtlskit.pki.WrittenFile;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code mtls pki sign CSR --purpose ...}: certifies the key of a CSR with the dev CA or a given CA. */
@Command(name = "sign",
        header = "Sign a CSR with the dev CA or another CA.",
        description = {"Sign a certificate signing request with the dev CA (--dir) or another CA (--ca-cert and "
                + "--ca-key). The CSR's signature is verified and weak keys are refused. Only its subject and subject "
                + "alternative names are taken: key usages come from --purpose, and CA rights are never granted. Writes:",
                "  --out FILE       the certificate (default: the CSR's name with .crt)",
                "  FILE-chain.crt   certificate and intermediates, beside it%n"},
        sortOptions = false)
final class PkiSignCommand extends PkiSubcommand {

    @Parameters(index = "0", paramLabel = "CSR_FILE", description = "The CSR, PEM or DER.")
    Path csrFile;

    @Option(names = "--purpose", required = true, paramLabel = "client|server|dual",
            description = "What the certificate is for: sets extended key usage clientAuth, serverAuth or both.")
    String purpose;

    @Option(names = "--dir", paramLabel = "DIR", description = "Directory of the dev CA (default: mtls-dev).")
    Path dir;

    @Option(names = "--ca-cert", paramLabel = "FILE", description = "Certificate of the signing CA (instead of --dir).")
    Path caCertificate;

    @Option(names = "--ca-key", paramLabel = "FILE", description = "Key of the signing CA (with --ca-cert).")
    Path caKey;

    @Mixin
    CaKeyPasswordOptions caKeyPassword;

    @Option(names = "--days", paramLabel = "N",
            description = "Validity in days (default: 397; never beyond the CA's).")
    Integer days;

    @Option(names = "--out", paramLabel = "FILE", description = "Where to write the certificate (default: CSR_FILE with .crt).")
    Path out;

    @Override
    void execute(PrintWriter writer) {
        Purpose certificatePurpose = PkiIssueCommand.purpose(purpose);
        if ((caCertificate == null) != (caKey == null)) {
            throw new UserInputException("--ca-cert and --ca-key go together: give both, or neither to use the dev CA in --dir");
        }
        if (caCertificate != null && dir != null) {
            throw new UserInputException("give either --dir or --ca-cert/--ca-key, not both");
        }
        Optional<java.time.Duration> validity = days == null ? Optional.empty() : Optional.of(days(days));
        Csr csr = Csr.read(csrFile);
        Path caDir = dir != null ? dir : DevCaFiles.DEFAULT_DIRECTORY;
        DevCa ca = caCertificate != null
                ? DevCa.fromFiles(caCertificate, caKey, caKeyPassword.passwordSource(), clock)
                : DevCa.load(caDir, caKeyPassword.passwordSource(), clock);
        SubjectAltNames names = ca.certifiedNames(csr, certificatePurpose);
        X509Certificate certificate = ca.sign(csr, certificatePurpose, validity);
        Path certificateFile = out != null ? out : defaultOut(csrFile);
        List<WrittenFile> written = LeafFiles.writeSigned(certificateFile, certificate, ca.intermediates());

        Path rootCa = caCertificate != null ? caCertificate : new DevCaFiles(caDir).caCertificate();

        PkiOutput output = new PkiOutput("Signed " + csrFile + ":")
                .fact("Subject", certificate.getSubjectX500Principal().getName())
                .fact("Names", names.isEmpty() ? "(none)" : names.toString())
                .fact("Purpose", certificatePurpose == Purpose.DUAL ? "serverAuth, clientAuth"
                        : certificatePurpose.serverAuth() ? "serverAuth" : "clientAuth")
                .fact("Issuer", certificate.getIssuerX500Principal().getName())
                .fact("Valid until", PkiIssueCommand.validUntil(certificate, days))
                .written(written);
        Path chainFile = written.get(1).path();
        Path keyFile = csrFile.resolveSibling(stem(csrFile.getFileName().toString()) + ".key");
        PkiHints.addLeafSteps(output, certificatePurpose, certificateFile, chainFile, keyFile, rootCa,
                !ca.intermediates().isEmpty(), !ca.hasRoot(), PkiHints.firstHost(names), false);
        output.print(writer);
    }

    private static Path defaultOut(Path csr) {
        return csr.resolveSibling(stem(csr.getFileName().toString()) + ".crt");
    }

    private static String stem(String fileName) {
        int dot = fileName.lastIndexOf('.');
        return dot > 0 ? fileName.substring(0, dot) : fileName;
    }
}
