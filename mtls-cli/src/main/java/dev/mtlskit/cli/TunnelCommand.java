package dev.mtlskit.cli;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import dev.mtlskit.tls.wire.TlsVersion;
import dev.mtlskit.gateway.tunnel.Tunnel;
import dev.mtlskit.gateway.tunnel.TunnelConfig;
import dev.mtlskit.material.KeyMaterial;
import dev.mtlskit.reload.TlsFiles;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code mtls tunnel}: a client-side sidecar that adds mutual TLS to a legacy app's plain HTTP or TCP. */
@Command(name = "tunnel",
        header = "Let an app that speaks plain HTTP (or TCP) call an mTLS API: a local client-side sidecar.",
        description = {"Listens on a local port for plain HTTP/1.1 (or raw TCP with --tcp) and carries it to",
                "--target over TLS, presenting your client certificate and verifying the server",
                "strictly (chain and host name, as mtls verify does). HTTP requests get the target's",
                "Host and go over kept-alive connections; the certificate files are reloaded when",
                "they change (new connections use them, no restart). Failures are logged with their",
                "reason code, and the app gets a 502 application/problem+json naming it.%n"},
        sortOptions = false,
        footer = {"%nExamples:",
                "  mtls tunnel --target https://api.example.com --cert client.crt --key client.key --cacert ca.crt",
                "      then: curl http://127.0.0.1:8080/orders/7",
                "  mtls tunnel --tcp --listen 127.0.0.1:5433 --target db.example.com:5432 --cert c.crt --key c.key --cacert ca.crt",
                "",
                "Anyone who can connect to the listening port makes requests as your certificate:",
                "keep the default loopback address unless other hosts must use the tunnel."})
final class TunnelCommand implements Callable<Integer> {

    private static final Logger LOG = LoggerFactory.getLogger("mtls.tunnel");

    @Spec
    CommandSpec spec;

    @Mixin
    HelpOption help;

    @Option(names = "--listen", paramLabel = "HOST:PORT",
            description = "Where the app connects (default: 127.0.0.1:8080); a loopback address unless --unsafe-listen.")
    String listen = "127.0.0.1:8080";

    @Option(names = "--unsafe-listen",
            description = "Allow a --listen address other hosts can reach: whoever connects calls the target with "
                    + "your certificate. Firewall the port. Logged at start.")
    boolean unsafeListen;

    @Option(names = "--target", required = true, paramLabel = "URL",
            description = "The mTLS server: https://host[:port] (port 443 by default); with --tcp also host:port.")
    String target;

    @Option(names = {"-E", "--cert"}, required = true, paramLabel = "CERT[:PASSWORD]",
            description = "Client certificate with its intermediates (PEM in any order, DER), or alone: a PKCS#12/JKS "
                    + "keystore or a PEM file with the key in it. Reloaded when it changes.")
    String certificate;

    @Option(names = "--key", paramLabel = "KEY",
            description = "The client certificate's private key (any format mtls reads). Reloaded when it changes.")
    Path key;

    @Mixin
    KeyPasswordOptions keyPassword;

    @Option(names = "--cacert", required = true, paramLabel = "FILE",
            description = "CA certificates that verify the server (for public CAs e.g. /etc/ssl/certs/ca-certificates.crt).")
    Path caFile;

    @Option(names = "--tcp", description = "Relay raw TCP: each local connection gets its own TLS connection; bytes pass unchanged.")
    boolean tcp;

    @Option(names = "--tls-max", paramLabel = "1.2|1.3", description = "The highest TLS version to offer (default 1.3).")
    String tlsMax = "1.3";

    @Option(names = "--connect-timeout", paramLabel = "SECONDS", description = "Give up connecting to the target after SECONDS (default 10).")
    double connectTimeout = 10;

    @Option(names = "--reload-interval", paramLabel = "SECONDS", description = "How often the files are checked for changes (default 1).")
    double reloadInterval = 1;

    @Mixin
    LogFormatOption logFormat;

