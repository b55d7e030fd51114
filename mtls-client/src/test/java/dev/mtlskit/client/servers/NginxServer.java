package dev.mtlskit.client.servers;

import static java.util.Objects.requireNonNull;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Locale;

import dev.mtlskit.testing.Programs;

/**
 * A real nginx on 127.0.0.1, configured for one scenario, that runs as any user and next to other
 * instances: its configuration, pid file, logs and temp directories all live in a fresh directory,
 * and it runs in the foreground as a single process ({@code daemon off; master_process off}).
 *
 * <pre>{@code
 * try (NginxServer nginx = NginxServer.builder()
 *         .certificate(pki.server.certificate(), pki.server.key())
 *         .clientCertificate(pki.clientCaBundle)
 *         .verifyClient(NginxServer.VerifyClient.ON)
 *         .start(tempDir)) {
 *     ... nginx.url() ...
 * }
 * }</pre>
 *
 * <p>Every response carries what nginx made of the client certificate, also on its own 400 pages:
 * {@code X-Client-Verify} ({@code $ssl_client_verify}: SUCCESS, NONE or FAILED:reason),
 * {@code X-Client-Subject} ({@code $ssl_client_s_dn}) and {@code X-Tls-Protocol}. The location
 * answers {@code 200 "ok\n"}, or {@code 403 "forbidden\n"} when {@link Builder#requireSubject} does
 * not match. The error log is written at level info, the level nginx logs client certificate
 * failures at.
 */
public final class NginxServer implements AutoCloseable {

    private static final Duration START_TIMEOUT = Duration.ofSeconds(10);
    private static final Duration STOP_GRACE = Duration.ofSeconds(5);
    private static final int START_ATTEMPTS = 5;
    private static final String ADDRESS_IN_USE = "Address already in use";

    /** {@code ssl_verify_client}. */
    public enum VerifyClient {
        /** No CertificateRequest: the client sends no certificate. */
        OFF,
        /** A certificate is required and must verify; nginx answers 400 otherwise (after the handshake). */
        ON,
        /** A certificate is requested; none is fine, a bad one gets 400. */
        OPTIONAL,
        /** A certificate is requested and accepted even if it does not verify ({@code $ssl_client_verify} says why). */
        OPTIONAL_NO_CA;

        String directive() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    private final ServerProcess process;
    private final Path directory;
    private final int port;
    private final boolean tls;

    private NginxServer(ServerProcess process, Path directory, int port, boolean tls) {
        this.process = process;
        this.directory = directory;
        this.port = port;
        this.tls = tls;
    }

    public static Builder builder() {
        return new Builder();
    }

    /** {@code https://127.0.0.1:PORT/} ({@code http://} for a {@link Builder#plainHttp()} server). */
    public String url() {
        return (tls ? "https" : "http") + "://127.0.0.1:" + port + "/";
    }

    /** The URL with another host name, to be resolved to 127.0.0.1 by the client (curl --resolve). */
    public String url(String host) {
        return (tls ? "https://" : "http://") + host + ":" + port + "/";
    }

    public int port() {
        return port;
    }

    /** Its own directory: nginx.conf, error.log, access.log, pid file, temp directories. */
    public Path directory() {
        return directory;
    }

    public Path configFile() {
        return directory.resolve("nginx.conf");
    }

    /** The error log so far. */
    public String errorLog() {
        return read(directory.resolve("error.log"));
    }

    /** The access log so far (combined format: the status follows the request line). */
    public String accessLog() {
        return read(directory.resolve("access.log"));
    }

    /**
     * Waits until the error log contains {@code fragment}: nginx logs a failed handshake after it
     * sent its alert, so the client can be done before the line is written.
     *
     * @return the error log, or the log so far if it did not appear within {@code timeout}
     */
    public String awaitErrorLog(String fragment, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        String log = errorLog();
        while (!log.contains(fragment) && System.nanoTime() < deadline) {
            Thread.sleep(20);
            log = errorLog();
        }
        return log;
    }

