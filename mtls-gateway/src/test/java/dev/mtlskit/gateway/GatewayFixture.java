package dev.mtlskit.gateway;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;

import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.params.provider.Arguments;

import dev.mtlskit.gateway.config.ClientAuthMode;
import dev.mtlskit.gateway.config.GatewayConfig;
import dev.mtlskit.gateway.config.IdentityHeaderConfig;
import dev.mtlskit.gateway.config.KeySource;
import dev.mtlskit.gateway.config.Limits;
import dev.mtlskit.gateway.config.ListenerConfig;
import dev.mtlskit.gateway.config.Timeouts;
import dev.mtlskit.gateway.config.TlsConfig;
import dev.mtlskit.gateway.config.TlsProvider;
import dev.mtlskit.gateway.config.TrustedProxies;
import dev.mtlskit.gateway.config.UpstreamConfig;
import dev.mtlskit.material.PasswordSource;
import dev.mtlskit.policy.Policy;
import dev.mtlskit.policy.Route;

/**
 * The tests' PKI and gateways. Register it as a static extension:
 *
 * <pre>{@code
 * @RegisterExtension
 * static final GatewayFixture fixture = new GatewayFixture();
 * ...
 * RunningGateway gateway = fixture.gateway(TlsProvider.OPENSSL).clientAuth(ClientAuthMode.EXPLAIN).start();
 * }</pre>
 *
 * <p>The PKI is made once per test class in a fresh temporary directory (deleted after the
 * class). Gateways listen on 127.0.0.1, port 0, under a listener name unique to them (so that a
 * test finds its own log lines), and are closed after each test, with the upstreams the test
 * started.
 */
public final class GatewayFixture implements BeforeAllCallback, AfterEachCallback, AfterAllCallback {

    static final String ECHO = "echo";
    /** For {@code @MethodSource}: {@link #engineAndProtocol()}. */
    static final String ENGINE_AND_PROTOCOL = "dev.mtlskit.gateway.GatewayFixture#engineAndProtocol";

    private Path directory;
    private GatewayPki pki;
    private final Deque<AutoCloseable> afterEach = new ArrayDeque<>();

    @Override
    public void beforeAll(ExtensionContext context) throws IOException {
        directory = Files.createTempDirectory("mtls-gateway-test-");
        pki = new GatewayPki(Files.createDirectory(directory.resolve("pki")));
    }

    @Override
    public void afterEach(ExtensionContext context) throws Exception {
        Exception first = null;
        synchronized (afterEach) {
            while (!afterEach.isEmpty()) {
                try {
                    afterEach.pop().close();
                } catch (Exception e) {
                    if (first == null) {
                        first = e;
                    } else {
                        first.addSuppressed(e);
                    }
                }
            }
        }
        if (first != null) {
            throw first;
        }
    }

    @Override
    public void afterAll(ExtensionContext context) throws IOException {
        if (directory != null) {
            try (Stream<Path> files = Files.walk(directory)) {
                for (Path file : files.sorted(Comparator.reverseOrder()).toList()) {
                    Files.deleteIfExists(file);
                }
            }
        }
    }

    public GatewayPki pki() {
        return pki;
    }

    /** A directory for this class's scratch files (request bodies, downloads, process output). */
    Path scratch() throws IOException {
        Path scratch = directory.resolve("scratch");
        Files.createDirectories(scratch);
        return scratch;
    }

    /** Closes {@code resource} after the current test. */
    public <T extends AutoCloseable> T closeAfterTest(T resource) {
        synchronized (afterEach) {
            afterEach.push(resource);
        }
        return resource;
    }

    /** A recording upstream, stopped after the test. */
    public TestUpstream upstream() throws IOException {
        return closeAfterTest(new TestUpstream());
    }

    /** A gateway to configure and start; by default require mode, one route "/" to the built-in echo. */
    public Builder gateway(TlsProvider provider) {
        return new Builder(provider);
    }

    /** curl, or the test is skipped when it is not installed: for the tests about curl itself. */
    Curl curl() {
        return new Curl();
    }

