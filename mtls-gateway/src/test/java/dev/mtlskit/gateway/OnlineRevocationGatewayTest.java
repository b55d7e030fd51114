package dev.mtlskit.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocket;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.EnumSource;

import dev.mtlskit.gateway.config.AdminConfig;
import dev.mtlskit.gateway.config.ClientAuthMode;
import dev.mtlskit.gateway.config.GatewayConfig;
import dev.mtlskit.gateway.config.IdentityHeaderConfig;
import dev.mtlskit.gateway.config.KeySource;
import dev.mtlskit.gateway.config.Limits;
import dev.mtlskit.gateway.config.ListenerConfig;
import dev.mtlskit.gateway.config.RevocationConfig;
import dev.mtlskit.gateway.config.TlsConfig;
import dev.mtlskit.gateway.config.TlsProvider;
import dev.mtlskit.gateway.config.UpstreamConfig;
import dev.mtlskit.material.PasswordSource;
import dev.mtlskit.material.PemWriter;
import dev.mtlskit.pki.HeldCertificate;
import dev.mtlskit.policy.Policy;
import dev.mtlskit.policy.Route;
import dev.mtlskit.revocation.RevocationMode;
import dev.mtlskit.testing.HttpFiles;
import dev.mtlskit.testing.OcspResponder;
import dev.mtlskit.testing.Programs;
import dev.mtlskit.testing.TestPki;

/**
 * Online revocation in the gateway (issue 13), end to end: a real OCSP responder ({@code openssl
 * ocsp}) and CRLs served over HTTP, real curl and openssl clients, both TLS engines. Good and revoked
 * clients, sources down in hard and soft mode, answers that must not count (bad signature, passed
 * nextUpdate, expired CRL), one request for many handshakes, handshakes that wait off the event loop,
 * open connections closed when a refresh revokes their client, and saved sessions of a revoked client.
 */
class OnlineRevocationGatewayTest {

    /** May sign one level of intermediate CAs. */
    private static final HeldCertificate ROOT = HeldCertificate.builder().organization(TestPki.ORGANIZATION)
            .commonName("Online Revocation Root").certificateAuthority(1).build();
    private static final HeldCertificate SERVER = TestPki.server(ROOT, "localhost");
    /** Short, so that the tests wait little: answers are used at most this long, followed clients asked again before. */
    private static final Duration REFRESH = Duration.ofSeconds(2);
    private static final Duration TIMEOUT = Duration.ofSeconds(5);

    @TempDir
    Path dir;

    /** Each gateway's listener is named uniquely: its log lines carry the name, and a new name has a log throttle of its own. */
    private final String prefix = "revoc-" + UUID.randomUUID().toString().substring(0, 8);
    private int gateways;
    private final List<AutoCloseable> closeAfter = new ArrayList<>();
    private final LogCapture rejections = LogCapture.of("mtls.rejected");
    private Path rootFile;

    /** A client certificate with its files. */
    private record Client(HeldCertificate held, Path certificate, Path key) {
        String subject() {
            return TestPki.subject(held.certificate());
        }
    }

    @AfterEach
    void close() throws Exception {
        for (AutoCloseable closeable : closeAfter) {
            closeable.close();
        }
        rejections.close();
    }

    // ---- 1. OCSP: good and revoked ----

    @ParameterizedTest
    @EnumSource(TlsProvider.class)
    void aGoodClientIsAdmittedAndARevokedOneRefusedWithTheResponderNamed(TlsProvider provider) throws Exception {
        OcspResponder responder = responder();
        Client alice = client("alice", responder.url(), null);
        Client bob = client("bob", responder.url(), null);
        responder.good(alice.held().certificate());
        responder.revoke(bob.held().certificate());
        Gateway gateway = start(provider, revocation(RevocationMode.HARD, RevocationMode.OFF), false);

        assertThat(curl(gateway, alice).status()).isEqualTo(200);
        Programs.Result refused = curl(gateway, bob);
        assertRefused(provider, refused, "certificate revoked");
        String line = rejections.awaitLine(marker(gateway));
        assertThat(line).startsWith("rejected " + marker(gateway) + " 127.0.0.1:").contains(" REVOKED: The certificate CN=bob was revoked on ")
                .contains("says the OCSP responder at " + responder.url() + ".");
    }

    @ParameterizedTest
    @EnumSource(TlsProvider.class)
    void aDelegatedResponderIsBelieved(TlsProvider provider) throws Exception {
        OcspResponder responder = OcspResponder.startDelegated(ROOT, TestPki.ocspSigner(ROOT), dir.resolve("ocsp"));
        closeAfter.add(0, responder);
        Client alice = client("alice", responder.url(), null);
        Client bob = client("bob", responder.url(), null);
        responder.good(alice.held().certificate());
        responder.revoke(bob.held().certificate());
        Gateway gateway = start(provider, revocation(RevocationMode.HARD, RevocationMode.OFF), false);

        assertThat(curl(gateway, alice).status()).isEqualTo(200);
        assertRefused(provider, curl(gateway, bob), "certificate revoked");
        assertThat(rejections.awaitLine(marker(gateway))).contains(" REVOKED: The certificate CN=bob was revoked on ")
                .contains(", says the OCSP responder at " + responder.url() + ".");
    }

