package dev.mtlskit.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.util.List;

import dev.mtlskit.material.PemWriter;
import dev.mtlskit.pki.Csr;
import dev.mtlskit.pki.KeyType;
import dev.mtlskit.pki.LeafFiles;
import dev.mtlskit.pki.PkiException;
import dev.mtlskit.pki.SubjectAltNames;
import dev.mtlskit.pki.WrittenFile;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code mtls pki csr NAME}: a new key and a certificate signing request for another CA (or {@code mtls pki sign}). */
@Command(name = "csr",
        header = "Create a key and a certificate signing request (CSR) for a CA.",
        description = {"Create a new key and a certificate signing request (CSR) with CN=NAME, to send to a CA; the key "
                + "never leaves this machine. Writes:",
                "  NAME.key  the private key (mode 0600)",
                "  NAME.csr  the CSR",
                "NAME is also requested as DNS name (or IP) when it is a host name with a dot, an IP address or "
                        + "localhost, and no --dns or --ip is given.%n"},
        sortOptions = false)
final class PkiCsrCommand extends PkiSubcommand {

    @Parameters(index = "0", paramLabel = "NAME", description = "The CN to request, e.g. api.example.com or acme.")
    String name;

    @Mixin
    NameOptions names;

    @Option(names = "--rsa", paramLabel = "BITS", description = "RSA key of 2048, 3072 or 4096 bits instead of ECDSA P-256.")
    Integer rsaBits;

    @Option(names = "--out-dir", paramLabel = "DIR", description = "Where to write the files (default: the current directory).")
    Path outDir = Path.of("");

    @Option(names = "--force", description = "Replace an existing NAME.key (the old key is lost).")
    boolean force;

    @Override
    void execute(PrintWriter out) {
        SubjectAltNames requested = names.subjectAltNames();
        if (!requested.hasHostNames() && SubjectAltNames.looksLikeHostName(name)) {
            requested = requested.withHost(name);
        }
        KeyType keyType = keyType(rsaBits);
        LeafFiles files = LeafFiles.forName(outDir, name);
        files.refuseExistingKey(force);
        KeyPair keyPair = keyType.generate();
        Csr csr = Csr.create(name, requested, keyPair);
        try {
            if (!outDir.toString().isEmpty()) {
                Files.createDirectories(outDir);
            }
            PemWriter.writePrivateKey(files.key(), keyPair.getPrivate());
            Files.writeString(files.csr(), csr.pem(), StandardCharsets.US_ASCII);
        } catch (IOException e) {
            throw new PkiException("cannot write " + files.key() + " and " + files.csr() + ": " + e.getMessage()
                    + " (check that the directory is writable)", e);
        }
        new PkiOutput("Created a key and a certificate signing request:")
                .fact("Subject", "CN=" + name)
                .fact("Names", requested.isEmpty() ? "(none)" : requested.toString())
                .fact("Key", keyType.label())
                .written(List.of(new WrittenFile(files.key(), "private key (secret, mode 0600: it stays here)"),
                        new WrittenFile(files.csr(), "certificate signing request: send this to the CA")))
                .next("sign it with the dev CA (or send " + files.csr().getFileName() + " to your CA):",
                        "mtls pki sign " + PkiOutput.arg(files.csr()) + " --purpose "
                                + (requested.hasHostNames() ? "server" : "client"))
                .next("see what it asks for, and what a CA will object to:", "mtls inspect " + PkiOutput.arg(files.csr()))
                .print(out);
    }
}