    /**
     * curl calling {@code path} on the gateway as {@code client} ({@code null}: without a
     * certificate), trusting the test CA, with the name localhost resolved to 127.0.0.1 so that it
     * matches the server certificate; verbose (-v) and with the status on the last line of stdout.
     */
    Curl curl(RunningGateway gateway, GatewayPki.Client client, String path) {
        Curl curl = curl().args("-v", "-sS",
                "--resolve", "localhost:" + gateway.port() + ":127.0.0.1",
                "--cacert", pki.caCertificate.toString(),
                "-w", "\n%{http_code}");
        if (client != null) {
            curl.args("--cert", client.certificate().toString(), "--key", client.key().toString());
        }
        return curl.args(gateway.url(path));
    }

    /**
     * {@code mtls call}'s own client calling {@code path} on the gateway as {@code client}
     * ({@code null}: without a certificate), trusting the test CA, localhost resolved to 127.0.0.1.
     */
    HttpsCall call(RunningGateway gateway, GatewayPki.Client client, String path) {
        HttpsCall call = new HttpsCall(URI.create(gateway.url(path)), pki.caCertificate);
        return client == null ? call : call.as(client.certificate(), client.key());
    }

    /** Each TLS engine with each HTTP version, as the curl flag that asks for it (--http2, --http1.1). */
    static Stream<Arguments> engineAndProtocol() {
        return Stream.of(TlsProvider.values()).flatMap(provider -> Stream.of(
                Arguments.of(provider, "--http2"), Arguments.of(provider, "--http1.1")));
    }

    /** A started gateway, with the name of its listener (in every log line it writes) and its port. */
    public record RunningGateway(Gateway gateway, String listener) {

        public int port() {
            return gateway.addresses(listener).get(0).getPort();
        }

        public String url(String path) {
            return "https://localhost:" + port() + path;
        }

        /** What the gateway's log lines about this listener contain: {@code [NAME]}. */
        public String logMarker() {
            return "[" + listener + "]";
        }
    }

    /** A gateway's configuration, as ServeCommand would build it from flags, with test-friendly timeouts. */
    public final class Builder {
        private final TlsProvider provider;
        private ClientAuthMode clientAuth = ClientAuthMode.REQUIRE;
        private final List<Route> routes = new ArrayList<>();
        private final Map<String, URI> upstreams = new LinkedHashMap<>();
        private final Map<String, UpstreamConfig> configuredUpstreams = new LinkedHashMap<>();
        private Path secondListenerCas;
        private IdentityHeaderConfig identityHeaders = IdentityHeaderConfig.defaults();
        private TrustedProxies trustedProxies = TrustedProxies.none();
        private Limits limits = Limits.defaults();
        private Duration requestTimeout = Duration.ofSeconds(30);
        private Duration shutdownGrace = Duration.ofMillis(100);
        private UnaryOperator<Timeouts> timeoutChanges = UnaryOperator.identity();
        private List<String> protocols = TlsConfig.DEFAULT_PROTOCOLS;
        private Path serverCertificate;
        private KeySource serverKey;
        private List<Path> clientCas;
        private boolean acceptMissingClientAuthEku;
        private dev.mtlskit.gateway.config.AdminConfig admin;
        private boolean acceptV1ClientCerts;
        private List<Path> sessionTicketKeys = List.of();
        private boolean pollFiles = true;

        private Builder(TlsProvider provider) {
            this.provider = provider;
            upstreams.put(ECHO, UpstreamConfig.ECHO);
        }

        public Builder clientAuth(ClientAuthMode mode) {
            this.clientAuth = mode;
            return this;
        }

        /** Adds a route; without any, "/" goes to the echo for every verified client. */
        public Builder route(Route route) {
            routes.add(route);
            return this;
        }

        /** An upstream with everything set (e.g. https with the gateway's client certificate). */
        Builder upstream(UpstreamConfig config) {
            configuredUpstreams.put(config.name(), config);
            return this;
        }

        public Builder upstream(String name, URI uri) {
            upstreams.put(name, uri);
            return this;
        }

        Builder trustedProxies(String... ranges) {
            this.trustedProxies = TrustedProxies.of(List.of(ranges));
            return this;
        }

        Builder identityHeaders(IdentityHeaderConfig config) {
            this.identityHeaders = config;
            return this;
        }

        public Builder limits(Limits limits) {
            this.limits = limits;
            return this;
        }

        /** Changes the test-friendly timeouts, e.g. {@code t -> t.withSlowClients(...)}. */
        public Builder timeouts(UnaryOperator<Timeouts> changes) {
            this.timeoutChanges = changes;
            return this;
        }

        Builder shutdownGrace(Duration grace) {
            this.shutdownGrace = grace;
            return this;
        }