    /**
     * Waits until the access log contains {@code fragment}: nginx writes a request's line after it
     * sent the answer, so the client can be done before the line is there.
     *
     * @return the access log, or the log so far if it did not appear within {@code timeout}
     */
    public String awaitAccessLog(String fragment, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        String log = accessLog();
        while (!log.contains(fragment) && System.nanoTime() < deadline) {
            Thread.sleep(20);
            log = accessLog();
        }
        return log;
    }

    /** Stops nginx (SIGTERM: fast shutdown) and waits; fails with the error log if it had died or does not stop. */
    @Override
    public void close() {
        Integer earlyExit = process.exitCode();
        int exitCode;
        try {
            exitCode = process.stop(STOP_GRACE);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while stopping nginx in " + directory, e);
        }
        if (earlyExit != null) {
            throw new IllegalStateException("nginx in " + directory + " had ended by itself (exit code " + earlyExit
                    + ") before close()" + diagnostics());
        }
        if (exitCode != 0) {
            throw new IllegalStateException("nginx in " + directory + " did not stop cleanly on SIGTERM (exit code "
                    + exitCode + (exitCode == -1 ? ": killed" : "") + ")" + diagnostics());
        }
    }

    private String diagnostics() {
        return "\n--- " + directory.resolve("error.log") + " ---\n" + errorLog() + "\n--- nginx output ---\n"
                + process.output();
    }

