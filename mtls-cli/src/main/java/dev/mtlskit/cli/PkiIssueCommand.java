package dev.mtlskit.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

import dev.mtlskit.material.PasswordSource;
import dev.mtlskit.material.PemWriter;
import dev.mtlskit.pki.DevCa;
import dev.mtlskit.pki.DevCaFiles;
import dev.mtlskit.pki.HeldCertificate;
import dev.mtlskit.pki.LeafFiles;
import dev.mtlskit.pki.LeafRequest;
import dev.mtlskit.pki.PkiException;
import dev.mtlskit.pki.Purpose;
import dev.mtlskit.pki.WrittenFile;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code mtls pki issue server|client|dual NAME}: a new key and a certificate from the dev CA. */
@Command(name = "issue",
        header = "Issue a server, client or dual-purpose certificate from the dev CA.",
        description = {"Issue a certificate from the dev CA, with a new key. Writes:",
                "  NAME.crt        the certificate",
                "  NAME-chain.crt  certificate and intermediates: what a TLS peer presents",
                "  NAME.key        the private key (mode 0600)",
                "  NAME.p12        key and chain as PKCS#12 (with --p12)",
                "server: extended key usage serverAuth; NAME is also its DNS name or IP.",
                "client: clientAuth; NAME is the CN (e.g. the customer or service name).",
                "dual:   both, for a service that is server and client.%n"},
        sortOptions = false)
final class PkiIssueCommand extends PkiSubcommand {

    @Parameters(index = "0", paramLabel = "server|client|dual", description = "What the certificate is for.")
    String kind;

    @Parameters(index = "1", paramLabel = "NAME", description = "Host name or IP (server), CN (client).")
    String name;

    @Mixin
    NameOptions names;

    @Option(names = "--dir", paramLabel = "DIR", description = "Directory of the dev CA (default: ${DEFAULT-VALUE}).")
    Path dir = DevCaFiles.DEFAULT_DIRECTORY;

    @Option(names = "--out-dir", paramLabel = "DIR", description = "Where to write the files (default: the --dir).")
    Path outDir;

    @Option(names = "--days", paramLabel = "N",
            description = "Validity in days (default: 397, the most public CAs may issue; never beyond the CA's).")
    Integer days;

    @Option(names = "--rsa", paramLabel = "BITS", description = "RSA key of 2048, 3072 or 4096 bits instead of ECDSA P-256.")
    Integer rsaBits;

    @Option(names = "--p12", description = "Also write NAME.p12 (PKCS#12: key and chain, e.g. for Java or browsers).")
    boolean pkcs12;

    @Option(names = "--p12-pass-file", paramLabel = "FILE",
            description = "Password of NAME.p12 from the first line of FILE (default: a random one, written beside it).")
    Path pkcs12PasswordFile;

    @Option(names = "--force", description = "Replace an existing NAME.key (the old key is lost).")
    boolean force;

    @Mixin
    CaKeyPasswordOptions caKeyPassword;

    private static final SecureRandom RANDOM = new SecureRandom();

    @Override
    void execute(PrintWriter out) {
        Purpose purpose = purpose(kind);
        LeafRequest.Builder request = LeafRequest.forName(purpose, name).names(names.subjectAltNames())
                .keyType(keyType(rsaBits));
        if (days != null) {
            request.validity(days(days));
        }
        LeafRequest leafRequest = request.build();
        LeafFiles files = LeafFiles.forName(outDir != null ? outDir : dir, name);
        files.refuseExistingKey(force);
        if (pkcs12PasswordFile != null && !pkcs12) {
            throw new UserInputException("--p12-pass-file is for the PKCS#12 file: add --p12, or leave --p12-pass-file out");
        }
        // Read the password before anything is written, so that a bad file leaves nothing half done.
        Optional<char[]> givenPassword = pkcs12PasswordFile == null ? Optional.empty()
                : Optional.of(PasswordSource.fromFile(pkcs12PasswordFile).password());

        DevCa ca = DevCa.load(dir, caKeyPassword.passwordSource(), clock);
        HeldCertificate leaf = ca.issue(leafRequest);
        char[] password = !pkcs12 ? null : givenPassword.orElseGet(PkiIssueCommand::randomPassword);
        List<WrittenFile> leafFiles = new ArrayList<>(files.write(leaf, force,
                password == null ? Optional.empty() : Optional.of(PasswordSource.of(password.clone()))));
        if (pkcs12 && givenPassword.isEmpty()) {
            leafFiles.add(writePasswordFile(files, password));
        }

        X509Certificate certificate = leaf.certificate();
        boolean hasIntermediates = !ca.intermediates().isEmpty();
        PkiOutput output = new PkiOutput("Issued a " + kindLabel(purpose) + " certificate:")
                .fact("Subject", certificate.getSubjectX500Principal().getName())
                .fact("Names", leafRequest.names().isEmpty() ? "(none)" : leafRequest.names().toString())
                .fact("Purpose", purpose == Purpose.DUAL ? "serverAuth, clientAuth" : purpose.serverAuth() ? "serverAuth" : "clientAuth")
                .fact("Issuer", certificate.getIssuerX500Principal().getName())
                .fact("Key", leafRequest.keyType().label())
                .fact("Valid until", validUntil(certificate, days))
                .written(leafFiles);
        PkiHints.addLeafSteps(output, purpose, files.certificate(), files.chain(), files.key(),
                new DevCaFiles(dir).caCertificate(), hasIntermediates, false, PkiHints.firstHost(leafRequest.names()), true);
        output.print(out);
    }

    static Purpose purpose(String kind) {
        try {
            return Purpose.valueOf(kind.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new UserInputException("'" + kind + "' is not a kind of certificate: use server, client or dual");
        }
    }

    static String kindLabel(Purpose purpose) {
        return purpose == Purpose.DUAL ? "dual-purpose (server and client)" : purpose.name().toLowerCase(Locale.ROOT);
    }

    static String validUntil(X509Certificate certificate, Integer requestedDays) {
        // Rounded: a validity clipped to the CA's end is a few seconds short of whole days.
        long validDays = Math.round(Duration.between(certificate.getNotBefore().toInstant(),
                certificate.getNotAfter().toInstant()).toSeconds() / 86400.0);
        String text = LocalDate.ofInstant(certificate.getNotAfter().toInstant(), ZoneOffset.UTC) + " (" + validDays + " days)";
        return requestedDays == null && validDays < LeafRequest.DEFAULT_VALIDITY.toDays()
                ? text + ", shortened to end with the CA's validity" : text;
    }

    private static char[] randomPassword() {
        byte[] bytes = new byte[18];
        RANDOM.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes).toCharArray();
    }

    private static WrittenFile writePasswordFile(LeafFiles files, char[] password) {
        Path passwordFile = files.pkcs12().resolveSibling(files.pkcs12().getFileName() + ".pass");
        try {
            PemWriter.writeSecret(passwordFile, (new String(password) + "\n").getBytes(StandardCharsets.US_ASCII));
        } catch (IOException e) {
            throw new PkiException("cannot write " + passwordFile + ": " + e.getMessage(), e);
        }
        return new WrittenFile(passwordFile, "password of " + files.pkcs12().getFileName() + " (secret, mode 0600)");
    }
}