    @ParameterizedTest
    @EnumSource(TlsProvider.class)
    void aRevokedIntermediateRefusesItsClients(TlsProvider provider) throws Exception {
        OcspResponder responder = responder();
        HeldCertificate intermediate = HeldCertificate.builder().organization(TestPki.ORGANIZATION)
                .commonName("Online Revocation Issuing CA").certificateAuthority(0).ocspUrl(responder.url()).signedBy(ROOT).build();
        HeldCertificate erin = TestPki.client("erin", intermediate); // names no responder itself
        Path certificate = Files.writeString(dir.resolve("erin.crt"),
                PemWriter.certificates(List.of(erin.certificate(), intermediate.certificate())));
        Path key = Files.writeString(dir.resolve("erin.key"), PemWriter.privateKey(erin.keyPair().getPrivate()));
        Client client = new Client(erin, certificate, key);
        responder.good(intermediate.certificate());
        Gateway gateway = start(provider, revocation(RevocationMode.HARD, RevocationMode.OFF, Duration.ofSeconds(1)), false);
        assertThat(curl(gateway, client).status()).isEqualTo(200);

        responder.revoke(intermediate.certificate());
        Thread.sleep(1200); // the good answer is used 1 s at most
        assertRefused(provider, curl(gateway, client), "certificate revoked");
        assertThat(rejections.awaitLine(marker(gateway))).contains(" REVOKED: The certificate CN=Online Revocation Issuing CA,"
                + "O=mtls-kit tests was revoked on ").contains(", says the OCSP responder at " + responder.url() + ".")
                .contains("[offered CN=erin, issued by CN=Online Revocation Issuing CA,O=mtls-kit tests, ");
    }

    // ---- 2. Responder down ----

    @ParameterizedTest
    @EnumSource(TlsProvider.class)
    void aResponderThatIsDownRefusesInHardModeAndIsCountedInSoftMode(TlsProvider provider) throws Exception {
        OcspResponder responder = responder();
        Client alice = client("alice", responder.url(), null);
        responder.good(alice.held().certificate());
        responder.stop();

        Gateway hard = start(provider, revocation(RevocationMode.HARD, RevocationMode.OFF), false);
        assertRefused(provider, curl(hard, alice), "bad certificate");
        assertThat(rejections.awaitLine(marker(hard))).contains(" REVOCATION_UNKNOWN: The revocation status of the certificate "
                + "CN=alice could not be learned: the OCSP responder at " + responder.url() + " refused the connection. Fix: ");

        Gateway soft = start(provider, revocation(RevocationMode.SOFT, RevocationMode.OFF), true);
        assertThat(curl(soft, alice).status()).isEqualTo(200);
        assertThat(curl(soft, alice).status()).isEqualTo(200);
        // The failure is remembered (5 s): the second handshake does not ask the responder again.
        String metrics = awaitMetric(soft, "mtls_revocation_checks_total{listener=\"" + name(soft) + "\",result=\"unknown_admitted\"} 2.0");
        assertThat(metrics).contains("mtls_revocation_fetches_total{listener=\"" + name(soft) + "\",outcome=\"failed\",source=\"ocsp\"} 1.0");
    }

    // ---- 3. Answers that must not count ----

    @ParameterizedTest
    @EnumSource(TlsProvider.class)
    void anAnswerSignedByAnUnauthorizedResponderIsRefusedInHardMode(TlsProvider provider) throws Exception {
        OcspResponder responder = OcspResponder.startUnauthorized(ROOT, dir.resolve("ocsp"));
        closeAfter.add(0, responder);
        Client alice = client("alice", responder.url(), null);
        responder.good(alice.held().certificate());
        Gateway gateway = start(provider, revocation(RevocationMode.HARD, RevocationMode.OFF), false);

        assertRefused(provider, curl(gateway, alice), "bad certificate");
        assertThat(rejections.awaitLine(marker(gateway))).contains(" REVOCATION_UNKNOWN: The revocation status of the certificate "
                + "CN=alice could not be learned: the OCSP responder at " + responder.url() + " answered with a signature "
                + "that does not verify with the CA's key. Fix: ");
        assertThat(responder.requests()).isEqualTo(1);
    }

