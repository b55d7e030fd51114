package dev.mtlskit.cli;

import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.X509CRL;
import java.security.cert.X509Certificate;

import dev.mtlskit.material.CertificateBundle;
import dev.mtlskit.material.PasswordSource;
import dev.mtlskit.pki.DevCa;
import dev.mtlskit.pki.DevCaFiles;
import dev.mtlskit.pki.DevCrl;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code mtls pki revoke NAME|CERT}: the dev CA revokes a certificate it issued and writes its CRL again. */
@Command(name = "revoke",
        header = "Revoke a certificate of the dev CA and write its CRL.",
        description = {"Revoke a certificate the dev CA issued: NAME for DIR/NAME.crt, or the certificate's file. "
                + "The revocation is kept in DIR/revoked.tsv and DIR/crl.pem is signed again with every revocation so "
                + "far. A gateway started with --crl DIR/crl.pem refuses the certificate within a second and closes "
                + "the connections it has open.%n"},
        sortOptions = false)
final class PkiRevokeCommand extends PkiSubcommand {

    @Parameters(index = "0", paramLabel = "NAME|CERT", description = "NAME (for DIR/NAME.crt) or a certificate file.")
    String certificate;

    @Option(names = "--reason", paramLabel = "REASON",
            description = "unspecified (default), keyCompromise, superseded, cessationOfOperation or affiliationChanged.")
    String reason = "unspecified";

    @Option(names = "--dir", paramLabel = "DIR", description = "Directory of the dev CA (default: mtls-dev).")
    Path dir = DevCaFiles.DEFAULT_DIRECTORY;

    @Option(names = "--days", paramLabel = "N", description = "How long the new CRL is valid (default: 7 days).")
    int days = 7;

    @Mixin
    CaKeyPasswordOptions caKeyPassword;

    @Override
    void execute(PrintWriter writer) {
        Path file = Files.exists(Path.of(certificate)) || certificate.contains("/") || certificate.endsWith(".crt")
                || certificate.endsWith(".pem") ? Path.of(certificate) : dir.resolve(certificate + ".crt");
        if (!Files.exists(file)) {
            throw new UserInputException(file + " does not exist: give the NAME a certificate was issued under "
                    + "(mtls pki issue client NAME wrote " + dir.resolve("NAME.crt") + ") or the certificate's file");
        }
        X509Certificate revoked = CertificateBundle.load(file, PasswordSource.none()).leaf();
        DevCaFiles files = new DevCaFiles(dir);
        DevCa ca = DevCa.load(dir, caKeyPassword.passwordSource(), clock);
        DevCrl.Revocation revocation = DevCrl.revoke(ca, files, revoked, reason, clock);
        X509CRL crl = DevCrl.writeCrl(ca, files, days(days), clock);
        PkiCrlCommand.describe(new PkiOutput("Revoked " + revocation.subject() + ":")
                        .fact("Serial", revoked.getSerialNumber().toString(16).toUpperCase(java.util.Locale.ROOT))
                        .fact("Revoked on", revocation.revokedAt().toString() + " (" + revocation.reason() + ")"),
                crl, files, dir)
                .print(writer);
    }
}