        public Builder requestTimeout(Duration timeout) {
            this.requestTimeout = timeout;
            return this;
        }

        /** A second listener, named LISTENER-b, on the same gateway, trusting only {@code clientCas}. */
        Builder secondListenerTrusting(Path clientCas) {
            this.secondListenerCas = clientCas;
            return this;
        }

        Builder protocols(List<String> protocols) {
            this.protocols = List.copyOf(protocols);
            return this;
        }

        /** The server's certificate file (for the PKI's server key), e.g. one that also holds the root. */
        Builder serverCertificate(Path file) {
            this.serverCertificate = file;
            return this;
        }

        /** The server certificate and key; by default the test PKI's certificate for localhost. */
        Builder serverKey(KeySource serverKey) {
            this.serverKey = serverKey;
            return this;
        }

        /** The client CA bundles; by default the test PKI's root. */
        Builder clientCas(Path... bundles) {
            this.clientCas = List.of(bundles);
            return this;
        }

        /** With an admin listener. */
        Builder admin(dev.mtlskit.gateway.config.AdminConfig admin) {
            this.admin = admin;
            return this;
        }

        /** {@code accept_missing_client_auth_eku} on the (first) listener. */
        Builder acceptMissingClientAuthEku() {
            this.acceptMissingClientAuthEku = true;
            return this;
        }

        /** {@code accept_v1_client_certs} on the (first) listener. */
        Builder acceptV1ClientCerts() {
            this.acceptV1ClientCerts = true;
            return this;
        }

        /** {@code session_ticket_keys} on the (first) listener. */
        Builder sessionTicketKeys(Path... files) {
            this.sessionTicketKeys = List.of(files);
            return this;
        }

        /** The TLS files are read again only on {@code reloadTls()}, never by a poll: a test says when. */
        Builder reloadOnlyWhenAsked() {
            this.pollFiles = false;
            return this;
        }

        public RunningGateway start() throws Exception {
            String listener = "gw-" + UUID.randomUUID().toString().substring(0, 8);
            Path certificate = serverCertificate != null ? serverCertificate : pki.serverCertificate;
            TlsConfig tls = new TlsConfig(serverKey != null ? serverKey
                    : KeySource.pem(certificate, pki.serverKey, PasswordSource.none()),
                    clientCas != null ? clientCas : List.of(pki.caCertificate), clientAuth, protocols, List.of(),
                    TlsConfig.DEFAULT_ALPN, provider, List.of(), acceptMissingClientAuthEku, acceptV1ClientCerts,
                    dev.mtlskit.gateway.config.RevocationConfig.OFF, sessionTicketKeys);
            List<Route> policyRoutes = routes.isEmpty() ? List.of(Route.of("/", ECHO, List.of())) : routes;
            Timeouts timeouts = new Timeouts(Duration.ofSeconds(10), Duration.ofSeconds(60), Duration.ofSeconds(5),
                    requestTimeout, shutdownGrace);
            timeouts = timeoutChanges.apply(timeouts);
            ListenerConfig listenerConfig = new ListenerConfig(listener, new InetSocketAddress("127.0.0.1", 0), tls,
                    new Policy(policyRoutes), identityHeaders, limits, timeouts, trustedProxies);
            Map<String, UpstreamConfig> upstreamConfigs = new LinkedHashMap<>();
            upstreams.forEach((name, uri) -> upstreamConfigs.put(name, new UpstreamConfig(name, uri, null, List.of(), 64)));
            upstreamConfigs.putAll(configuredUpstreams);
            List<ListenerConfig> listeners = new java.util.ArrayList<>(List.of(listenerConfig));
            if (secondListenerCas != null) {
                TlsConfig otherTls = new TlsConfig(tls.serverKey(), List.of(secondListenerCas), clientAuth, protocols, List.of(),
                        TlsConfig.DEFAULT_ALPN, provider, List.of(), false);
                listeners.add(new ListenerConfig(listener + "-b", new InetSocketAddress("127.0.0.1", 0), otherTls,
                        new Policy(policyRoutes), identityHeaders, limits, timeouts));
            }
            Gateway gateway = Gateway.start(new GatewayConfig(listeners, upstreamConfigs, null, null, admin), 2, Map.of(),
                    pollFiles ? Gateway.FILE_POLL_INTERVAL : null);
            closeAfterTest(gateway);
            return new RunningGateway(gateway, listener);
        }
    }
}
