package dev.mtlskit.cli;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.PrivateKey;
import java.time.Clock;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;

import dev.mtlskit.inspect.BundleInspector;
import dev.mtlskit.inspect.CsrInspector;
import dev.mtlskit.inspect.CsrReport;
import dev.mtlskit.inspect.FileReport;
import dev.mtlskit.inspect.KeyInspector;
import dev.mtlskit.inspect.KeyInspector.BundleCertificates;
import dev.mtlskit.material.CertificateBundle;
import dev.mtlskit.material.FileKind;
import dev.mtlskit.material.PasswordSource;
import dev.mtlskit.material.PrivateKeys;
import dev.mtlskit.pki.PkiException;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code mtls inspect FILE...}: what is in certificate, chain, keystore and key files. */
@Command(name = "inspect",
        header = "Show what is in certificate, chain, keystore, key and CSR files.",
        description = {"Per certificate: names, validity, key, usages, CA constraints, fingerprint, SPKI pin, OCSP/CRL "
                + "URLs; per file: the chain order, checked with the keys. Give a key together with certificates to see "
                + "which one it belongs to. Per CSR: the subject, key, requested names and usages, whether its "
                + "signature holds, and what a CA or a peer will object to.%n"},
        sortOptions = false,
        exitCodeListHeading = ExitCodes.HEADING,
        exitCodeList = {"0:every file was inspected (findings such as an expired certificate are only reported)",
                "2:a file could not be read"},
        footer = {"%nExamples:",
                "  mtls inspect mtls-dev/acme.crt",
                "  mtls inspect server-chain.pem server.key",
                "  mtls inspect acme.csr",
                "  openssl s_client -connect host:443 -showcerts </dev/null | mtls inspect -",
                "",
                "JSON (--json): {\"inspectedAt\": ISO-8601, \"files\": [...]}, one object per FILE:",
                "  {\"file\", \"kind\": \"certificates\", \"reordered\", \"chain\",",
                "   \"certificates\": [...], \"links\": [...]}",
                "  {\"file\", \"kind\": \"privateKey\", \"key\", \"certificatesCompared\",",
                "   \"matches\": [...]}",
                "  {\"file\", \"kind\": \"csr\", \"subject\", \"key\", \"spkiPin\",",
                "   \"signatureAlgorithm\", \"signatureValid\", \"subjectAltNames\", \"keyUsage\",",
                "   \"extendedKeyUsage\", \"requestsCa\", \"findings\"}",
                "Every field is described in docs/inspect.md."})
final class InspectCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Mixin
    HelpOption help;

    @Parameters(arity = "1..*", paramLabel = "FILE",
            description = "PEM or DER certificates (any order), PKCS#12/JKS keystores, private keys, certificate signing "
                    + "requests (CSR); '-' for standard input.")
    List<String> files = new ArrayList<>();

    @Option(names = "--json", description = "Print JSON instead of text (same facts, stable field names).")
    boolean json;

    @Option(names = "--at", hidden = true, paramLabel = "TIME",
            description = "Judge validity at TIME (ISO-8601 instant or date) instead of now.")
    String at;

    @Mixin
    KeyPasswordOptions keyPassword;

    /** "Now" for validity; tests may replace it. */
    Clock clock = Clock.systemUTC();

    /** Read for '-'; tests may replace it. */
    InputStream stdin = System.in;

    @Override
    public Integer call() {
        Clock effectiveClock = at == null ? clock : Clock.fixed(CliTimes.parse(at, "--at"), ZoneOffset.UTC);
        PasswordSource password = keyPassword.passwordSource();
        List<Input> inputs = new ArrayList<>();
        boolean stdinRead = false;
        for (String file : files) {
            if (file.equals("-")) {
                if (stdinRead) {
                    throw new UserInputException("'-' (standard input) was given twice: it can be read only once");
                }
                stdinRead = true;
            }
            inputs.add(load(file, password));
        }
        // A key is compared with the certificates of every file given, whatever their order on the command line.
        List<BundleCertificates> candidates = inputs.stream()
                .filter(Certificates.class::isInstance).map(Certificates.class::cast)
                .map(input -> new BundleCertificates(input.name(), input.bundle().certificates())).toList();
        BundleInspector bundles = new BundleInspector(effectiveClock);
        List<FileReport> reports = inputs.stream().<FileReport>map(input -> input instanceof Certificates certificates
                ? bundles.inspect(certificates.bundle(), certificates.name())
                : input instanceof Key key ? KeyInspector.inspect(key.key(), key.name(), candidates)
                : ((Request) input).report()).toList();
        PrintWriter out = spec.commandLine().getOut();
        if (json) {
            InspectJson.write(out, effectiveClock.instant(), reports);
        } else {
            InspectText.write(out, reports);
        }
        out.flush();
        return ExitCodes.OK;
    }

    /** What one FILE argument holds. */
    private sealed interface Input permits Certificates, Key, Request {
        String name();
    }

    private record Certificates(String name, CertificateBundle bundle) implements Input {
    }

    private record Key(String name, PrivateKey key) implements Input {
    }

    private record Request(String name, CsrReport report) implements Input {
    }

    /** Certificates or a private key; for anything else, the loaders' messages. */
    private Input load(String file, PasswordSource password) {
        if (file.equals("-")) {
            byte[] content;
            try {
                content = stdin.readAllBytes();
            } catch (IOException e) {
                throw new UserInputException("cannot read standard input: " + e.getMessage());
            }
            FileKind kind = FileKind.sniff(content);
            return kind == FileKind.CSR ? request(content, "stdin")
                    : isKey(kind) ? new Key("stdin", PrivateKeys.parse(content, "stdin", password))
                    : new Certificates("stdin", CertificateBundle.parse(content, "stdin"));
        }
        Path path = Path.of(file);
        if (Files.isRegularFile(path) && Files.isReadable(path)) {
            try {
                byte[] content = Files.readAllBytes(path);
                FileKind kind = FileKind.sniff(content);
                if (kind == FileKind.CSR) {
                    return request(content, file);
                }
                if (isKey(kind)) {
                    return new Key(file, PrivateKeys.load(path, password));
                }
            } catch (IOException e) {
                throw new UserInputException("cannot read " + file + ": " + e.getMessage());
            }
        }
        // Also for files that are missing or unreadable: the loader says what is wrong and how to fix it.
        return new Certificates(file, CertificateBundle.load(path, password));
    }

    private static Request request(byte[] content, String name) {
        try {
            return new Request(name, CsrInspector.inspect(content, name));
        } catch (PkiException e) {
            throw new UserInputException(e.getMessage());
        }
    }

    private static boolean isKey(FileKind kind) {
        return kind == FileKind.PRIVATE_KEY || kind == FileKind.ENCRYPTED_PRIVATE_KEY;
    }
}