    @ParameterizedTest
    @EnumSource(TlsProvider.class)
    void anAnswerWithABrokenSignatureIsRefusedInHardMode(TlsProvider provider) throws Exception {
        OcspResponder responder = responder();
        Client alice = client("alice", responder.url(), null);
        responder.good(alice.held().certificate());
        responder.corruptSignatures(true);
        Gateway gateway = start(provider, revocation(RevocationMode.HARD, RevocationMode.OFF), false);

        assertRefused(provider, curl(gateway, alice), "bad certificate");
        assertThat(rejections.awaitLine(marker(gateway))).contains(" REVOCATION_UNKNOWN: The revocation status of the certificate "
                + "CN=alice could not be learned: the OCSP responder at " + responder.url() + " answered with a signature "
                + "that does not verify with the CA's key. Fix: ");
    }

    @ParameterizedTest
    @EnumSource(TlsProvider.class)
    void anAnswerWhoseNextUpdateHasPassedIsRefusedInHardMode(TlsProvider provider) throws Exception {
        HttpFiles files = files();
        Client alice = client("alice", files.url("/ocsp"), null);
        Instant expired = Instant.now().minus(Duration.ofHours(1)).truncatedTo(java.time.temporal.ChronoUnit.SECONDS);
        files.put("/ocsp", TestPki.ocspResponse(ROOT, ROOT, alice.held().certificate(), null,
                expired.minus(Duration.ofHours(1)), expired), "application/ocsp-response");
        Gateway gateway = start(provider, revocation(RevocationMode.HARD, RevocationMode.OFF), false);

        assertRefused(provider, curl(gateway, alice), "bad certificate");
        assertThat(rejections.awaitLine(marker(gateway))).contains(" REVOCATION_UNKNOWN: The revocation status of the certificate "
                + "CN=alice could not be learned: the OCSP responder at " + files.url("/ocsp") + " answered with a status that "
                + "expired on " + expired + " (its nextUpdate): the responder serves stale answers. Fix: ");
        assertThat(files.requests("/ocsp")).isEqualTo(1);
    }

    // ---- 4. CRL distribution points ----

    @ParameterizedTest
    @EnumSource(TlsProvider.class)
    void crlDistributionPointsAdmitTheGoodAndRefuseTheRevokedTheUnreachableAndTheExpired(TlsProvider provider)
            throws Exception {
        HttpFiles files = files();
        HttpFiles down = files();
        Client alice = client("alice", null, files.url("/good.crl"));
        Client bob = client("bob", null, files.url("/revoked.crl"));
        Client carol = client("carol", null, down.url("/root.crl"));
        Client dave = client("dave", null, files.url("/expired.crl"));
        Instant now = Instant.now();
        files.put("/good.crl", TestPki.crlDer(ROOT))
                .put("/revoked.crl", TestPki.crlDer(ROOT, bob.held().certificate().getSerialNumber()))
                .put("/expired.crl", TestPki.der(TestPki.crl(ROOT, now.minus(Duration.ofDays(2)), now.minus(Duration.ofDays(1)))));
        down.stop();
        Gateway hard = start(provider, revocation(RevocationMode.OFF, RevocationMode.HARD), false);

        assertThat(curl(hard, alice).status()).isEqualTo(200);
        assertRefused(provider, curl(hard, bob), "certificate revoked");
        assertThat(rejections.await(marker(hard), l -> l.contains(" REVOKED: "), Duration.ofSeconds(10))).hasValueSatisfying(line ->
                assertThat(line).contains("CN=bob").contains("(the CRL at " + files.url("/revoked.crl") + ")"));
        assertRefused(provider, curl(hard, carol), "bad certificate");
        assertThat(rejections.await(marker(hard), l -> l.contains("CN=carol"), Duration.ofSeconds(10))).hasValueSatisfying(line ->
                assertThat(line).contains(" REVOCATION_UNKNOWN: The revocation status of the certificate CN=carol could not "
                        + "be learned: the CRL distribution point " + down.url("/root.crl") + " "));
        assertThat(files.requests("/good.crl")).isEqualTo(1);

        // A listener of its own: refusals alike from one address are logged once per 10 s.
        Gateway hardToo = start(provider, revocation(RevocationMode.OFF, RevocationMode.HARD), false);
        assertRefused(provider, curl(hardToo, dave), "bad certificate");
        assertThat(rejections.awaitLine(marker(hardToo))).contains(" REVOCATION_UNKNOWN: The revocation status of the "
                + "certificate CN=dave could not be learned from the CRL at " + files.url("/expired.crl") + ": ");

        Gateway soft = start(provider, revocation(RevocationMode.OFF, RevocationMode.SOFT), true);
        assertThat(curl(soft, carol).status()).as("soft: a distribution point that is down admits").isEqualTo(200);
        assertThat(curl(soft, dave).status()).as("soft: an expired CRL admits").isEqualTo(200);
        assertRefused(provider, curl(soft, bob), "certificate revoked");
        awaitMetric(soft, "mtls_revocation_checks_total{listener=\"" + name(soft) + "\",result=\"unknown_admitted\"} 2.0");
    }

