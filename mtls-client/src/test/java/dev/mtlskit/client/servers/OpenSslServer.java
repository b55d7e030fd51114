package dev.mtlskit.client.servers;

import static java.util.Objects.requireNonNull;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import dev.mtlskit.testing.Programs;

/**
 * A real {@code openssl s_server -www} on 127.0.0.1, configured for one scenario. It binds port 0
 * and reports the port it got ({@code ACCEPT 127.0.0.1:PORT}), so instances never collide. It
 * serves one connection at a time and answers {@code GET /} with {@code 200 ok} and a status page.
 *
 * <p>Unlike nginx, s_server checks the client certificate inside the handshake and fails it with
 * an alert. The alert names the verification error ({@code -verify_return_error}, on by default
 * here: without it s_server prints the error and carries on):
 *
 * <table>
 * <caption>What s_server sends when it refuses a client (OpenSSL 3.0)</caption>
 * <tr><th>client</th><th>X509 error (s_server's output)</th><th>alert</th></tr>
 * <tr><td>no certificate, {@code -Verify}</td><td>peer did not return a certificate</td>
 *     <td>TLS 1.3: certificate_required (116); TLS 1.2: handshake_failure (40)</td></tr>
 * <tr><td>unknown issuer, or leaf without its intermediate</td><td>20 unable to get local issuer certificate</td>
 *     <td>unknown_ca (48)</td></tr>
 * <tr><td>expired</td><td>10 certificate has expired</td><td>certificate_expired (45)</td></tr>
 * <tr><td>not yet valid</td><td>9 certificate is not yet valid</td><td>bad_certificate (42)</td></tr>
 * <tr><td>no clientAuth in EKU</td><td>26 unsuitable certificate purpose</td><td>unsupported_certificate (43)</td></tr>
 * <tr><td>revoked ({@code -crl_check})</td><td>23 certificate revoked</td><td>certificate_revoked (44)</td></tr>
 * <tr><td>CRL missing for a CA ({@code -crl_check_all})</td><td>3 unable to get certificate CRL</td><td>unknown_ca (48)</td></tr>
 * <tr><td>EC key, {@code -client_sigalgs} RSA only</td><td>peer did not return a certificate (the client sends none)</td>
 *     <td>as "no certificate"</td></tr>
 * </table>
 *
 * In TLS 1.3 the client has finished its side of the handshake before the server reads its
 * certificate: the alert reaches it at its first read (curl: exit 56 "SSL_read"), not in the
 * handshake (curl: exit 35) as in TLS 1.2. {@link FailureScenariosTest} proves every row.
 *
 * <p>{@code -CRL} loads one CRL (the first of its file), so {@code -crl_check_all} always lacks the
 * root's CRL here: that is the "CRL missing" row.
 */
public final class OpenSslServer implements AutoCloseable {

    private static final Duration START_TIMEOUT = Duration.ofSeconds(10);
    private static final Pattern ACCEPT = Pattern.compile("ACCEPT 127\\.0\\.0\\.1:(\\d+)");

    private final ServerProcess process;
    private final int port;
    private final List<String> command;

    private OpenSslServer(ServerProcess process, int port, List<String> command) {
        this.process = process;
        this.port = port;
        this.command = command;
    }

    public static Builder builder() {
        return new Builder();
    }

    /** {@code https://127.0.0.1:PORT/}. */
    public String url() {
        return "https://127.0.0.1:" + port + "/";
    }

    public int port() {
        return port;
    }

    /** Its command line, for assertion messages. */
    public List<String> command() {
        return command;
    }

    /** What s_server printed so far: verification results per connection, errors, the status pages. */
    public String output() {
        return process.output();
    }

    /**
     * Waits until its output contains {@code fragment}: s_server prints why it failed a handshake
     * after it sent the alert, so the client can be done first.
     *
     * @return its output, or the output so far if the fragment did not appear within {@code timeout}
     */
    public String awaitOutput(String fragment, Duration timeout) throws InterruptedException {
        String output = process.awaitOutput(fragment, timeout);
        return output != null ? output : process.output();
    }

