package dev.mtlskit.cli;

import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import dev.mtlskit.gateway.config.DurationText;
import dev.mtlskit.gateway.config.RevocationConfig;
import dev.mtlskit.revocation.OnlineRevocation;
import dev.mtlskit.revocation.RevocationMode;
import dev.mtlskit.gateway.Gateway;
import dev.mtlskit.gateway.Transport;
import dev.mtlskit.gateway.ListenerBindException;
import dev.mtlskit.gateway.config.ClientAuthMode;
import dev.mtlskit.gateway.config.AdminConfig;
import dev.mtlskit.gateway.config.ConfigException;
import dev.mtlskit.gateway.config.GatewayConfigLoader;
import dev.mtlskit.gateway.config.GatewayConfig;
import dev.mtlskit.gateway.config.IdentityHeaderConfig;
import dev.mtlskit.gateway.config.KeySource;
import dev.mtlskit.gateway.config.Limits;
import dev.mtlskit.gateway.config.ListenerConfig;
import dev.mtlskit.gateway.config.ListenerKind;
import dev.mtlskit.gateway.config.PublicRootRules;
import dev.mtlskit.gateway.config.Timeouts;
import dev.mtlskit.gateway.config.TlsConfig;
import dev.mtlskit.gateway.config.TlsProvider;
import dev.mtlskit.gateway.config.UpstreamConfig;
import dev.mtlskit.material.MaterialException;
import dev.mtlskit.material.PasswordSource;
import dev.mtlskit.material.SessionTicketKey;
import dev.mtlskit.names.Printable;
import dev.mtlskit.reload.ReloadFailure;
import dev.mtlskit.pki.DevPki;
import dev.mtlskit.policy.AllowRule;
import dev.mtlskit.policy.Policy;
import dev.mtlskit.policy.PublicRoots;
import dev.mtlskit.policy.Route;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code mtls serve}: the mTLS gateway. With no arguments, a dev PKI and the built-in echo. */
@Command(name = "serve",
        header = "Run the mTLS gateway: TLS termination, client-certificate authorization, reverse proxy.",
        description = {"Terminates TLS 1.2/1.3 (HTTP/2 and HTTP/1.1 by ALPN), verifies client certificates strictly, "
                + "authorizes clients by identity and forwards to an upstream with an identity header "
                + "(X-Forwarded-Client-Cert) that clients cannot forge.",
                "Without --cert it creates (or reuses) a dev PKI in mtls-dev/ and answers with the built-in echo, so "
                        + "that the printed curl command works at once.%n"},
        sortOptions = false,
        exitCodeListHeading = ExitCodes.HEADING,
        exitCodeList = {ExitCodes.LIST_SIGTERM_DRAINED, ExitCodes.LIST_USAGE, ExitCodes.LIST_CANNOT_START,
                ExitCodes.LIST_SIGINT},
        footer = {"%nExamples:",
                "  mtls serve",
                "  mtls serve --cert server-chain.pem --key server.key \\",
                "      --client-ca clients-ca.pem --upstream http://127.0.0.1:9000 \\",
                "      --allow-uri 'spiffe://example.org/*'",
                "  mtls serve --cert server-chain.pem --key server.key \\",
                "      --client-ca public-roots.pem --allow-san partner.example \\",
                "      --allow-issuer \"CN=R3,O=Let's Encrypt,C=US\" \\",
                "      --accept-missing-client-auth-eku",
                "",
                "A public root in --client-ca needs allow rules that single out each partner: --allow-san (or "
                        + "--allow-uri) with --allow-issuer, or --allow-fingerprint/-spki.",
                "",
                "Rejected handshakes are logged with their reason code (docs/reasons.md); the access log is JSON lines "
                        + "on standard output.",
                "",
                "Certificates, keys, client CAs and CRLs are watched: renewed files are in use within seconds, and "
                        + "files that cannot be used are logged and not used. kill -HUP reloads them at once, and the "
                        + "--config file too (docs/operations.md)."})
final class ServeCommand implements Callable<Integer> {

    private static final Logger LOG = LoggerFactory.getLogger("mtls.serve");
    private static final String EXAMPLE_FLAGS = "--allow-san partner.example --allow-issuer \"CN=R3,O=Let's Encrypt,C=US\"";

    @Spec
    CommandSpec spec;

    @Mixin
    HelpOption help;

    @Option(names = "--config", paramLabel = "FILE",
            description = "A YAML configuration (several listeners, routes, upstreams): see docs/gateway.yaml. "
                    + "Replaces the one-listener flags.")
    Path configFile;

