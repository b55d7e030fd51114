package dev.mtlskit.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.ZoneOffset;

import dev.mtlskit.pki.CaSpec;
import dev.mtlskit.pki.DevCa;
import dev.mtlskit.pki.DevCaFiles;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code mtls pki init}: creates the dev CA. */
@Command(name = "init",
        header = "Create a dev CA (a root, and optionally an intermediate below it).",
        description = {"Create a dev CA: a root CA (ECDSA P-256 unless --rsa). Writes:",
                "  DIR/ca.crt            the root CA certificate: what peers trust",
                "  DIR/ca.key            its key (mode 0600)",
                "  DIR/intermediate.crt  with --intermediate: a CA below the root",
                "  DIR/intermediate.key  that then issues the leaves, as public CAs do",
                "An existing CA is never replaced without --force.%n"},
        sortOptions = false)
final class PkiInitCommand extends PkiSubcommand {

    @Option(names = "--dir", paramLabel = "DIR", description = "Directory of the dev PKI (default: ${DEFAULT-VALUE}).")
    Path dir = DevCaFiles.DEFAULT_DIRECTORY;

    @Option(names = "--rsa", paramLabel = "BITS", description = "RSA CA key of 2048, 3072 or 4096 bits instead of ECDSA P-256.")
    Integer rsaBits;

    @Option(names = "--intermediate", description = "Also create an intermediate CA that issues the leaves.")
    boolean intermediate;

    @Option(names = "--name", paramLabel = "NAME",
            description = "CA name: the root is called \"NAME Root CA\" (default: ${DEFAULT-VALUE}).")
    String name = CaSpec.DEFAULT_NAME;

    @Option(names = "--days", paramLabel = "N", description = "Validity of the CA in days (default: ${DEFAULT-VALUE}).")
    int days = (int) CaSpec.DEFAULT_VALIDITY.toDays();

    @Option(names = "--force", description = "Replace an existing CA (certificates it issued stop verifying).")
    boolean force;

    @Override
    void execute(PrintWriter out) {
        CaSpec spec = CaSpec.builder().name(name).keyType(keyType(rsaBits)).validity(days(days))
                .intermediate(intermediate).build();
        DevCa.Init init = DevCa.init(dir, spec, force, clock);
        DevCaFiles files = new DevCaFiles(dir);
        String dirOption = dirOption(dir);
        PkiOutput output = new PkiOutput("Created a dev CA in " + files.displayName() + ":")
                .fact("Root CA", init.ca().root().getSubjectX500Principal().getName());
        if (intermediate) {
            output.fact("Intermediate", init.ca().issuer().certificate().getSubjectX500Principal().getName()
                    + " (issues the leaves)");
        }
        output.fact("Key", spec.keyType().label())
                .fact("Valid until", LocalDate.ofInstant(init.ca().root().getNotAfter().toInstant(), ZoneOffset.UTC)
                        + " (" + days + " days)")
                .written(init.written())
                .next("a certificate for a server on this machine (localhost):",
                        "mtls pki issue server localhost" + dirOption)
                .next("a client certificate with CN=acme:", "mtls pki issue client acme" + dirOption)
                .next("what servers and clients must trust: " + files.caCertificate() + "; see what is in it:",
                        "mtls inspect " + PkiOutput.arg(files.caCertificate()));
        output.print(out);
    }
}