    // ---- 5. One request for many handshakes; never on the event loop ----

    @ParameterizedTest
    @EnumSource(TlsProvider.class)
    void aHundredConcurrentHandshakesOfOneClientMakeOneOcspRequest(TlsProvider provider) throws Exception {
        OcspResponder responder = responder();
        Client alice = client("alice", responder.url(), null);
        responder.good(alice.held().certificate());
        Gateway gateway = start(provider, revocation(RevocationMode.HARD, RevocationMode.OFF, Duration.ofMinutes(5)), false);
        int clients = 100;
        ExecutorService threads = Executors.newFixedThreadPool(clients);
        try {
            CountDownLatch start = new CountDownLatch(1);
            List<Future<String>> answers = new ArrayList<>();
            for (int i = 0; i < clients; i++) {
                SSLContext context = TestPki.plainContext(alice.held(), ROOT); // its own: no session to resume
                answers.add(threads.submit(() -> {
                    start.await();
                    return get(context, port(gateway));
                }));
            }
            start.countDown();
            for (Future<String> answer : answers) {
                assertThat(answer.get(60, TimeUnit.SECONDS)).startsWith("HTTP/1.1 200");
            }
        } finally {
            threads.shutdownNow();
        }
        assertThat(responder.requests()).as("one OCSP request for all the handshakes").isEqualTo(1);
    }