    @Option(names = "--listen", paramLabel = "HOST:PORT", description = "Where to listen (default: localhost:8443, IPv4 and IPv6 loopback).")
    String listen = "localhost:8443";

    @Option(names = "--cert", paramLabel = "CHAIN", description = "Server certificate chain (PEM, any order) or a PKCS#12/JKS keystore.")
    Path certificate;

    @Option(names = "--key", paramLabel = "KEY", description = "Server private key (any format mtls reads).")
    Path key;

    @Mixin
    KeyPasswordOptions keyPassword;

    @Option(names = "--client-ca", paramLabel = "FILE", description = "Trusted CA bundle for client certificates (repeatable).")
    List<Path> clientCas = new ArrayList<>();

    @Option(names = "--client-auth", paramLabel = "MODE",
            description = "require (default): no valid certificate, no handshake; optional: verify if presented; "
                    + "explain: complete the handshake and answer 401/403 with the reason.")
    String clientAuth = "require";

    @Option(names = "--upstream", paramLabel = "URL", description = "Where to forward: http://host:port, https://host:port or echo (the built-in echo, default).")
    String upstream = "echo";

    @Option(names = "--allow-cn", paramLabel = "CN", description = "Allow clients with this subject CN (repeatable; any allow rule admits).")
    List<String> allowCn = new ArrayList<>();

    @Option(names = "--allow-san", paramLabel = "DNS", description = "Allow clients with this DNS subjectAltName (*.example.com allowed).")
    List<String> allowDns = new ArrayList<>();

    @Option(names = "--allow-uri", paramLabel = "URI", description = "Allow clients with this URI subjectAltName (spiffe://domain/* allowed).")
    List<String> allowUri = new ArrayList<>();

    @Option(names = "--allow-issuer", paramLabel = "DN",
            description = "Only clients whose certificate this CA issued, e.g. \"CN=R3,O=Let's Encrypt,C=US\": added (ANDed) "
                    + "to every --allow-cn, --allow-san and --allow-uri rule. Needed with a public root in --client-ca.")
    String allowIssuer;

    @Option(names = "--allow-fingerprint", paramLabel = "SHA256", description = "Allow the client certificate with this SHA-256 fingerprint.")
    List<String> allowFingerprint = new ArrayList<>();

    @Option(names = "--allow-spki", paramLabel = "PIN", description = "Allow clients whose key has this SPKI pin (base64 SHA-256).")
    List<String> allowSpki = new ArrayList<>();

    @Option(names = "--crl", paramLabel = "FILE", description = "CRL for client certificates (repeatable).")
    List<Path> crls = new ArrayList<>();

    @Option(names = "--ocsp", paramLabel = "MODE", description = "Ask the OCSP responder each client certificate names: "
            + "off (default), soft (a client whose status cannot be learned is admitted) or hard (it is refused: "
            + "REVOCATION_UNKNOWN). A revoked client is refused in both.")
    String ocsp = "off";

    @Option(names = "--crl-fetch", paramLabel = "MODE", description = "Download the CRLs client certificates name "
            + "(distribution points): off (default), soft or hard, as --ocsp. --crl files are checked in every mode.")
    String crlFetch = "off";

    @Option(names = "--session-ticket-keys", paramLabel = "FILE",
            description = "Session-ticket keys shared with the other replicas, so that a client resumes its session on "
                    + "any of them: 48 random bytes per key (openssl rand 48, nginx's format), private to the gateway's "
                    + "user (chmod 600). Repeatable: the first key encrypts new tickets, all decrypt; watched like the "
                    + "certificates. BoringSSL only.")
    List<Path> sessionTicketKeys = new ArrayList<>();

    @Option(names = "--tls-provider", paramLabel = "ENGINE", description = "openssl (BoringSSL, default) or jdk.")
    String provider = "openssl";

    @Option(names = "--tls-min", paramLabel = "VERSION", description = "Lowest TLS version: 1.2 (default) or 1.3.")
    String tlsMin = "1.2";

    @Option(names = "--identity-header", paramLabel = "FORMAT", description = "xfcc (Envoy's X-Forwarded-Client-Cert, default) or rfc9440 (Client-Cert).")
    String identityHeader = "xfcc";

    @Option(names = "--accept-missing-client-auth-eku",
            description = "Accept client certificates without the clientAuth EKU that are server certificates "
                    + "(public CAs issue serverAuth only since 2026). Logged at start.")
    boolean acceptMissingClientAuthEku;