    /** Kills s_server (it has no graceful shutdown worth waiting for). */
    @Override
    public void close() {
        try {
            process.stop(Duration.ofSeconds(5));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while stopping " + String.join(" ", command), e);
        }
    }

    /** s_server's options; unset ones are left out (s_server's defaults). */
    public static final class Builder {

        /** How s_server asks for a client certificate. */
        private enum ClientAuth { NONE, REQUEST, REQUIRE }

        private Path certificate;
        private Path key;
        private Path certificateChain;
        private Path clientCa;
        private Path verifyCa;
        private Path chainCa;
        private ClientAuth clientAuth = ClientAuth.NONE;
        private int verifyDepth;
        private boolean verifyReturnError = true;
        private String protocol;
        private String cipher;
        private String ciphersuites;
        private Path crl;
        private boolean crlCheckAll;
        private String clientSigalgs;
        private boolean noCaNames;
        private final List<String> extraArguments = new ArrayList<>();

        private Builder() {
        }

        /**
         * {@code -cert} and {@code -key}. s_server sends only the first certificate of the file:
         * give the intermediates with {@link #certificateChain}.
         */
        public Builder certificate(Path certificateFile, Path keyFile) {
            this.certificate = requireNonNull(certificateFile, "certificateFile");
            this.key = requireNonNull(keyFile, "keyFile");
            return this;
        }

        /** {@code -cert_chain}: intermediates sent after the leaf. */
        public Builder certificateChain(Path intermediates) {
            this.certificateChain = requireNonNull(intermediates, "intermediates");
            return this;
        }

        /** {@code -CAfile}: trusted for client certificates and named in the CertificateRequest. */
        public Builder clientCa(Path caFile) {
            this.clientCa = requireNonNull(caFile, "caFile");
            return this;
        }

        /** {@code -verifyCAfile}: trusted for client certificates, not named to the client. */
        public Builder verifyCa(Path caFile) {
            this.verifyCa = requireNonNull(caFile, "caFile");
            return this;
        }

        /** {@code -chainCAfile}: CAs to build the server's own chain from. */
        public Builder chainCa(Path caFile) {
            this.chainCa = requireNonNull(caFile, "caFile");
            return this;
        }

        /** {@code -verify N}: asks for a client certificate; a client without one gets through. */
        public Builder requestClientCertificate(int depth) {
            this.clientAuth = ClientAuth.REQUEST;
            this.verifyDepth = depth;
            return this;
        }

        /** {@code -Verify N}: requires a client certificate; a client without one fails the handshake. */
        public Builder requireClientCertificate(int depth) {
            this.clientAuth = ClientAuth.REQUIRE;
            this.verifyDepth = depth;
            return this;
        }

        /** Leaves out {@code -verify_return_error}: s_server then prints verification errors and accepts the client. */
        public Builder acceptVerificationErrors() {
            this.verifyReturnError = false;
            return this;
        }

        /** {@code -tls1_2}: TLS 1.2 only. */
        public Builder tls12Only() {
            this.protocol = "-tls1_2";
            return this;
        }

        /** {@code -tls1_3}: TLS 1.3 only. */
        public Builder tls13Only() {
            this.protocol = "-tls1_3";
            return this;
        }

        /** {@code -cipher}: TLS 1.2 cipher list. */
        public Builder cipher(String list) {
            this.cipher = requireNonNull(list, "list");
            return this;
        }

        /** {@code -ciphersuites}: TLS 1.3 cipher suites. */
        public Builder ciphersuites(String list) {
            this.ciphersuites = requireNonNull(list, "list");
            return this;
        }

        /** {@code -CRL file -crl_check}: checks the client leaf against the CRL. */
        public Builder crlCheck(Path crlFile) {
            this.crl = requireNonNull(crlFile, "crlFile");
            this.crlCheckAll = false;
            return this;
        }

