package dev.mtlskit.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.security.cert.X509CRL;
import java.util.List;

import dev.mtlskit.pki.DevCa;
import dev.mtlskit.pki.DevCaFiles;
import dev.mtlskit.pki.DevCrl;
import dev.mtlskit.material.Shell;
import dev.mtlskit.pki.WrittenFile;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code mtls pki crl}: signs the dev CA's CRL again, with a fresh next update. */
@Command(name = "crl",
        header = "Write the dev CA's CRL again (before its next update).",
        description = {"Sign DIR/crl.pem again with every revocation in DIR/revoked.tsv (none is fine), valid for "
                + "--days. A CRL past its next update makes a gateway refuse the CA's certificates (CRL_EXPIRED): "
                + "run this before then, e.g. daily from cron.%n"},
        sortOptions = false)
final class PkiCrlCommand extends PkiSubcommand {

    @Option(names = "--dir", paramLabel = "DIR", description = "Directory of the dev CA (default: mtls-dev).")
    Path dir = DevCaFiles.DEFAULT_DIRECTORY;

    @Option(names = "--days", paramLabel = "N", description = "How long the CRL is valid (default: 7 days).")
    int days = 7;

    @Mixin
    CaKeyPasswordOptions caKeyPassword;

    @Override
    void execute(PrintWriter writer) {
        DevCaFiles files = new DevCaFiles(dir);
        DevCa ca = DevCa.load(dir, caKeyPassword.passwordSource(), clock);
        X509CRL crl = DevCrl.writeCrl(ca, files, days(days), clock);
        describe(new PkiOutput("CRL of " + crl.getIssuerX500Principal().getName() + ":"), crl, files, dir).print(writer);
    }

    /** What the CRL holds and how to use it: the same for revoke and crl. */
    static PkiOutput describe(PkiOutput output, X509CRL crl, DevCaFiles files, Path dir) {
        int revoked = crl.getRevokedCertificates() == null ? 0 : crl.getRevokedCertificates().size();
        Path file = DevCrl.crlFile(files);
        return output.fact("Revoked certificates", Integer.toString(revoked))
                .fact("Next update", crl.getNextUpdate().toInstant().toString())
                .written(List.of(new WrittenFile(file, "the CRL, signed by " + crl.getIssuerX500Principal().getName())))
                .next("A gateway refuses revoked clients (and closes their connections) with:",
                        "mtls serve --cert SERVER.crt --key SERVER.key --client-ca " + Shell.quote(files.caCertificate()
                                .toString()) + " --crl " + Shell.quote(file.toString()))
                .next("Read it:", "openssl crl -in " + Shell.quote(file.toString()) + " -noout -text");
    }
}