    @Option(names = "--accept-v1-client-certs",
            description = "Accept X.509 version 1 client certificates (openssl x509 -req without -extfile makes them) "
                    + "from the private CA in --client-ca; a v1 intermediate is still refused. Logged at start.")
    boolean acceptV1ClientCerts;

    @Option(names = "--dev-dir", paramLabel = "DIR", description = "Where the zero-config dev PKI lives (default: mtls-dev).")
    Path devDirectory = Path.of("mtls-dev");

    @Option(names = "--access-log", paramLabel = "DEST",
            description = "Where the JSON-lines access log goes: - (standard output, default), a file, or off.")
    String accessLog = "-";

    @Mixin
    LogFormatOption logFormat;

    @Option(names = "--admin", paramLabel = "HOST:PORT|off",
            description = "The admin listener (health, Prometheus metrics): plain HTTP on a loopback address. Default: "
                    + "localhost:9901 with the dev PKI, off otherwise; with --config, admin: in the file.")
    String admin;

    @Option(names = "--drain-delay", paramLabel = "DURATION", description = "On SIGTERM, how long /readyz answers 503 "
            + "while connections are still accepted, so that load balancers stop sending (e.g. 5s, 500ms, 0 to skip). "
            + "Default: 5s; with --config, drain_delay: in the file.")
    String drainDelay;

    @Option(names = "--threads", paramLabel = "N", description = "Event loop threads (default: one per core).")
    int threads;

    @Option(names = "--transport", paramLabel = "NAME", description = "Network transport of the event loops: auto "
            + "(io_uring where the kernel allows it, else epoll), io_uring, epoll or nio. Default: auto.")
    String transport = "auto";

    /** Set by the first SIGTERM; a second one skips what is left of the drain delay. */
    private final java.util.concurrent.atomic.AtomicBoolean draining = new java.util.concurrent.atomic.AtomicBoolean();
    private final CountDownLatch hurry = new CountDownLatch(1);

    private final Object reloading = new Object();
    /** The dev PKI's directory was made by this start: a start that fails leaves nothing behind. */
    private boolean devDirectoryIsNew;
    /** Released when the gateway has stopped; tests stop it with {@link #stop()}. */
    private final CountDownLatch stopped = new CountDownLatch(1);
    private volatile Gateway running;
    /** Released once the gateway listens and the banner is printed. */
    final CountDownLatch started = new CountDownLatch(1);

    /** Stops a running gateway gracefully (the shutdown hook does the same on SIGTERM/SIGINT). */
    void stop() {
        Gateway gateway = running;
        if (gateway != null) {
            running = null;
            gateway.close();
            stopped.countDown();
        }
    }

    @Override
    public Integer call() throws Exception {
        Runnable restoreConsole = ConsoleLog.configure(logFormat.format);
        try {
            return serve();
        } finally {
            restoreConsole.run();
        }
    }

    private int serve() throws Exception {
        DevPki dev = null;
        GatewayConfig config;
        if (configFile != null) {
            config = loadConfig();
        } else {
            adminConfig(certificate == null); // a bad --admin is refused before a dev PKI is made
            if (certificate == null) {
            if (key != null || !clientCas.isEmpty()) {
                throw new UserInputException("--key and --client-ca need --cert too (or give none of them for the dev PKI)");
            }
            devDirectoryIsNew = !java.nio.file.Files.exists(devDirectory);
            dev = DevPki.ensure(devDirectory);
            }
            config = config(dev);
        }
        Transport network;
        try {
            network = Transport.choose(transport);
        } catch (IllegalArgumentException e) {
            throw new UserInputException("--transport: " + e.getMessage());
        }
        Runnable restoreAccessLog = AccessLogSetup.configure(config.accessLog());
        Gateway gateway;
        try {
            gateway = Gateway.start(config, threads, network); // logs the configuration's warnings
        } catch (ConfigException e) {
            restoreAccessLog.run();
            throw new UserInputException(e.getMessage() + "\nthe gateway did not start: fix the configuration and try again");
        } catch (ListenerBindException e) {
            restoreAccessLog.run();
            removeNewDevPki(dev);
            throw new CannotStartException("the gateway did not start: " + e.getMessage());
        } catch (dev.mtlskit.gateway.tls.TlsEngineUnavailableException e) {
            restoreAccessLog.run();
            removeNewDevPki(dev);
            throw new CannotStartException("the gateway did not start: " + e.getMessage());
        } catch (javax.net.ssl.SSLException e) {
            restoreAccessLog.run();
            removeNewDevPki(dev);
            throw new CannotStartException("the gateway did not start: the TLS engine refused the certificates ("
                    + Printable.of(String.valueOf(e.getMessage())) + "): check them with mtls verify, or try --tls-provider jdk");
        } catch (RuntimeException | InterruptedException e) {
            restoreAccessLog.run();
            throw e;
        }
        running = gateway;
        listenForReloadSignal();
        listenForStopSignal();
        Thread hook = new Thread(() -> {
            LOG.info("shutting down: finishing requests in flight");
            stop();
            restoreAccessLog.run(); // the JVM halts when its hooks end: the last requests' lines are written first
        }, "mtls-shutdown");
        Runtime.getRuntime().addShutdownHook(hook);
        banner(gateway, config, dev);
        started.countDown();
        stopped.await();
        try {
            Runtime.getRuntime().removeShutdownHook(hook);
        } catch (IllegalStateException shuttingDown) {
            // the hook is what stopped us
        }
        restoreAccessLog.run();
        return ExitCodes.OK;
    }