    /** Released once the tunnel listens and its line is printed. */
    final CountDownLatch started = new CountDownLatch(1);
    private final CountDownLatch stopped = new CountDownLatch(1);
    private final java.util.concurrent.atomic.AtomicReference<Tunnel> running = new java.util.concurrent.atomic.AtomicReference<>();

    /** Stops a running tunnel (the shutdown hook does the same on SIGTERM/SIGINT); once, whoever calls. */
    void stop() {
        Tunnel tunnel = running.getAndSet(null);
        if (tunnel != null) {
            tunnel.close();
            stopped.countDown();
        }
    }

    @Override
    public Integer call() throws Exception {
        Runnable restoreConsole = ConsoleLog.configure(logFormat.format);
        try {
            return run();
        } finally {
            restoreConsole.run();
        }
    }

    private int run() throws Exception {
        TunnelConfig config = config();
        Tunnel tunnel;
        try {
            tunnel = Tunnel.start(config);
        } catch (dev.mtlskit.gateway.ListenerBindException e) {
            throw new UserInputException("--listen " + listen + ": cannot listen there (" + e.getMessage()
                    + "); pick another address or port");
        } catch (IOException e) {
            if (e instanceof javax.net.ssl.SSLException) {
                throw e;
            }
            // Netty's native transport reports a busy port as an IOException of its own, not a BindException.
            throw new UserInputException("--listen " + listen + ": cannot listen there (" + e.getMessage()
                    + "); pick another address or port");
        }
        running.set(tunnel);
        Thread hook = new Thread(() -> {
            LOG.info("tunnel: shutting down");
            stop();
        }, "mtls-tunnel-shutdown");
        Runtime.getRuntime().addShutdownHook(hook);
        started.countDown();
        stopped.await();
        try {
            Runtime.getRuntime().removeShutdownHook(hook);
        } catch (IllegalStateException shuttingDown) {
            // the hook is what stopped us
        }
        return ExitCodes.OK;
    }

    private TunnelConfig config() {
        TlsVersion version;
        try {
            version = TlsVersion.parse(tlsMax);
        } catch (IllegalArgumentException e) {
            throw new UserInputException("--tls-max " + e.getMessage());
        }
        if (!(connectTimeout > 0)) {
            throw new UserInputException("--connect-timeout " + connectTimeout + ": expected a number of seconds above 0");
        }
        if (!(reloadInterval >= 0.01)) {
            throw new UserInputException("--reload-interval " + reloadInterval + ": expected a number of seconds, at least 0.01");
        }
        CertificateArgument cert = CertificateArgument.parse(certificate, keyPassword);
        TlsFiles.Builder builder = TlsFiles.builder().keyPassword(cert.password()).addTrustedCertificates(caFile);
        if (key != null) {
            builder.certificateChain(cert.file()).privateKey(key);
        } else if (cert.isKeyStore()) {
            builder.keyStore(cert.file());
        } else {
            KeyMaterial.loadCertificateFile(cert.file(), cert.password()); // says at once when the key is not in it
            builder.certificateChain(cert.file()).privateKey(cert.file());
        }
        TlsFiles files = builder.build();
        InetSocketAddress address = ServeCommand.address(listen);
        try {
            return TunnelConfig.builder(targetUri(), files)
                    .listen(address)
                    .mode(tcp ? TunnelConfig.Mode.TCP : TunnelConfig.Mode.HTTP)
                    .tlsMax(version)
                    .connectTimeout(Duration.ofMillis(Math.max(1, (long) (connectTimeout * 1000))))
                    .reloadInterval(Duration.ofMillis((long) (reloadInterval * 1000)))
                    .unsafeListen(unsafeListen)
                    .build();
        } catch (IllegalArgumentException e) {
            throw new UserInputException("--" + e.getMessage());
        }
    }

    /** {@code https://host[:port]}; with --tcp also {@code host:port}. */
    private URI targetUri() {
        String text = tcp && !target.contains("://") ? "tls://" + target : target;
        try {
            return new URI(text);
        } catch (URISyntaxException e) {
            throw new UserInputException("--target " + target + " is not a valid URL (" + e.getMessage() + ")");
        }
    }
}