    private static String read(Path file) {
        try {
            return Files.readString(file, StandardCharsets.UTF_8);
        } catch (NoSuchFileException notYet) {
            return "";
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
    }

    /** The server block's settings; unset ones are left out of the configuration (nginx's defaults). */
    public static final class Builder {

        private Path certificate;
        private Path key;
        private Path clientCertificate;
        private Path trustedCertificate;
        private VerifyClient verifyClient;
        private Integer verifyDepth;
        private Path crl;
        private List<String> protocols = List.of("TLSv1.2", "TLSv1.3");
        private String ciphers;
        private String requiredSubject;
        private boolean plainHttp;
        private boolean http2;
        private boolean certificateErrorPage;

        private Builder() {
        }

        /** {@code ssl_certificate} (leaf first, then intermediates) and {@code ssl_certificate_key}. */
        public Builder certificate(Path chainFile, Path keyFile) {
            this.certificate = requireNonNull(chainFile, "chainFile");
            this.key = requireNonNull(keyFile, "keyFile");
            return this;
        }

        /** {@code ssl_client_certificate}: trusted for client certificates, and named in the CertificateRequest. */
        public Builder clientCertificate(Path caFile) {
            this.clientCertificate = requireNonNull(caFile, "caFile");
            return this;
        }

        /** {@code ssl_trusted_certificate}: trusted for client certificates, but not named to the client. */
        public Builder trustedCertificate(Path caFile) {
            this.trustedCertificate = requireNonNull(caFile, "caFile");
            return this;
        }

        public Builder verifyClient(VerifyClient mode) {
            this.verifyClient = requireNonNull(mode, "mode");
            return this;
        }

        /** {@code ssl_verify_depth} (nginx's default: 1, i.e. leaf and one CA above it). */
        public Builder verifyDepth(int depth) {
            if (depth < 0) {
                throw new IllegalArgumentException("verify depth: " + depth + " (expected: >= 0)");
            }
            this.verifyDepth = depth;
            return this;
        }

        /** {@code ssl_crl}: nginx checks every certificate of the chain, so it needs a CRL of every CA in it. */
        public Builder crl(Path crlFile) {
            this.crl = requireNonNull(crlFile, "crlFile");
            return this;
        }

        /** {@code ssl_protocols}, e.g. {@code "TLSv1.3"}; by default TLSv1.2 and TLSv1.3. */
        public Builder protocols(String... protocols) {
            if (protocols.length == 0) {
                throw new IllegalArgumentException("protocols: none (expected: at least one, e.g. TLSv1.3)");
            }
            this.protocols = List.of(protocols);
            return this;
        }

        /** {@code ssl_ciphers} (OpenSSL cipher list; TLS 1.2 and below). */
        public Builder ciphers(String ciphers) {
            this.ciphers = requireNonNull(ciphers, "ciphers");
            return this;
        }

        /** Answers 403 unless {@code $ssl_client_s_dn} (RFC 2253, e.g. {@code CN=acme,O=Acme}) matches this regex. */
        public Builder requireSubject(String regex) {
            this.requiredSubject = requireNonNull(regex, "regex");
            return this;
        }

        /** A plain HTTP listener instead of TLS: what a client meets when it speaks TLS to a non-TLS port. */
        public Builder plainHttp() {
            this.plainHttp = true;
            return this;
        }

        /** Offers HTTP/2 over ALPN besides HTTP/1.1. */
        public Builder http2() {
            this.http2 = true;
            return this;
        }

        /**
         * Replaces nginx's own 400 pages for client certificate errors with
         * {@code "client certificate: $ssl_client_verify\n"} ({@code error_page 495 496}), as
         * sites with their own error pages do: the status stays 400, nginx's page titles are gone.
         */
        public Builder certificateErrorPage() {
            this.certificateErrorPage = true;
            return this;
        }

        /**
         * Writes the configuration into a new directory under {@code parent}, starts nginx, and
         * returns once it accepts connections. Retries on another port if the one it picked was
         * taken meanwhile. Skips the test when nginx is not installed.
         */
        public NginxServer start(Path parent) throws IOException, InterruptedException {
            return start(parent, Ports::probablyFree);
        }

        /** Where the ports come from; tests of the retry hand out a taken one first. */
        @FunctionalInterface
        interface PortSource {
            int next() throws IOException;
        }

        NginxServer start(Path parent, PortSource ports) throws IOException, InterruptedException {
            Path nginx = Programs.require("nginx", "nginx (apt-get install nginx-light)");
            if (plainHttp && certificate != null) {
                throw new IllegalStateException("plainHttp() and certificate(...) exclude each other");
            }
            if (!plainHttp && certificate == null) {
                throw new IllegalStateException("a TLS listener needs certificate(chainFile, keyFile), or call plainHttp()");
            }
            String lastFailure = "";
            for (int attempt = 1; attempt <= START_ATTEMPTS; attempt++) {
                int port = ports.next();
                Path directory = Files.createTempDirectory(parent, "nginx-" + port + "-");
                Files.writeString(directory.resolve("nginx.conf"), config(directory, port), StandardCharsets.UTF_8);
                ServerProcess process = ServerProcess.start("nginx on port " + port,
                        List.of(nginx.toString(), "-p", directory + "/", "-c", directory.resolve("nginx.conf").toString()),
                        directory);
                NginxServer server = new NginxServer(process, directory, port, !plainHttp);
                if (awaitReady(server)) {
                    return server;
                }
                Integer exit = process.exitCode();
                process.stop(STOP_GRACE);
                lastFailure = server.diagnostics();
                if (exit != null && server.errorLog().isBlank() && process.output().isBlank()) {
                    // It ended without a word where we could see it (seen on busy machines, with other
                    // tests starting processes in parallel): nginx -t says what is wrong with the file.
                    Programs.Result test = Programs.run(List.of(nginx.toString(), "-t", "-p", directory + "/", "-c",
                            directory.resolve("nginx.conf").toString()), Duration.ofSeconds(30));
                    lastFailure += "\n--- nginx -t (exit " + exit + ") ---\n" + test.stdout() + test.stderr();
                }
                if (!lastFailure.contains(ADDRESS_IN_USE)) {
                    throw new IllegalStateException("nginx did not start (configuration " + server.configFile() + ")"
                            + lastFailure);
                }
            }
            throw new IllegalStateException("nginx found no free port in " + START_ATTEMPTS + " attempts" + lastFailure);
        }

        /**
         * The pid file is written after nginx bound its port: that tells its own listener from
         * another process that took the port meanwhile. A taken port ends the wait at once (nginx
         * itself would retry the bind for 2.5 s).
         */
        private static boolean awaitReady(NginxServer server) throws InterruptedException {
            long deadline = System.nanoTime() + START_TIMEOUT.toNanos();
            Path pidFile = server.directory.resolve("nginx.pid");
            while (System.nanoTime() < deadline && server.process.isAlive()
                    && !server.process.output().contains(ADDRESS_IN_USE)) {
                if (Files.exists(pidFile) && read(pidFile).trim().equals(Long.toString(server.process.pid()))
                        && Ports.accepts(server.port)) {
                    return true;
                }
                Thread.sleep(10);
            }
            return false;
        }

        String config(Path directory, int port) {
            StringBuilder conf = new StringBuilder();
            conf.append("# Written by ").append(NginxServer.class.getName()).append(" for a test.\n");
            conf.append("daemon off;\nmaster_process off;\nworker_processes 1;\n");
            conf.append("pid ").append(quote(directory.resolve("nginx.pid"))).append(";\n");
            conf.append("error_log ").append(quote(directory.resolve("error.log"))).append(" info;\n");
            conf.append("events {\n    worker_connections 64;\n}\n");
            conf.append("http {\n");
            conf.append("    access_log ").append(quote(directory.resolve("access.log"))).append(";\n");
            for (String temp : List.of("client_body", "proxy", "fastcgi", "uwsgi", "scgi")) {
                conf.append("    ").append(temp).append("_temp_path ").append(quote(directory.resolve(temp + "_temp")))
                        .append(";\n");
            }
            conf.append("    server {\n");
            conf.append("        listen 127.0.0.1:").append(port).append(plainHttp ? "" : " ssl")
                    .append(http2 ? " http2" : "").append(";\n");
            if (!plainHttp) {
                directive(conf, "ssl_certificate", quote(certificate));
                directive(conf, "ssl_certificate_key", quote(key));
                directive(conf, "ssl_protocols", String.join(" ", protocols));
                if (ciphers != null) {
                    directive(conf, "ssl_ciphers", quote(ciphers));
                }
                if (clientCertificate != null) {
                    directive(conf, "ssl_client_certificate", quote(clientCertificate));
                }
                if (trustedCertificate != null) {
                    directive(conf, "ssl_trusted_certificate", quote(trustedCertificate));
                }
                if (verifyClient != null) {
                    directive(conf, "ssl_verify_client", verifyClient.directive());
                }
                if (verifyDepth != null) {
                    directive(conf, "ssl_verify_depth", verifyDepth.toString());
                }
                if (crl != null) {
                    directive(conf, "ssl_crl", quote(crl));
                }
                // At server level, so that nginx's own 400 pages for certificate errors carry them too.
                directive(conf, "add_header", "X-Client-Verify $ssl_client_verify always");
                directive(conf, "add_header", "X-Client-Subject \"$ssl_client_s_dn\" always");
                directive(conf, "add_header", "X-Tls-Protocol $ssl_protocol always");
            }
            if (certificateErrorPage) {
                conf.append("        error_page 495 496 /client-certificate-error;\n");
                conf.append("        location = /client-certificate-error {\n            internal;\n");
                conf.append("            default_type text/plain;\n");
                conf.append("            return 200 \"client certificate: $ssl_client_verify\\n\";\n        }\n");
            }
            conf.append("        location / {\n");
            conf.append("            default_type text/plain;\n");
            if (requiredSubject != null) {
                conf.append("            if ($ssl_client_s_dn !~ ").append(quote(requiredSubject)).append(") {\n");
                conf.append("                return 403 \"forbidden\\n\";\n            }\n");
            }
            conf.append("            return 200 \"ok\\n\";\n");
            conf.append("        }\n    }\n}\n");
            return conf.toString();
        }

        private static void directive(StringBuilder conf, String name, String value) {
            conf.append("        ").append(name).append(' ').append(value).append(";\n");
        }

        private static String quote(Path path) {
            String text = path.toAbsolutePath().toString();
            // nginx expands variables in some file directives (ssl_certificate since 1.15.9).
            if (text.contains("$")) {
                throw new IllegalArgumentException("path for nginx: " + text + " (expected: no '$' in it; nginx would read a variable)");
            }
            return quote(text);
        }

        private static String quote(String text) {
            return '"' + text.replace("\\", "\\\\").replace("\"", "\\\"") + '"';
        }
    }
}