    /**
     * What a person needs once the gateway listens, on standard error with the rest of the log
     * (standard output is the access log's): each listener's URL and, for the dev PKI, a command
     * that calls it. In JSON the URL and the command are fields too.
     */
    private void banner(Gateway gateway, GatewayConfig config, DevPki dev) {
        LOG.atInfo().addKeyValue("event", "event_loops").addKeyValue("threads", gateway.eventLoops())
                .addKeyValue("transport", gateway.transport().label())
                .log("{} event loop thread(s) on {}", gateway.eventLoops(), gateway.transport().label());
        for (ListenerConfig listener : config.listeners()) {
            String host = listener.address().getHostString();
            String url = "https://" + (host.contains(":") ? "[" + host + "]" : host) + ":"
                    + gateway.addresses(listener.name()).get(0).getPort();
            String clientAuth = ((ListenerKind.MutualTls) listener.kind()).tls().clientAuth().name()
                    .toLowerCase(java.util.Locale.ROOT); // serve makes mTLS listeners only
            LOG.atInfo().addKeyValue("event", "listening").addKeyValue("listener", listener.name())
                    .addKeyValue("url", url).addKeyValue("client_auth", clientAuth)
                    .log("mtls gateway listener {} on {} (client certificates: {})", listener.name(), url, clientAuth);
        }
        if (config.admin() != null) {
            InetSocketAddress bound = gateway.addresses(AdminConfig.NAME).get(0);
            String host = config.admin().listen().getHostString();
            String url = (config.admin().tls() == null ? "http://" : "https://") + (host.contains(":") ? "[" + host + "]" : host)
                    + ":" + bound.getPort();
            LOG.atInfo().addKeyValue("event", "listening").addKeyValue("listener", AdminConfig.NAME).addKeyValue("url", url)
                    .log("admin listener on {} (health {}/healthz and {}/readyz, Prometheus metrics {}/metrics)", url, url,
                            url, url);
        }
        if (dev == null && configFile == null && !spec.commandLine().getParseResult().hasMatchedOption("--upstream")) {
            // With real certificates the operator means to protect an API: say where requests go.
            LOG.info("No --upstream: the built-in echo answers every request with what it received; forward "
                    + "requests to your API with --upstream http://HOST:PORT");
        }
        if (dev != null) {
            Path client = dev.client().certificate();
            String curl = "curl -v https://localhost:" + gateway.port() + "/esim-messaging/3/ES4/ES4SmSrService --cert "
                    + client + " --key " + dev.client().key() + " --cacert " + dev.caCertificate() + " --data 'test'";
            LOG.atInfo().addKeyValue("event", "dev_pki").addKeyValue("directory", dev.directory().toString())
                    .addKeyValue("try", curl)
                    .log("Dev PKI in {}/ (CA {}); try: {}", dev.directory(), dev.caCertificate(), curl);
        }
    }

    /**
     * SIGTERM is how orchestrators and service managers stop a gateway behind a load balancer: it
     * says not ready at once (/readyz 503), keeps accepting and serving for the drain delay so that
     * the balancer notices and stops sending, then stops accepting, lets the requests in flight
     * finish (shutdown_grace) and exits 0. A second SIGTERM skips what is left of the delay.
     * Ctrl-C (SIGINT) stops at once, through the shutdown hook.
     */
    private void listenForStopSignal() {
        try {
            sun.misc.Signal.handle(new sun.misc.Signal("TERM"), signal -> drainThenStop());
        } catch (IllegalArgumentException noSuchSignal) {
            LOG.debug("SIGTERM cannot be handled here: {}", noSuchSignal.getMessage());
        }
    }