        /** {@code -CRL file -crl_check_all}: checks every certificate of the chain; needs a CRL of every CA. */
        public Builder crlCheckAll(Path crlFile) {
            this.crl = requireNonNull(crlFile, "crlFile");
            this.crlCheckAll = true;
            return this;
        }

        /** {@code -client_sigalgs}: signature algorithms the server accepts from the client, e.g. {@code RSA-PSS+SHA256}. */
        public Builder clientSigalgs(String list) {
            this.clientSigalgs = requireNonNull(list, "list");
            return this;
        }

        /** {@code -no_ca_names}: the CertificateRequest names no acceptable CAs (TLS 1.2 and 1.3). */
        public Builder noCaNames() {
            this.noCaNames = true;
            return this;
        }

        /** Any other s_server options, appended as given. */
        public Builder arguments(String... arguments) {
            extraArguments.addAll(List.of(arguments));
            return this;
        }

        /** Starts s_server and returns once it accepts connections. Skips the test when openssl is not installed. */
        public OpenSslServer start() throws IOException, InterruptedException {
            Path openssl = Programs.require("openssl", "openssl (apt-get install openssl)");
            if (certificate == null) {
                throw new IllegalStateException("s_server needs certificate(certificateFile, keyFile)");
            }
            List<String> command = command(openssl);
            ServerProcess process = ServerProcess.start("openssl s_server", command, certificate.toAbsolutePath().getParent());
            String output = process.awaitOutput("ACCEPT", START_TIMEOUT);
            Matcher accept = output == null ? null : ACCEPT.matcher(output);
            if (accept == null || !accept.find()) {
                process.stop(Duration.ofSeconds(5));
                throw new IllegalStateException("openssl s_server did not start: " + String.join(" ", command)
                        + "\n--- its output ---\n" + process.output());
            }
            return new OpenSslServer(process, Integer.parseInt(accept.group(1)), command);
        }

        List<String> command(Path openssl) {
            List<String> command = new ArrayList<>(List.of(openssl.toString(), "s_server",
                    "-accept", "127.0.0.1:0", "-www",
                    "-cert", certificate.toString(), "-key", key.toString(),
                    // Only the CAs given here count, never the system's.
                    "-no-CApath", "-no-CAstore"));
            if (certificateChain != null) {
                command.addAll(List.of("-cert_chain", certificateChain.toString()));
            }
            if (clientCa != null) {
                command.addAll(List.of("-CAfile", clientCa.toString()));
            } else {
                command.add("-no-CAfile");
            }
            if (verifyCa != null) {
                command.addAll(List.of("-verifyCAfile", verifyCa.toString()));
            }
            if (chainCa != null) {
                command.addAll(List.of("-chainCAfile", chainCa.toString()));
            }
            switch (clientAuth) {
                case REQUEST -> command.addAll(List.of("-verify", Integer.toString(verifyDepth)));
                case REQUIRE -> command.addAll(List.of("-Verify", Integer.toString(verifyDepth)));
                case NONE -> { }
            }
            if (clientAuth != ClientAuth.NONE && verifyReturnError) {
                command.add("-verify_return_error");
            }
            if (protocol != null) {
                command.add(protocol);
            }
            if (cipher != null) {
                command.addAll(List.of("-cipher", cipher));
            }
            if (ciphersuites != null) {
                command.addAll(List.of("-ciphersuites", ciphersuites));
            }
            if (crl != null) {
                command.addAll(List.of("-CRL", crl.toString(), crlCheckAll ? "-crl_check_all" : "-crl_check"));
            }
            if (clientSigalgs != null) {
                command.addAll(List.of("-client_sigalgs", clientSigalgs));
            }
            if (noCaNames) {
                command.add("-no_ca_names");
            }
            command.addAll(extraArguments);
            return List.copyOf(command);
        }
    }
}