    @ParameterizedTest
    @EnumSource(TlsProvider.class)
    void aSlowResponderDoesNotHoldUpOtherClientsHandshakes(TlsProvider provider) throws Exception {
        HttpFiles files = files();
        Client slow = client("slow", files.url("/ocsp"), null);
        Client other = client("other", null, null); // names no responder: not checked
        Instant now = Instant.now();
        files.put("/ocsp", TestPki.ocspResponse(ROOT, ROOT, slow.held().certificate(), null, now.minus(Duration.ofMinutes(1)),
                now.plus(Duration.ofHours(1))), "application/ocsp-response").delay("/ocsp", Duration.ofSeconds(3));
        // One event loop: a handshake waiting there would hold up every other connection.
        Gateway gateway = start(provider, revocation(RevocationMode.HARD, RevocationMode.OFF, Duration.ofMinutes(5)), false);

        long started = System.nanoTime();
        CompletableFuture<Programs.Result> waiting = CompletableFuture.supplyAsync(() -> {
            try {
                return curl(gateway, slow);
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
        while (files.requests("/ocsp") == 0 && System.nanoTime() - started < TimeUnit.SECONDS.toNanos(10)) {
            Thread.sleep(10);
        }
        assertThat(files.requests("/ocsp")).as("the slow client's handshake asked the responder").isEqualTo(1);
        long otherStarted = System.nanoTime();
        assertThat(curl(gateway, other).status()).isEqualTo(200);
        Duration otherTook = Duration.ofNanos(System.nanoTime() - otherStarted);
        assertThat(waiting).as("the slow client still waits for its answer").isNotDone();
        assertThat(otherTook).as("the other client's request while the slow one waited").isLessThan(Duration.ofMillis(2500));
        assertThat(waiting.get(20, TimeUnit.SECONDS).status()).isEqualTo(200);
        assertThat(Duration.ofNanos(System.nanoTime() - started)).isGreaterThanOrEqualTo(Duration.ofSeconds(3));
    }

    // ---- 6. Open connections of a client revoked meanwhile ----

    @ParameterizedTest
    @EnumSource(TlsProvider.class)
    void aClientRevokedAtTheResponderLosesItsOpenConnectionsAtTheNextRefresh(TlsProvider provider) throws Exception {
        OcspResponder responder = responder();
        Client alice = client("alice", responder.url(), null);
        Client carol = client("carol", responder.url(), null);
        responder.good(alice.held().certificate());
        responder.good(carol.held().certificate());
        Gateway gateway = start(provider, revocation(RevocationMode.HARD, RevocationMode.OFF), false);

        String closed = openConnectionsClosedWhenRevoked(gateway, alice, carol, () -> responder.revoke(alice.held().certificate()));
        assertThat(closed).startsWith("closed " + marker(gateway) + " 2 open connections of CN=alice: REVOKED: The certificate "
                + "CN=alice was revoked on ").endsWith(" (reason: KEY_COMPROMISE), says the OCSP responder at " + responder.url() + ".");
    }

    @ParameterizedTest
    @EnumSource(TlsProvider.class)
    void aClientListedInANewCrlAtItsDistributionPointLosesItsOpenConnectionsAtTheNextRefresh(TlsProvider provider)
            throws Exception {
        HttpFiles files = files();
        Client alice = client("alice", null, files.url("/root.crl"));
        Client carol = client("carol", null, files.url("/root.crl"));
        files.put("/root.crl", TestPki.crlDer(ROOT));
        Gateway gateway = start(provider, revocation(RevocationMode.OFF, RevocationMode.HARD), false);

        String closed = openConnectionsClosedWhenRevoked(gateway, alice, carol,
                () -> files.put("/root.crl", TestPki.crlDer(ROOT, alice.held().certificate().getSerialNumber())));
        assertThat(closed).startsWith("closed " + marker(gateway) + " 2 open connections of CN=alice: REVOKED: The certificate "
                + "CN=alice was revoked by CN=Online Revocation Root,O=mtls-kit tests on ")
                .endsWith(" (reason: KEY_COMPROMISE) (the CRL at " + files.url("/root.crl") + ").");
    }

    /** A revocation step of a test. */
    private interface Revocation {
        void revoke() throws Exception;
    }

    /**
     * Alice (HTTP/1.1 with s_client and HTTP/2 with the JDK's client) and carol connected, then alice
     * revoked: her connections are closed at the next refresh, carol's stays. The "closed" line.
     */
    private String openConnectionsClosedWhenRevoked(Gateway gateway, Client alice, Client carol, Revocation revoke)
            throws Exception {
        HttpClient http2 = http2Client(alice.held());
        URI h2Uri = URI.create("https://localhost:" + port(gateway) + "/h2");
        try (OpenSslConnection aliceH1 = OpenSslConnection.to(port(gateway), Files.createDirectories(dir.resolve("alice-h1")),
                alice.held());
             OpenSslConnection carolH1 = OpenSslConnection.to(port(gateway), Files.createDirectories(dir.resolve("carol-h1")),
                     carol.held())) {
            assertThat(aliceH1.get("/before")).startsWith("HTTP/1.1 200");
            assertThat(carolH1.get("/before")).startsWith("HTTP/1.1 200");
            HttpResponse<String> h2 = http2.send(HttpRequest.newBuilder(h2Uri).build(), HttpResponse.BodyHandlers.ofString());
            assertThat(h2.version()).isEqualTo(HttpClient.Version.HTTP_2);
            assertThat(h2.statusCode()).isEqualTo(200);

            revoke.revoke();

            String closed = rejections.await(marker(gateway), l -> l.startsWith("closed "), REFRESH.multipliedBy(4))
                    .orElseThrow(() -> new AssertionError("no line: " + rejections.lines(marker(gateway))));
            assertThat(closedByServer(aliceH1)).as("alice's HTTP/1.1 connection was closed").isTrue();
            assertThat(carolH1.get("/after")).as("carol is not revoked: her connection stays").startsWith("HTTP/1.1 200");
            // After the GOAWAY a new connection is needed, whose handshake is refused. The JDK's client may not
            // notice a refusal after its TLS 1.3 Finished: a timeout bounds the wait (as in TlsReloadTest).
            org.assertj.core.api.Assertions.assertThatThrownBy(() -> http2.send(HttpRequest.newBuilder(h2Uri)
                    .timeout(Duration.ofSeconds(5)).build(), HttpResponse.BodyHandlers.ofString()))
                    .as("alice gets no answer over HTTP/2 either").isInstanceOf(IOException.class);
            return closed;
        }
    }

    @org.junit.jupiter.api.Test
    void inHardModeAClientWhoseRefreshFailsKeepsItsConnectionsUntilItsAnswerExpires() throws Exception {
        OcspResponder responder = responder();
        Client alice = client("alice", responder.url(), null);
        responder.good(alice.held().certificate());
        Duration refresh = Duration.ofSeconds(10); // asked again after 8 s (tried every second), expires after 10 s
        Gateway gateway = start(TlsProvider.OPENSSL, revocation(RevocationMode.HARD, RevocationMode.OFF, refresh), false);
        try (OpenSslConnection open = OpenSslConnection.to(port(gateway), Files.createDirectories(dir.resolve("alice-h1")),
                alice.held())) {
            while (responder.requests() == 0) {
                Thread.sleep(5);
            }
            long fetched = System.nanoTime(); // the handshake's answer, good for 10 s from about now
            assertThat(open.get("/before")).startsWith("HTTP/1.1 200");
            responder.corruptSignatures(true); // from now on no answer counts

            while (responder.requests() < 2) {
                Thread.sleep(5);
            }
            // The JDK's client, not curl: a process start can take a second on a loaded machine.
            assertThat(get(TestPki.plainContext(alice.held(), ROOT), port(gateway))).as("a new handshake while the answer is current")
                    .startsWith("HTTP/1.1 200");
            assertThat(open.get("/still")).as("the answer is current: a failed refresh does not replace it")
                    .startsWith("HTTP/1.1 200");
            assertThat(rejections.lines(marker(gateway))).isEmpty();

            String closed = rejections.await(marker(gateway), l -> l.startsWith("closed "), Duration.ofSeconds(5))
                    .orElseThrow(() -> new AssertionError("no line: " + rejections.lines(marker(gateway))));
            assertThat(Duration.ofNanos(System.nanoTime() - fetched)).as("closed once the answer expired")
                    .isGreaterThanOrEqualTo(refresh.minusMillis(50));
            assertThat(closed).isEqualTo("closed " + marker(gateway) + " 1 open connection of CN=alice: REVOCATION_UNKNOWN: "
                    + "The revocation status of the certificate CN=alice could not be learned: the OCSP responder at "
                    + responder.url() + " answered with a signature that does not verify with the CA's key.");
            assertThat(closedByServer(open)).isTrue();
        }
    }

    @org.junit.jupiter.api.Test
    void inHardModeACrlWhoseRefreshFailedIsUsedUntilItExpires() throws Exception {
        HttpFiles files = files();
        Client alice = client("alice", null, files.url("/root.crl"));
        Client bob = client("bob", null, files.url("/root.crl"));
        files.put("/root.crl", TestPki.crlDer(ROOT));
        Duration refresh = Duration.ofSeconds(10); // downloaded again after 8 s (tried every second), expires after 10 s
        Gateway gateway = start(TlsProvider.OPENSSL, revocation(RevocationMode.OFF, RevocationMode.HARD, refresh), false);
        try (OpenSslConnection open = OpenSslConnection.to(port(gateway), Files.createDirectories(dir.resolve("alice-h1")),
                alice.held())) {
            while (files.requests("/root.crl") == 0) {
                Thread.sleep(5);
            }
            long fetched = System.nanoTime();
            assertThat(open.get("/before")).startsWith("HTTP/1.1 200");
            files.remove("/root.crl"); // the distribution point answers 404 from now on

            while (files.requests("/root.crl") < 2) {
                Thread.sleep(5);
            }
            assertThat(get(TestPki.plainContext(bob.held(), ROOT), port(gateway))).as("another client of the CRL, while it is current")
                    .startsWith("HTTP/1.1 200");
            assertThat(open.get("/still")).as("the CRL is current: a failed refresh does not replace it")
                    .startsWith("HTTP/1.1 200");
            assertThat(rejections.lines(marker(gateway))).isEmpty();

            String closed = rejections.await(marker(gateway), l -> l.startsWith("closed "), Duration.ofSeconds(5))
                    .orElseThrow(() -> new AssertionError("no line: " + rejections.lines(marker(gateway))));
            assertThat(Duration.ofNanos(System.nanoTime() - fetched)).as("closed once the CRL expired")
                    .isGreaterThanOrEqualTo(refresh.minusMillis(50));
            assertThat(closed).startsWith("closed " + marker(gateway) + " 1 open connection of CN=alice: REVOCATION_UNKNOWN: "
                    + "The revocation status of the certificate CN=alice could not be learned: the CRL distribution point "
                    + files.url("/root.crl") + " ");
            assertThat(closedByServer(open)).isTrue();
        }
    }

    // ---- 7. Saved sessions ----

    @ParameterizedTest(name = "{0} {1}")
    @CsvSource({"OPENSSL, -tls1_2", "OPENSSL, -tls1_3", "JDK, -tls1_2", "JDK, -tls1_3"})
    void aSavedSessionOfAClientRevokedMeanwhileIsNotAdmittedWhileAGoodOneResumes(TlsProvider provider, String version)
            throws Exception {
        OcspResponder responder = responder();
        Client alice = client("alice", responder.url(), null);
        Client carol = client("carol", responder.url(), null);
        responder.good(alice.held().certificate());
        responder.good(carol.held().certificate());
        Gateway gateway = start(provider, revocation(RevocationMode.SOFT, RevocationMode.OFF), false);
        Path aliceSession = dir.resolve("alice.session");
        Path carolSession = dir.resolve("carol.session");
        assertThat(sClient(gateway, alice, version, "-sess_out", aliceSession.toString()).stdout())
                .contains("New, TLSv1.").contains("HTTP/1.1 200");
        assertThat(sClient(gateway, carol, version, "-sess_out", carolSession.toString()).stdout())
                .contains("New, TLSv1.").contains("HTTP/1.1 200");

        // Alice is revoked while connected: the refresh of her open connection's answer learns it.
        try (OpenSslConnection open = OpenSslConnection.to(port(gateway), Files.createDirectories(dir.resolve("alice-open")),
                alice.held())) {
            assertThat(open.get("/open")).startsWith("HTTP/1.1 200");
            responder.revoke(alice.held().certificate());
            assertThat(rejections.await(marker(gateway), l -> l.startsWith("closed "), REFRESH.multipliedBy(4))).isPresent();
        }

        Programs.Result resumed = sClient(gateway, alice, version, "-sess_in", aliceSession.toString());
        // The session is resumed (no certificate verification in the engine), then judged and closed.
        assertThat(resumed.stdout()).as(resumed.describe()).contains("Reused, TLSv1.");
        assertThat(resumed.stdout()).as(resumed.describe()).doesNotContain("HTTP/1.1 200");
        assertThat(rejections.await(marker(gateway), l -> l.startsWith("rejected "), Duration.ofSeconds(10))).hasValueSatisfying(line ->
                assertThat(line).contains(" REVOKED: The certificate CN=alice was revoked on "));

        Programs.Result good = sClient(gateway, carol, version, "-sess_in", carolSession.toString());
        assertThat(good.stdout()).as(good.describe()).contains("Reused, TLSv1.").contains("HTTP/1.1 200")
                .contains("\"common_name\":\"carol\"");
    }

    @ParameterizedTest(name = "{0} {1}")
    @CsvSource({"OPENSSL, -tls1_2", "OPENSSL, -tls1_3", "JDK, -tls1_2", "JDK, -tls1_3"})
    void inHardModeASessionWhoseClientsAnswerExpiredIsClosedAndTheNextAttemptPasses(TlsProvider provider, String version)
            throws Exception {
        OcspResponder responder = responder();
        Client alice = client("alice", responder.url(), null);
        responder.good(alice.held().certificate());
        Gateway gateway = start(provider, revocation(RevocationMode.HARD, RevocationMode.OFF), false);
        Path session = dir.resolve("alice.session");
        assertThat(sClient(gateway, alice, version, "-sess_out", session.toString()).stdout())
                .contains("New, TLSv1.").contains("HTTP/1.1 200");

        Thread.sleep(REFRESH.plusMillis(500).toMillis()); // alice's answer expires; she has no open connection to follow
        Programs.Result resumed = sClient(gateway, alice, version, "-sess_in", session.toString());
        assertThat(resumed.stdout()).as(resumed.describe()).contains("Reused, TLSv1.").doesNotContain("HTTP/1.1 200");
        assertThat(rejections.awaitLine(marker(gateway))).contains(" REVOCATION_UNKNOWN: The revocation status of the "
                + "certificate CN=alice could not be learned: no current answer is remembered for it; it is being asked now. Fix: ");

        Programs.Result again = sClient(gateway, alice, version, "-sess_in", session.toString());
        assertThat(again.stdout()).as("asked in the background meanwhile: good\n" + again.describe()).contains("HTTP/1.1 200");
        assertThat(responder.requests()).isEqualTo(2);
    }

    // ---- helpers ----

    private static void assertRefused(TlsProvider provider, Programs.Result result, String alert) {
        assertThat(result.stdout()).as(result.describe()).doesNotEndWith("\n200");
        assertThat(result.exitCode()).as(result.describe()).isNotZero();
        // TLS 1.3: the client hears the alert after its Finished, when it reads (curl: 56, receive error).
        assertThat(result.exitCode()).as(result.describe()).isEqualTo(56);
        // The JDK engine sends certificate_unknown for every refusal (docs/configuration.md).
        assertThat(result.stderr()).as(result.describe())
                .contains("alert " + (provider == TlsProvider.OPENSSL ? alert : "certificate unknown"));
    }

    private static String name(Gateway gateway) {
        return gateway.config().listeners().get(0).name();
    }

    /** What the log lines about the gateway's listener contain. */
    private static String marker(Gateway gateway) {
        return "[" + name(gateway) + "]";
    }

    private OcspResponder responder() throws IOException {
        OcspResponder responder = OcspResponder.start(ROOT, dir.resolve("ocsp"));
        closeAfter.add(0, responder);
        return responder;
    }

    private HttpFiles files() throws IOException {
        HttpFiles files = new HttpFiles();
        closeAfter.add(0, files);
        return files;
    }

    private static RevocationConfig revocation(RevocationMode ocsp, RevocationMode crlFetch) {
        return revocation(ocsp, crlFetch, REFRESH);
    }

    private static RevocationConfig revocation(RevocationMode ocsp, RevocationMode crlFetch, Duration refresh) {
        return new RevocationConfig(ocsp, crlFetch, TIMEOUT, refresh);
    }

    private Client client(String commonName, String ocspUrl, String crlUrl) throws IOException {
        HeldCertificate held = TestPki.client(commonName, ROOT, ocspUrl, crlUrl);
        Path certificate = Files.writeString(dir.resolve(commonName + ".crt"), PemWriter.certificates(List.of(held.certificate())));
        Path key = Files.writeString(dir.resolve(commonName + ".key"), PemWriter.privateKey(held.keyPair().getPrivate()));
        return new Client(held, certificate, key);
    }

    /** A gateway of one listener (named uniquely, one event loop) with the echo at "/"; metrics on with an admin listener. */
    private Gateway start(TlsProvider provider, RevocationConfig revocation, boolean admin) throws Exception {
        if (rootFile == null) {
            rootFile = Files.writeString(dir.resolve("root.pem"), PemWriter.certificates(List.of(ROOT.certificate())));
        }
        Path certificate = dir.resolve("server.crt");
        Path key = dir.resolve("server.key");
        Files.writeString(certificate, PemWriter.certificates(List.of(SERVER.certificate())));
        Files.writeString(key, PemWriter.privateKey(SERVER.keyPair().getPrivate()));
        TlsConfig tls = TlsConfig.builder(KeySource.pem(certificate, key, PasswordSource.none()), List.of(rootFile))
                .provider(provider).clientAuth(ClientAuthMode.REQUIRE).revocation(revocation).build();
        ListenerConfig config = ListenerConfig.builder(prefix + "-" + ++gateways, new InetSocketAddress("127.0.0.1", 0), tls,
                new Policy(List.of(Route.of("/", "echo", List.of())))).identityHeaders(IdentityHeaderConfig.defaults())
                .limits(Limits.defaults()).build();
        Gateway gateway = Gateway.start(new GatewayConfig(List.of(config), Map.of("echo", UpstreamConfig.echo("echo")), null, null,
                admin ? AdminConfig.loopback(new InetSocketAddress("127.0.0.1", 0)) : null), 1);
        closeAfter.add(0, gateway);
        return gateway;
    }

    private static int port(Gateway gateway) {
        return gateway.addresses(name(gateway)).get(0).getPort();
    }

    private Programs.Result curl(Gateway gateway, Client client) throws IOException, InterruptedException {
        return new Curl().args("-sS", "--resolve", "localhost:" + port(gateway) + ":127.0.0.1", "--cacert", rootFile.toString(),
                "--cert", client.certificate().toString(), "--key", client.key().toString(), "-w", "\n%{http_code}",
                "https://localhost:" + port(gateway) + "/").maxTime(15).run();
    }

    /** One request on a fresh connection with s_client, which waits for the answer (-ign_eof). */
    private Programs.Result sClient(Gateway gateway, Client client, String version, String... extra) throws Exception {
        List<String> command = new ArrayList<>(List.of(Programs.require("openssl", "openssl (apt-get install openssl)").toString(),
                "s_client", "-connect", "127.0.0.1:" + port(gateway), "-servername", "localhost", "-CAfile", rootFile.toString(),
                "-cert", client.certificate().toString(), "-key", client.key().toString(), version, "-ign_eof"));
        command.addAll(List.of(extra));
        return Programs.run(command, "GET / HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n", Duration.ofSeconds(30));
    }

    /** GET / over HTTP/1.1 on a new TLS connection (JDK client); the response head and body, as read until the close. */
    private static String get(SSLContext context, int port) throws IOException {
        try (SSLSocket socket = (SSLSocket) context.getSocketFactory().createSocket("127.0.0.1", port)) {
            socket.setSoTimeout(30_000);
            OutputStream out = socket.getOutputStream();
            out.write("GET / HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
            out.flush();
            InputStream in = socket.getInputStream();
            return new String(in.readAllBytes(), StandardCharsets.ISO_8859_1);
        }
    }

    /** Whether the server closed the connection: a request gets no answer (or cannot even be written). */
    private static boolean closedByServer(OpenSslConnection connection) {
        try {
            return connection.get("/after").isEmpty();
        } catch (IOException closed) {
            return true;
        }
    }

    /** A JDK HTTP/2 client that presents {@code client} and trusts the root; it keeps its connection open. */
    private static HttpClient http2Client(HeldCertificate client) throws Exception {
        return HttpClient.newBuilder().version(HttpClient.Version.HTTP_2).sslContext(TestPki.plainContext(client, ROOT)).build();
    }

    /** The metrics once they contain {@code line}. */
    private static String awaitMetric(Gateway gateway, String line) throws Exception {
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
        URI uri = URI.create("http://127.0.0.1:" + gateway.addresses(AdminConfig.NAME).get(0).getPort() + "/metrics");
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        String metrics;
        do {
            metrics = http.send(HttpRequest.newBuilder(uri).build(), HttpResponse.BodyHandlers.ofString()).body();
            if (metrics.contains(line)) {
                return metrics;
            }
            Thread.sleep(20);
        } while (System.nanoTime() < deadline);
        throw new AssertionError("no " + line + " in\n" + metrics);
    }
}