    private void drainThenStop() {
        if (!draining.compareAndSet(false, true)) {
            LOG.info("SIGTERM again: stopping without waiting for the rest of the drain delay");
            hurry.countDown();
            return;
        }
        Thread drain = new Thread(() -> {
            Gateway gateway = running;
            if (gateway == null) {
                return;
            }
            java.time.Duration delay = gateway.drainDelay();
            gateway.stopBeingReady();
            if (!delay.isZero()) {
                LOG.atInfo().addKeyValue("event", "draining").log("stopping (SIGTERM): /readyz answers 503 from now on; "
                        + "new connections are still accepted for {} (drain_delay) so that load balancers stop sending",
                        delay.toMillis() % 1000 == 0 ? delay.toSeconds() + "s" : delay.toMillis() + "ms");
                try {
                    hurry.await(delay.toMillis(), TimeUnit.MILLISECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
            LOG.info("shutting down: finishing requests in flight");
            stop();
        }, "mtls-drain");
        drain.start();
    }

    /**
     * SIGHUP reloads (as nginx and HAProxy do) instead of stopping the JVM: the configuration file
     * if there is one, then every TLS file.
     */
    private void listenForReloadSignal() {
        try {
            sun.misc.SignalHandler before = sun.misc.Signal.handle(new sun.misc.Signal("HUP"), signal -> reload());
            if (before == sun.misc.SignalHandler.SIG_IGN) {
                // A JVM started with SIGHUP ignored (nohup, some supervisors) keeps it ignored: ours is not installed.
                LOG.atWarn().addKeyValue("event", "sighup_ignored").log(sighupIgnored(configFile));
            }
        } catch (IllegalArgumentException noSuchSignal) {
            // Windows has no SIGHUP; the files are still watched.
            LOG.debug("SIGHUP cannot be handled here: {}", noSuchSignal.getMessage());
        }
    }

    /** The warning of a gateway whose SIGHUP was ignored from its start: reloads by signal cannot work. */
    static String sighupIgnored(Path configFile) {
        return "SIGHUP is ignored in this process (started with nohup?), so kill -HUP cannot reload "
                + (configFile == null ? "it" : configFile)
                + "; TLS files are still read again when they change. To reload with SIGHUP, start the gateway "
                + "without nohup (as a service: docs/operations.md#running-as-a-service)";
    }

    /**
     * What SIGHUP does: reads the configuration file again and, if it is valid, puts it in force
     * (otherwise the configuration in force stays and every problem is logged as at start); then
     * reads every TLS file again. One reload at a time.
     */
    void reload() {
        synchronized (reloading) {
            Gateway gateway = running;
            if (gateway == null) {
                return;
            }
            if (configFile == null) {
                LOG.info("SIGHUP: reading the TLS files again");
            } else {
                LOG.info("SIGHUP: reading {} and the TLS files again", configFile);
                reloadConfig(gateway);
            }
            gateway.reloadTls();
        }
    }

    private void reloadConfig(Gateway gateway) {
        String kept = "the configuration in force stays: fix " + configFile + " and send SIGHUP again";
        GatewayConfig next = null;
        try {
            next = GatewayConfigLoader.load(configFile);
            if (!java.util.Objects.equals(next.accessLog(), gateway.config().accessLog())) {
                LOG.warn("{}: access_log changed: it takes effect at the next start; the access log still goes to {}",
                        configFile, gateway.config().accessLog() == null ? "nowhere (off)" : gateway.config().accessLog());
            }
            gateway.reload(next);
        } catch (ConfigException e) {
            if (next == null) { // the file itself is broken: the gateway never saw it (it counts its own refusals)
                gateway.metrics().reload("configuration " + configFile, false, ReloadFailure.CONFIGURATION_INVALID + ": "
                        + String.join("; ", e.errors()));
            }
            for (String error : e.errors()) {
                LOG.error("reload failed: {}", error);
            }
            LOG.error("reload failed: {}: {}", ReloadFailure.CONFIGURATION_INVALID, kept);
        } catch (MaterialException e) {
            LOG.error("reload failed: {}: {}; {}", failure(next, e.file()), Printable.of(e.getMessage()), kept);
        } catch (ListenerBindException e) {
            LOG.error("reload failed: {}: {}; {}", ReloadFailure.LISTENER_NOT_BOUND, e.getMessage(), kept);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (Exception e) { // e.g. the TLS engine refusing a context
            LOG.error("reload failed: {}: {}; {}", ReloadFailure.TLS_ENGINE_REFUSED,
                    Printable.of(String.valueOf(e.getMessage())), kept);
            LOG.debug("reload failure", e);
        }
    }

    /** Whether the unusable file is one of the new configuration's CA bundles or CRLs, or a certificate file. */
    private static ReloadFailure failure(GatewayConfig next, Path file) {
        if (next != null && file != null) {
            for (ListenerConfig listener : next.listeners()) {
                if (listener.kind() instanceof ListenerKind.MutualTls mutualTls
                        && (mutualTls.tls().clientCaFiles().contains(file) || mutualTls.tls().crlFiles().contains(file))) {
                    return ReloadFailure.TRUST_FILES_UNUSABLE;
                }
            }
            for (UpstreamConfig upstream : next.upstreams().values()) {
                if (upstream.caFiles().contains(file)) {
                    return ReloadFailure.TRUST_FILES_UNUSABLE;
                }
            }
        }
        return ReloadFailure.CERTIFICATE_FILES_UNUSABLE;
    }

    /** A dev PKI made by a start that then failed is removed again: a failed start leaves nothing behind. */
    private void removeNewDevPki(DevPki dev) {
        if (dev == null || !devDirectoryIsNew) {
            return;
        }
        try (java.util.stream.Stream<Path> files = java.nio.file.Files.walk(dev.directory())) {
            for (Path file : files.sorted(java.util.Comparator.reverseOrder()).toList()) {
                java.nio.file.Files.deleteIfExists(file);
            }
        } catch (java.io.IOException e) {
            LOG.debug("could not remove the dev PKI made for the failed start: {}", e.getMessage());
        }
    }

    private GatewayConfig loadConfig() {
        List<String> flags = new ArrayList<>();
        if (certificate != null || key != null || !clientCas.isEmpty() || !allowCn.isEmpty() || !allowDns.isEmpty()
                || !allowUri.isEmpty() || allowIssuer != null || !allowFingerprint.isEmpty() || !allowSpki.isEmpty()
                || !crls.isEmpty()) {
            flags.add("--cert/--key/--client-ca/--allow-*/--crl");
        }
        for (String option : List.of("--listen", "--upstream", "--client-auth", "--tls-provider", "--tls-min",
                "--identity-header", "--accept-missing-client-auth-eku", "--accept-v1-client-certs", "--dev-dir",
                "--admin", "--ocsp", "--crl-fetch", "--drain-delay", "--session-ticket-keys")) {
            if (spec.commandLine().getParseResult().hasMatchedOption(option)) {
                flags.add(option);
            }
        }
        if (!flags.isEmpty()) {
            throw new UserInputException("--config replaces the one-listener flags (" + String.join(", ", flags)
                    + "): put those settings in " + configFile);
        }
        try {
            return GatewayConfigLoader.load(configFile);
        } catch (ConfigException e) {
            throw new UserInputException(e.getMessage() + "\nthe gateway did not start: fix the configuration and try again");
        }
    }

    private GatewayConfig config(DevPki dev) {
        KeySource serverKey;
        List<Path> cas;
        if (dev != null) {
            serverKey = KeySource.pem(dev.server().chain(), dev.server().key(), PasswordSource.none());
            cas = List.of(dev.caCertificate());
        } else {
            serverKey = key == null ? KeySource.keyStore(certificate, keyPassword.passwordSource())
                    : KeySource.pem(certificate, key, keyPassword.passwordSource());
            if (clientCas.isEmpty()) {
                throw new UserInputException("--client-ca is missing: give the CA bundle that issued your clients' "
                        + "certificates (mutual TLS needs to know whom to trust)");
            }
            cas = clientCas;
        }
        ClientAuthMode mode = switch (clientAuth) {
            case "require" -> ClientAuthMode.REQUIRE;
            case "optional" -> ClientAuthMode.OPTIONAL;
            case "explain" -> ClientAuthMode.EXPLAIN;
            default -> throw new UserInputException("--client-auth " + clientAuth + ": expected require, optional or explain");
        };
        List<String> protocols = switch (tlsMin) {
            case "1.2" -> TlsConfig.DEFAULT_PROTOCOLS;
            case "1.3" -> List.of("TLSv1.3");
            default -> throw new UserInputException("--tls-min " + tlsMin + ": expected 1.2 or 1.3");
        };
        TlsProvider engine = switch (provider) {
            case "openssl", "boringssl" -> TlsProvider.OPENSSL;
            case "jdk" -> TlsProvider.JDK;
            default -> throw new UserInputException("--tls-provider " + provider + ": expected openssl or jdk");
        };
        if (engine == TlsProvider.JDK && !sessionTicketKeys.isEmpty()) {
            throw new UserInputException("--session-ticket-keys with --tls-provider jdk: " + TlsConfig.JDK_TICKET_KEYS
                    + "; drop one of the two");
        }
        sessionTicketKeys.forEach(SessionTicketKey::load); // a bad key file is named before anything starts
        IdentityHeaderConfig identity = switch (identityHeader) {
            case "xfcc" -> IdentityHeaderConfig.defaults();
            case "rfc9440" -> new IdentityHeaderConfig(IdentityHeaderConfig.Format.RFC9440, false, true);
            default -> throw new UserInputException("--identity-header " + identityHeader + ": expected xfcc or rfc9440");
        };
        URI upstreamUri = upstreamUri();
        UpstreamConfig upstreamConfig;
        try {
            upstreamConfig = new UpstreamConfig("upstream", upstreamUri, null, List.of(), UpstreamConfig.DEFAULT_MAX_CONNECTIONS);
        } catch (IllegalArgumentException e) {
            throw new UserInputException("--upstream " + upstream + ": " + e.getMessage());
        }
        RevocationConfig revocation = new RevocationConfig(revocationMode("--ocsp", ocsp),
                revocationMode("--crl-fetch", crlFetch), OnlineRevocation.DEFAULT_TIMEOUT, OnlineRevocation.DEFAULT_REFRESH);
        TlsConfig tls = new TlsConfig(serverKey, cas, mode, protocols, List.of(), TlsConfig.DEFAULT_ALPN, engine, crls,
                acceptMissingClientAuthEku, acceptV1ClientCerts, revocation, sessionTicketKeys);
        Route route = new Route("/", Set.of(), "upstream", allowRules(), false);
        ListenerConfig listener = new ListenerConfig("default", address(listen), tls, new Policy(List.of(route)),
                identity, Limits.defaults(), Timeouts.defaults());
        checkPublicRoots(listener);
        return new GatewayConfig(List.of(listener), Map.of("upstream", upstreamConfig),
                "off".equals(accessLog) ? null : accessLog.equals("-") ? "-" : Path.of(accessLog).toAbsolutePath().toString(), null,
                adminConfig(dev != null), drainDelay == null ? GatewayConfig.DEFAULT_DRAIN_DELAY : duration("--drain-delay", drainDelay));
    }

    /** {@code 5s}, {@code 500ms}, {@code 2m}, {@code 0}: as the YAML's durations, zero allowed. */
    static java.time.Duration duration(String option, String value) {
        String text = value.trim();
        java.time.Duration duration = text.matches("0+") ? java.time.Duration.ZERO : DurationText.parse(text);
        if (duration == null) {
            throw new UserInputException(option + " " + value + ": expected a duration such as 5s, 500ms or 2m (0 to skip)");
        }
        return duration;
    }

    static RevocationMode revocationMode(String option, String value) {
        RevocationMode mode = RevocationMode.parse(value);
        if (mode == null) {
            throw new UserInputException(option + " " + value + ": expected off, soft or hard");
        }
        return mode;
    }

    private URI upstreamUri() {
        if (upstream.equals("echo") || upstream.equals("echo:")) {
            return UpstreamConfig.ECHO;
        }
        try {
            URI uri = new URI(upstream);
            if (("http".equals(uri.getScheme()) || "https".equals(uri.getScheme())) && uri.getHost() != null) {
                return uri;
            }
        } catch (java.net.URISyntaxException e) {
            // falls through to the message
        }
        throw new UserInputException("--upstream " + upstream + ": expected http://host:port, https://host:port or echo");
    }

    /**
     * One rule per --allow-* value; --allow-issuer is added to each name rule (cn, san, uri), so
     * that "this name, from this CA" is one rule. Pins single out a certificate already.
     */
    private List<AllowRule> allowRules() {
        if (allowIssuer != null && allowCn.isEmpty() && allowDns.isEmpty() && allowUri.isEmpty()) {
            throw new UserInputException("--allow-issuer is added to each --allow-cn, --allow-san and --allow-uri rule, "
                    + "and none was given: add the names of the clients, e.g. --allow-san partner.example");
        }
        List<AllowRule> rules = new ArrayList<>();
        try {
            allowCn.forEach(value -> rules.add(named().commonName(value).build()));
            allowDns.forEach(value -> rules.add(named().dnsName(value).build()));
            allowUri.forEach(value -> rules.add(named().uri(value).build()));
            allowFingerprint.forEach(value -> rules.add(AllowRule.builder().sha256Fingerprint(value).build()));
            allowSpki.forEach(value -> rules.add(AllowRule.builder().spkiPin(value).build()));
        } catch (IllegalArgumentException e) {
            throw new UserInputException(e.getMessage());
        }
        return rules;
    }

    /** A rule for a name given with --allow-cn/-san/-uri: with the --allow-issuer, when there is one. */
    private AllowRule.Builder named() {
        return allowIssuer == null ? AllowRule.builder() : AllowRule.builder().issuer(allowIssuer);
    }

    /**
     * The flags' version of the configuration file's rule ({@link PublicRootRules}): a public root
     * in --client-ca needs rules that single out each partner; the fix is said in flags.
     */
    private static void checkPublicRoots(ListenerConfig listener) {
        List<String> problems = new ArrayList<>();
        for (PublicRoots.Exposure exposure : PublicRootRules.exposures(listener)) {
            problems.add("--client-ca: " + exposure.problem() + ": " + switch (exposure.gap()) {
                case NO_ALLOW_RULE -> "name each partner by its DNS name and the CA that issued its certificate, "
                        + "e.g. " + EXAMPLE_FLAGS + ", or pin its certificate with --allow-fingerprint or --allow-spki";
                case NO_ISSUER -> "add --allow-issuer with the DN of the CA that issued the partner's certificate "
                        + "(mtls inspect shows it; it is added to every --allow-cn/--allow-san/--allow-uri rule), e.g. "
                        + EXAMPLE_FLAGS + ", or pin the certificate with --allow-fingerprint or --allow-spki";
                case NO_PARTNER_NAME -> "a subject CN is not what a public CA vouches for: name the partner with "
                        + "--allow-san (or --allow-uri) and --allow-issuer, e.g. " + EXAMPLE_FLAGS + ", or pin its "
                        + "certificate with --allow-fingerprint or --allow-spki";
            });
        }
        if (!problems.isEmpty()) {
            throw new UserInputException(String.join("\n", problems) + "\nthe gateway did not start");
        }
    }

    /** {@code --admin}: on by default with the dev PKI, where a first-time user looks around. */
    AdminConfig adminConfig(boolean zeroConfig) {
        String wanted = admin != null ? admin : zeroConfig ? "localhost:" + AdminConfig.DEFAULT_PORT : "off";
        if (wanted.equals("off")) {
            return null;
        }
        try {
            return AdminConfig.loopback(address("--admin", wanted));
        } catch (IllegalArgumentException e) {
            throw new UserInputException("--admin " + wanted + ": not a loopback address: other hosts could read the "
                    + "gateway's status; use 127.0.0.1:PORT (or localhost:PORT), or --config with admin.tls and admin.allow");
        }
    }

    static InetSocketAddress address(String hostPort) {
        return address("--listen", hostPort);
    }

    static InetSocketAddress address(String option, String hostPort) {
        int colon = hostPort.lastIndexOf(':');
        if (colon < 0) {
            throw new UserInputException(option + " " + hostPort + ": expected HOST:PORT, e.g. 0.0.0.0:8443 or localhost:8443");
        }
        String host = hostPort.substring(0, colon);
        if (host.startsWith("[") && host.endsWith("]")) {
            host = host.substring(1, host.length() - 1);
        }
        int port;
        try {
            port = Integer.parseInt(hostPort.substring(colon + 1));
        } catch (NumberFormatException e) {
            throw new UserInputException(option + " " + hostPort + ": the port is not a number");
        }
        if (port < 0 || port > 65535) {
            throw new UserInputException(option + " " + hostPort + ": the port must be between 0 and 65535");
        }
        return "localhost".equalsIgnoreCase(host) ? InetSocketAddress.createUnresolved("localhost", port)
                : new InetSocketAddress(host.isEmpty() ? "0.0.0.0" : host, port);
    }

}
