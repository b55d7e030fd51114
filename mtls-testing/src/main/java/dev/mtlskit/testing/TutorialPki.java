package dev.mtlskit.testing;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * A private CA made the way tutorials make one, with the real openssl: {@code openssl req -x509}
 * for the CA, then {@code openssl x509 -req -in client.csr -CA ca.crt -CAkey ca.key -CAcreateserial}
 * without {@code -extfile}, which makes an X.509 version 1 client certificate (OpenSSL 3). Every
 * file has the name the tools' printed fixes use ({@code ca.crt}, {@code ca.key}, {@code client.csr}),
 * so a printed command runs as printed in {@link #directory()}. Tests skip where openssl is missing.
 *
 * <ul>
 * <li>{@code ca.crt}/{@code ca.key}: the CA (v3, CN=Tutorial CA)</li>
 * <li>{@code client.csr}/{@code client.key}/{@code client.crt}: CN=tutorial-client, v1</li>
 * <li>{@code server.crt}/{@code server.key}: v3, for localhost and 127.0.0.1</li>
 * <li>{@code v1-intermediate.crt}: a v1 certificate for an intermediate CA below the CA, and
 *     {@code below-v1.crt}/{@code below-v1.key}: a v3 client certificate it issued, with
 *     {@code below-v1-chain.crt} (leaf first)</li>
 * <li>{@code v1-root.crt}/{@code v1-root.key}: a v1 self-signed CA ({@code x509 -req -signkey}),
 *     and {@code v1-root-client.crt}/{@code .key}: a v3 client certificate it issued</li>
 * </ul>
 */
public final class TutorialPki {

    private static final String CLIENT_EXTENSIONS =
            "basicConstraints=CA:FALSE\nkeyUsage=digitalSignature\nextendedKeyUsage=clientAuth\n";

    private final Path directory;

    private TutorialPki(Path directory) {
        this.directory = directory;
    }

    /** Makes every file in {@code directory} (which must exist); skips the test without openssl. */
    public static TutorialPki create(Path directory) throws IOException, InterruptedException {
        Programs.require("openssl", "openssl");
        TutorialPki pki = new TutorialPki(directory);
        Files.writeString(directory.resolve("client-v3.ext"), CLIENT_EXTENSIONS);
        Files.writeString(directory.resolve("server.ext"), "basicConstraints=CA:FALSE\nkeyUsage=digitalSignature\n"
                + "extendedKeyUsage=serverAuth\nsubjectAltName=DNS:localhost,IP:127.0.0.1\n");
        pki.openssl("req", "-x509", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:P-256", "-nodes",
                "-keyout", "ca.key", "-out", "ca.crt", "-days", "30", "-subj", "/CN=Tutorial CA");
        pki.request("client", "/CN=tutorial-client");
        pki.openssl("x509", "-req", "-in", "client.csr", "-CA", "ca.crt", "-CAkey", "ca.key", "-CAcreateserial",
                "-out", "client.crt", "-days", "30");
        pki.request("server", "/CN=localhost");
        pki.openssl("x509", "-req", "-in", "server.csr", "-CA", "ca.crt", "-CAkey", "ca.key", "-CAcreateserial",
                "-out", "server.crt", "-days", "30", "-extfile", "server.ext");

        pki.request("v1-intermediate", "/CN=Tutorial Issuing CA");
        pki.openssl("x509", "-req", "-in", "v1-intermediate.csr", "-CA", "ca.crt", "-CAkey", "ca.key",
                "-CAcreateserial", "-out", "v1-intermediate.crt", "-days", "30");
        pki.request("below-v1", "/CN=below-v1-client");
        pki.openssl("x509", "-req", "-in", "below-v1.csr", "-CA", "v1-intermediate.crt", "-CAkey", "v1-intermediate.key",
                "-CAcreateserial", "-out", "below-v1.crt", "-days", "30", "-extfile", "client-v3.ext");
        Files.writeString(directory.resolve("below-v1-chain.crt"), Files.readString(directory.resolve("below-v1.crt"))
                + Files.readString(directory.resolve("v1-intermediate.crt")));

        pki.request("v1-root", "/CN=Tutorial V1 Root");
        pki.openssl("x509", "-req", "-in", "v1-root.csr", "-signkey", "v1-root.key", "-out", "v1-root.crt", "-days", "30");
        pki.request("v1-root-client", "/CN=v1-root-client");
        pki.openssl("x509", "-req", "-in", "v1-root-client.csr", "-CA", "v1-root.crt", "-CAkey", "v1-root.key",
                "-CAcreateserial", "-out", "v1-root-client.crt", "-days", "30", "-extfile", "client-v3.ext");
        return pki;
    }

    public Path directory() {
        return directory;
    }

    public Path file(String name) {
        return directory.resolve(name);
    }

    /**
     * Runs a command line as a shell would ({@code sh -c}) in the directory, e.g. a fix the tools
     * printed; fails with its output when it fails.
     */
    public String shell(String commandLine) throws IOException, InterruptedException {
        return shell(directory, commandLine);
    }

    /** {@link #shell(String)} in another directory, e.g. one holding copies of some of these files. */
    public static String shell(Path directory, String commandLine) throws IOException, InterruptedException {
        return successful(Programs.run(List.of("sh", "-c", commandLine), directory, null, Duration.ofSeconds(60)));
    }

    /** Copies these files of the PKI into {@code target}, e.g. to run a printed command apart. */
    public void copy(Path target, String... names) throws IOException {
        for (String name : names) {
            Files.copy(file(name), target.resolve(name));
        }
    }

    /**
     * The command a printed fix holds: from its {@code printf} to the end of its openssl command
     * ({@code -out FILE}).
     */
    public static String command(String fix, String outputFile) {
        int start = fix.indexOf("printf ");
        String end = "-out " + outputFile;
        int stop = fix.indexOf(end, start);
        if (start < 0 || stop < 0) {
            throw new AssertionError("no command ending in '" + end + "' in: " + fix);
        }
        return fix.substring(start, stop + end.length());
    }

    private void request(String name, String subject) throws IOException, InterruptedException {
        openssl("req", "-new", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:P-256", "-nodes",
                "-keyout", name + ".key", "-out", name + ".csr", "-subj", subject);
    }

    private void openssl(String... arguments) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>();
        command.add("openssl");
        command.addAll(List.of(arguments));
        successful(Programs.run(command, directory, null, Duration.ofSeconds(60)));
    }

    private static String successful(Programs.Result result) {
        if (result.exitCode() != 0) {
            throw new AssertionError(result.describe());
        }
        return result.stdout();
    }
}
