package dev.mtlskit.gateway;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.math.BigInteger;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocket;

import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.CRLNumber;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.cert.jcajce.JcaX509ExtensionUtils;
import org.bouncycastle.cert.X509v2CRLBuilder;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.ValueSource;

import dev.mtlskit.gateway.config.ClientAuthMode;
import dev.mtlskit.gateway.config.GatewayConfig;
import dev.mtlskit.gateway.config.IdentityHeaderConfig;
import dev.mtlskit.gateway.config.KeySource;
import dev.mtlskit.gateway.config.Limits;
import dev.mtlskit.gateway.config.ListenerConfig;
import dev.mtlskit.gateway.config.TlsConfig;
import dev.mtlskit.gateway.config.TlsProvider;
import dev.mtlskit.gateway.config.UpstreamConfig;
import dev.mtlskit.material.PasswordSource;
import dev.mtlskit.material.PemWriter;
import dev.mtlskit.pki.HeldCertificate;
import dev.mtlskit.pki.KeyType;
import dev.mtlskit.pki.Pkcs12Files;
import dev.mtlskit.pki.Purpose;
import dev.mtlskit.policy.Policy;
import dev.mtlskit.policy.Route;
import dev.mtlskit.reload.ReloadingSslContexts;
import dev.mtlskit.reload.ReloadingTlsMaterial;
import dev.mtlskit.reload.ConnectionEnd;
import dev.mtlskit.reload.TlsFiles;
import dev.mtlskit.testing.Programs;

/**
 * {@code mtls serve} follows its TLS files: a renewed certificate, a rotated client CA bundle and a
 * new CRL are used by new handshakes within seconds, while open connections keep working; files
 * that cannot be used (a key not renamed yet, a truncated file, a wrong password, an empty bundle)
 * leave the material in use and say why, once. Real files on disk, real openssl s_client and mtls call's client,
 * both TLS engines.
 */
class TlsReloadTest {

    private static final HeldCertificate ROOT_A = root("Reload Root A");
    private static final HeldCertificate ROOT_B = root("Reload Root B");
    private static final HeldCertificate ALICE = client("alice", ROOT_A);
    private static final HeldCertificate BOB = client("bob", ROOT_B);
    private static final HeldCertificate CAROL = client("carol", ROOT_A);
    private static final java.util.concurrent.atomic.AtomicLong CRL_NUMBER = new java.util.concurrent.atomic.AtomicLong();
    /** Polls often, so that tests wait little; one test keeps the default interval. */
    private static final Duration FAST_POLL = Duration.ofMillis(100);
    private static final Duration PICKED_UP_WITHIN = Duration.ofSeconds(5);

    @TempDir
    Path dir;

    private final String listener = "reload-" + UUID.randomUUID().toString().substring(0, 8);
    private final List<AutoCloseable> closeAfter = new ArrayList<>();
    private final LogCapture reloads = LogCapture.of("mtls.reload");
    private final LogCapture rejections = LogCapture.of("mtls.rejected");
    private Path serverCertificate;
    private Path serverKey;
    private Path clientCas;
    private Path rootA;
    private Path crl;
    private Gateway gateway;

    @AfterEach
    void close() throws Exception {
        for (AutoCloseable closeable : closeAfter) {
            closeable.close();
        }
        reloads.close();
        rejections.close();
    }

    @ParameterizedTest
    @EnumSource(TlsProvider.class)
    void aRenewedCertificateIsServedWithinSecondsWhileOpenConnectionsKeepWorking(TlsProvider provider) throws Exception {
        HeldCertificate first = server(ROOT_A);
        HeldCertificate renewed = server(ROOT_A);
        writeServer(first);
        start(provider, FAST_POLL, null);
        assertThat(servedSerial()).isEqualTo(first.certificate().getSerialNumber());
        try (OpenSslConnection open = OpenSslConnection.to(port(), dir, ALICE)) {
            assertThat(open.get("/before")).startsWith("HTTP/1.1 200");

            replaceAtomically(serverKey, PemWriter.privateKey(renewed.keyPair().getPrivate()));
            replaceAtomically(serverCertificate, PemWriter.certificates(List.of(renewed.certificate())));

            String line = reloads.await(listener, l -> l.startsWith("reloaded "), PICKED_UP_WITHIN)
                    .orElseThrow(() -> new AssertionError("no reload logged: " + reloads.lines(listener)));
            assertThat(line).isEqualTo("reloaded listener " + listener + ": certificate CN=localhost, serial "
                    + hex(renewed) + ", expires " + renewed.certificate().getNotAfter().toInstant()
                    + " (was serial " + hex(first) + ")");
            assertThat(servedSerial()).isEqualTo(renewed.certificate().getSerialNumber());
            assertThat(open.get("/after")).as("the connection opened before the reload").startsWith("HTTP/1.1 200");
        }
        assertThat(call(ALICE).status()).isEqualTo(200);
    }

    @Test
    void aKubernetesSecretUpdateIsPickedUpAtTheDefaultInterval() throws Exception {
        HeldCertificate first = server(ROOT_A);
        HeldCertificate renewed = server(ROOT_A);
        Path volume = secretVolume(first);
        writeTrust(ROOT_A);
        start(TlsProvider.OPENSSL, Gateway.FILE_POLL_INTERVAL, null);
        assertThat(servedSerial()).isEqualTo(first.certificate().getSerialNumber());

        swapSecret(volume, "..2026_12_06_02", renewed);

        assertThat(reloads.await(listener, l -> l.startsWith("reloaded "), PICKED_UP_WITHIN)).isPresent();
        assertThat(servedSerial()).isEqualTo(renewed.certificate().getSerialNumber());
    }

    @Test
    void withoutWatchingAReloadSignalPicksUpTheNewFilesAtOnce() throws Exception {
        HeldCertificate first = server(ROOT_A);
        HeldCertificate renewed = server(ROOT_A);
        writeServer(first);
        start(TlsProvider.OPENSSL, null, null);
        replaceAtomically(serverKey, PemWriter.privateKey(renewed.keyPair().getPrivate()));
        replaceAtomically(serverCertificate, PemWriter.certificates(List.of(renewed.certificate())));
        Thread.sleep(3 * Gateway.FILE_POLL_INTERVAL.toMillis());
        assertThat(servedSerial()).as("nobody looks at the files").isEqualTo(first.certificate().getSerialNumber());

        gateway.reloadTls(); // what SIGHUP does

        assertThat(reloads.lines(listener)).filteredOn(l -> l.startsWith("reloaded ")).hasSize(1);
        assertThat(servedSerial()).isEqualTo(renewed.certificate().getSerialNumber());
    }

    @Test
    void aCertificateWhoseKeyHasNotArrivedKeepsTheOldPairAndSaysWhyOnce() throws Exception {
        HeldCertificate first = server(ROOT_A);
        HeldCertificate renewed = server(ROOT_A, KeyType.RSA_2048);
        writeServer(first);
        start(TlsProvider.OPENSSL, FAST_POLL, null);

        replaceAtomically(serverCertificate, PemWriter.certificates(List.of(renewed.certificate())));
        String failed = reloads.await(listener, l -> l.startsWith("reload failed: "), PICKED_UP_WITHIN)
                .orElseThrow(() -> new AssertionError("no failure logged: " + reloads.lines(listener)));
        assertThat(failed).startsWith("reload failed: listener " + listener + ": CERTIFICATE_FILES_UNUSABLE: " + serverKey
                + " (EC P-256) does not match "
                + serverCertificate + " (RSA 2048): use the key generated with this certificate")
                .endsWith("; still serving CN=localhost, serial " + hex(first));
        assertThat(servedSerial()).isEqualTo(first.certificate().getSerialNumber());
        Thread.sleep(10 * FAST_POLL.toMillis()); // ten more polls find the same failure
        assertThat(reloads.lines(listener)).filteredOn(l -> l.startsWith("reload failed: ")).hasSize(1);
        gateway.reloadTls(); // SIGHUP: asked for, answered
        Thread.sleep(10 * FAST_POLL.toMillis());
        assertThat(reloads.lines(listener)).filteredOn(l -> l.startsWith("reload failed: ")).hasSize(2);

        replaceAtomically(serverKey, PemWriter.privateKey(renewed.keyPair().getPrivate()));
        assertThat(reloads.await(listener, l -> l.startsWith("reloaded "), PICKED_UP_WITHIN)).isPresent();
        assertThat(servedSerial()).isEqualTo(renewed.certificate().getSerialNumber());
    }

    @ParameterizedTest
    @ValueSource(strings = {"truncated certificate", "garbage key", "empty client CA bundle"})
    void aBrokenFileKeepsTheMaterialInUseAndPuttingItBackIsSaidOnce(String breakage) throws Exception {
        HeldCertificate first = server(ROOT_A);
        writeServer(first);
        start(TlsProvider.OPENSSL, FAST_POLL, null);
        String pem = PemWriter.certificates(List.of(server(ROOT_A).certificate()));
        Path broken = switch (breakage) {
            case "truncated certificate" -> serverCertificate;
            case "garbage key" -> serverKey;
            default -> clientCas;
        };
        String before = Files.readString(broken);
        replaceAtomically(broken, switch (breakage) {
            case "truncated certificate" -> pem.substring(0, pem.length() / 2);
            case "garbage key" -> "not a key\n";
            default -> "";
        });

        String failed = reloads.await(listener, l -> l.startsWith("reload failed: "), PICKED_UP_WITHIN)
                .orElseThrow(() -> new AssertionError("no failure logged: " + reloads.lines(listener)));
        assertThat(failed).startsWith("reload failed: listener " + listener + ": " + (broken == clientCas
                        ? "TRUST_FILES_UNUSABLE" : "CERTIFICATE_FILES_UNUSABLE") + ": ").contains(broken.toString())
                .endsWith("; still serving CN=localhost, serial " + hex(first));
        assertThat(servedSerial()).isEqualTo(first.certificate().getSerialNumber());
        assertThat(call(ALICE).status()).isEqualTo(200);

        replaceAtomically(broken, before);
        assertThat(reloads.await(listener, l -> l.startsWith("reloaded "), PICKED_UP_WITHIN)).hasValue("reloaded listener "
                + listener + ": the files are usable again and hold what is in use; still serving CN=localhost, serial "
                + hex(first));
    }

    @Test
    void aKeystoreAndItsPasswordFileReloadTogether() throws Exception {
        HeldCertificate first = server(ROOT_A);
        HeldCertificate renewed = server(ROOT_A);
        Path keystore = dir.resolve("server.p12");
        Path password = dir.resolve("server.pass");
        Files.writeString(password, "first-secret\n");
        Pkcs12Files.write(keystore, first.keyPair().getPrivate(), List.of(first.certificate()), "server",
                PasswordSource.of("first-secret".toCharArray()));
        writeTrust(ROOT_A);
        start(TlsProvider.OPENSSL, FAST_POLL, KeySource.keyStore(keystore, PasswordSource.fromFile(password, "key_pass")));

        Path next = dir.resolve("next.p12");
        Pkcs12Files.write(next, renewed.keyPair().getPrivate(), List.of(renewed.certificate()), "server",
                PasswordSource.of("second-secret".toCharArray()));
        Files.move(next, keystore, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        String failed = reloads.await(listener, l -> l.startsWith("reload failed: "), PICKED_UP_WITHIN)
                .orElseThrow(() -> new AssertionError("no failure logged: " + reloads.lines(listener)));
        assertThat(failed).contains(keystore.toString()).containsIgnoringCase("password")
                .endsWith("; still serving CN=localhost, serial " + hex(first));
        assertThat(servedSerial()).isEqualTo(first.certificate().getSerialNumber());

        replaceAtomically(password, "second-secret\n");
        assertThat(reloads.await(listener, l -> l.startsWith("reloaded "), PICKED_UP_WITHIN)).isPresent();
        assertThat(servedSerial()).isEqualTo(renewed.certificate().getSerialNumber());
    }

    @ParameterizedTest
    @EnumSource(TlsProvider.class)
    void aClientCaIsRotatedWithOverlap(TlsProvider provider) throws Exception {
        writeServer(server(ROOT_A));
        start(provider, FAST_POLL, null);
        assertThat(call(ALICE).status()).isEqualTo(200);
        assertThat(call(BOB).completed()).as("bob's CA is not trusted yet").isFalse();

        replaceAtomically(clientCas, pem(ROOT_A, ROOT_B));
        assertThat(reloads.await(listener, l -> l.contains("client CAs added CN=Reload Root B"), PICKED_UP_WITHIN))
                .hasValue("reloaded listener " + listener + ": client CAs added CN=Reload Root B (2 certificates)");
        assertThat(call(ALICE).status()).isEqualTo(200);
        assertThat(call(BOB).status()).isEqualTo(200);

        replaceAtomically(clientCas, pem(ROOT_B));
        assertThat(reloads.await(listener, l -> l.contains("removed CN=Reload Root A"), PICKED_UP_WITHIN))
                .hasValue("reloaded listener " + listener + ": client CAs removed CN=Reload Root A (1 certificate)");
        assertThat(call(ALICE).completed()).as("alice's CA was removed").isFalse();
        assertThat(rejections.await(listener, l -> l.contains("CN=alice"), PICKED_UP_WITHIN)).isPresent();
        assertThat(call(BOB).status()).isEqualTo(200);
    }

    @ParameterizedTest
    @EnumSource(TlsProvider.class)
    void aCrlPublishedAtRunTimeRefusesTheRevokedClient(TlsProvider provider) throws Exception {
        writeServer(server(ROOT_A));
        crl = dir.resolve("clients.crl");
        Files.writeString(crl, crl(ROOT_A));
        start(provider, FAST_POLL, null);
        assertThat(call(ALICE).status()).isEqualTo(200);

        Files.writeString(crl, crl(ROOT_A, ALICE)); // in place, as an editor without backups writes
        assertThat(reloads.await(listener, l -> l.contains("CRLs: CN=Reload Root A (1 revoked certificate"),
                PICKED_UP_WITHIN)).isPresent();
        HttpsCall.Response refused = call(ALICE);
        assertThat(refused.completed()).as(refused.describe()).isFalse();
        assertThat(rejections.await(listener, l -> l.contains("REVOKED"), PICKED_UP_WITHIN)).isPresent();
    }

    @ParameterizedTest
    @EnumSource(TlsProvider.class)
    void aRevokedClientsOpenConnectionsAreClosedWhenTheCrlArrivesAndOthersStay(TlsProvider provider) throws Exception {
        writeServer(server(ROOT_A));
        crl = dir.resolve("clients.crl");
        Files.writeString(crl, crl(ROOT_A));
        start(provider, FAST_POLL, null);
        Path aliceDir = Files.createDirectories(dir.resolve("alice"));
        Path carolDir = Files.createDirectories(dir.resolve("carol"));
        HttpClient http2 = http2Client(ALICE);
        try (OpenSslConnection alice = OpenSslConnection.to(port(), aliceDir, ALICE);
             OpenSslConnection carol = OpenSslConnection.to(port(), carolDir, CAROL)) {
            assertThat(alice.get("/before")).startsWith("HTTP/1.1 200");
            assertThat(carol.get("/before")).startsWith("HTTP/1.1 200");
            HttpResponse<String> first = http2.send(HttpRequest.newBuilder(URI.create("https://localhost:" + port() + "/h2"))
                    .build(), HttpResponse.BodyHandlers.ofString());
            assertThat(first.version()).isEqualTo(HttpClient.Version.HTTP_2);

            Files.writeString(crl, crl(ROOT_A, ALICE));

            String closed = rejections.await("[" + listener + "]", l -> l.startsWith("closed "), PICKED_UP_WITHIN)
                    .orElseThrow(() -> new AssertionError("no line: " + rejections.lines(listener)));
            assertThat(closed).matches("closed \\[" + listener + "\\] 2 open connections of CN=alice: REVOKED: The client "
                    + "certificate CN=alice was revoked by CN=Reload Root A on .*");
            assertThat(closedByServer(alice)).as("alice's HTTP/1.1 connection was closed").isTrue();
            assertThat(carol.get("/after")).as("carol is not revoked: her connection stays").startsWith("HTTP/1.1 200");
            // After the GOAWAY the client needs a new connection, whose handshake the gateway refuses. The JDK's
            // client may not notice a refusal that comes after its TLS 1.3 Finished: a timeout bounds the wait.
            assertThatThrownBy(() -> http2.send(HttpRequest.newBuilder(URI.create("https://localhost:" + port() + "/h2"))
                    .timeout(Duration.ofSeconds(5)).build(), HttpResponse.BodyHandlers.ofString()))
                    .as("alice gets no answer over HTTP/2 either").isInstanceOf(java.io.IOException.class);
        }
    }

    @Test
    void theOpenConnectionsOfAClientWhoseCaIsRemovedAreClosed() throws Exception {
        writeServer(server(ROOT_A));
        writeTrust(ROOT_A, ROOT_B);
        start(TlsProvider.OPENSSL, FAST_POLL, null);
        Path aliceDir = Files.createDirectories(dir.resolve("alice"));
        Path bobDir = Files.createDirectories(dir.resolve("bob"));
        try (OpenSslConnection alice = OpenSslConnection.to(port(), aliceDir, ALICE);
             OpenSslConnection bob = OpenSslConnection.to(port(), bobDir, BOB)) {
            assertThat(alice.get("/before")).startsWith("HTTP/1.1 200");
            assertThat(bob.get("/before")).startsWith("HTTP/1.1 200");

            Files.writeString(clientCas.resolveSibling("clients.pem.new"), pem(ROOT_B));
            Files.move(clientCas.resolveSibling("clients.pem.new"), clientCas, java.nio.file.StandardCopyOption.ATOMIC_MOVE);

            assertThat(rejections.await("[" + listener + "]", l -> l.startsWith("closed "), PICKED_UP_WITHIN))
                    .hasValueSatisfying(line -> assertThat(line).startsWith("closed [" + listener + "] 1 open connection "
                            + "of CN=alice: UNKNOWN_ISSUER: "));
            assertThat(closedByServer(alice)).as("alice's CA was removed: her connection was closed").isTrue();
            assertThat(bob.get("/after")).startsWith("HTTP/1.1 200");
        }
    }

    /** Whether the server closed the connection: a request gets no answer (or cannot even be written). */
    private static boolean closedByServer(OpenSslConnection connection) {
        try {
            return connection.get("/after").isEmpty();
        } catch (java.io.IOException closed) {
            return true;
        }
    }

    /** A JDK HTTP/2 client that presents {@code client} and trusts ROOT_A; it keeps its connection open. */
    private static HttpClient http2Client(HeldCertificate client) throws Exception {
        java.security.KeyStore keys = java.security.KeyStore.getInstance("PKCS12");
        keys.load(null, null);
        keys.setKeyEntry("client", client.keyPair().getPrivate(), new char[0],
                new java.security.cert.Certificate[] {client.certificate()});
        javax.net.ssl.KeyManagerFactory keyManagers = javax.net.ssl.KeyManagerFactory.getInstance("PKIX");
        keyManagers.init(keys, new char[0]);
        java.security.KeyStore anchors = java.security.KeyStore.getInstance("PKCS12");
        anchors.load(null, null);
        anchors.setCertificateEntry("root", ROOT_A.certificate());
        javax.net.ssl.TrustManagerFactory trust = javax.net.ssl.TrustManagerFactory.getInstance("PKIX");
        trust.init(anchors);
        javax.net.ssl.SSLContext context = javax.net.ssl.SSLContext.getInstance("TLS");
        context.init(keyManagers.getKeyManagers(), trust.getTrustManagers(), null);
        return HttpClient.newBuilder().version(HttpClient.Version.HTTP_2).sslContext(context).build();
    }

    @ParameterizedTest
    @org.junit.jupiter.params.provider.CsvSource({"OPENSSL, -tls1_2", "OPENSSL, -tls1_3", "JDK, -tls1_2", "JDK, -tls1_3"})
    void aSessionMadeUnderOldTrustIsNotResumed(TlsProvider provider, String protocol) throws Exception {
        writeServer(server(ROOT_A));
        start(provider, FAST_POLL, null);
        Path session = dir.resolve("session.pem");
        assertThat(sClient(protocol, "-sess_out", session.toString())).contains("New, TLSv1.");
        assertThat(sClient(protocol, "-sess_in", session.toString())).as("control: resumed while nothing changed")
                .contains("Reused, TLSv1.");

        replaceAtomically(clientCas, pem(ROOT_A, ROOT_B));
        assertThat(reloads.await(listener, l -> l.startsWith("reloaded "), PICKED_UP_WITHIN)).isPresent();
        String after = sClient(protocol, "-sess_in", session.toString());
        assertThat(after).as("a session verified under the old client CAs").contains("New, TLSv1.")
                .doesNotContain("Reused, TLSv1.");
    }

    @Test
    void aServerCertificateNearItsEndIsWarnedAboutAtStartAndAtReload() throws Exception {
        Instant now = Instant.now().truncatedTo(java.time.temporal.ChronoUnit.SECONDS);
        HeldCertificate ending = HeldCertificate.builder().commonName("localhost").purpose(Purpose.SERVER)
                .addDnsName("localhost").validity(now.minus(Duration.ofDays(80)), now.plus(Duration.ofDays(3)).plusSeconds(600))
                .signedBy(ROOT_A).build();
        HeldCertificate expired = HeldCertificate.builder().commonName("localhost").purpose(Purpose.SERVER)
                .addDnsName("localhost").validity(now.minus(Duration.ofDays(90)), now.minus(Duration.ofDays(1)))
                .signedBy(ROOT_A).build();
        writeServer(ending);
        start(TlsProvider.OPENSSL, FAST_POLL, null);
        assertThat(reloads.lines(listener)).containsExactly("listener " + listener + ": the server certificate CN=localhost "
                + "expires in 3 days (on " + ending.certificate().getNotAfter().toInstant() + "): renew it before then: "
                + "the new files are used as soon as they are written");

        replaceAtomically(serverKey, PemWriter.privateKey(expired.keyPair().getPrivate()));
        replaceAtomically(serverCertificate, PemWriter.certificates(List.of(expired.certificate())));
        assertThat(reloads.await(listener, l -> l.contains(" expired on "), PICKED_UP_WITHIN)).hasValue("listener "
                + listener + ": the server certificate CN=localhost expired on " + expired.certificate().getNotAfter()
                .toInstant() + ": clients refuse it; renew it: the new files are used as soon as they are written");
    }

    @Test
    void aThousandNewHandshakesDuringFiveCertificateSwapsAllSucceed() throws Exception {
        List<HeldCertificate> versions = new ArrayList<>();
        for (int i = 0; i <= 5; i++) {
            versions.add(server(ROOT_A));
        }
        Path volume = secretVolume(versions.get(0));
        writeTrust(ROOT_A);
        start(TlsProvider.OPENSSL, FAST_POLL, null);
        SSLContext client = ReloadingSslContexts.jdk(ReloadingTlsMaterial.load(TlsFiles.builder()
                .certificateChain(clientFile(ALICE, ".crt")).privateKey(clientFile(ALICE, ".key"))
                .addTrustedCertificates(rootA).build()), ConnectionEnd.CLIENT);

        AtomicInteger handshakes = new AtomicInteger();
        List<String> failures = java.util.Collections.synchronizedList(new ArrayList<>());
        java.util.Set<BigInteger> served = java.util.concurrent.ConcurrentHashMap.newKeySet();
        AtomicBoolean swapping = new AtomicBoolean(true);
        ExecutorService clients = Executors.newFixedThreadPool(4);
        try {
            for (int i = 0; i < 4; i++) {
                clients.submit(() -> {
                    while (swapping.get() || handshakes.get() < 1000) {
                        try {
                            served.add(request(client));
                            handshakes.incrementAndGet();
                        } catch (Exception e) {
                            failures.add(String.valueOf(e));
                        }
                    }
                    return null;
                });
            }
            for (int swap = 1; swap <= 5; swap++) {
                Thread.sleep(400);
                swapSecret(volume, "..v" + swap, versions.get(swap));
            }
            // The clients keep the machine busy; how soon a change is seen is another test's question.
            long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            String last = hex(versions.get(5));
            while (reloads.lines(listener).stream().noneMatch(l -> l.contains("serial " + last + ","))
                    && System.nanoTime() < deadline) {
                Thread.sleep(50);
            }
            Thread.sleep(300); // handshakes with the last certificate too
        } finally {
            swapping.set(false);
            clients.shutdown();
            assertThat(clients.awaitTermination(2, TimeUnit.MINUTES)).isTrue();
        }
        assertThat(failures).isEmpty();
        assertThat(handshakes.get()).isGreaterThanOrEqualTo(1000);
        // Two swaps between two looks at the files are one reload (the newest files win): 1 to 5 reloads.
        assertThat(reloads.lines(listener)).filteredOn(l -> l.startsWith("reloaded ")).hasSizeBetween(1, 5);
        assertThat(served).as("certificates served during the run").hasSizeGreaterThan(1)
                .isSubsetOf(versions.stream().map(v -> v.certificate().getSerialNumber()).toList())
                .contains(versions.get(5).certificate().getSerialNumber());
    }

    /** One connection, one full handshake, one request: the serial of the certificate the gateway presented. */
    private BigInteger request(SSLContext context) throws IOException {
        try (java.net.Socket plain = new java.net.Socket("127.0.0.1", port());
             SSLSocket socket = (SSLSocket) context.getSocketFactory().createSocket(plain, "localhost", port(), true)) {
            socket.setSoTimeout(10_000);
            socket.getOutputStream().write("GET / HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n"
                    .getBytes(StandardCharsets.US_ASCII));
            String response = new String(socket.getInputStream().readAllBytes(), StandardCharsets.US_ASCII);
            if (!response.startsWith("HTTP/1.1 200")) {
                throw new IOException("answered " + response.lines().findFirst().orElse("nothing"));
            }
            socket.getSession().invalidate(); // the next connection makes a full handshake
            return ((X509Certificate) socket.getSession().getPeerCertificates()[0]).getSerialNumber();
        }
    }

    // ---- helpers

    private void start(TlsProvider provider, Duration poll, KeySource key) throws Exception {
        if (clientCas == null) {
            writeTrust(ROOT_A);
        }
        KeySource serverKeySource = key != null ? key : KeySource.pem(serverCertificate, serverKey, PasswordSource.none());
        TlsConfig tls = TlsConfig.builder(serverKeySource, List.of(clientCas)).provider(provider)
                .clientAuth(ClientAuthMode.REQUIRE).crlFiles(crl == null ? List.of() : List.of(crl)).build();
        ListenerConfig config = ListenerConfig.builder(listener, new InetSocketAddress("127.0.0.1", 0), tls,
                new Policy(List.of(Route.of("/", "echo", List.of())))).identityHeaders(IdentityHeaderConfig.defaults())
                .limits(Limits.defaults()).build();
        gateway = Gateway.start(new GatewayConfig(List.of(config), Map.of("echo", UpstreamConfig.echo("echo")), null, null),
                1, Map.of(), poll);
        closeAfter.add(0, gateway);
    }

    private int port() {
        return gateway.addresses(listener).get(0).getPort();
    }

    private void writeServer(HeldCertificate server) throws IOException {
        serverCertificate = dir.resolve("server.crt");
        serverKey = dir.resolve("server.key");
        Files.writeString(serverCertificate, PemWriter.certificates(List.of(server.certificate())));
        Files.writeString(serverKey, PemWriter.privateKey(server.keyPair().getPrivate()));
    }

    private void writeTrust(HeldCertificate... cas) throws IOException {
        clientCas = dir.resolve("clients.pem");
        Files.writeString(clientCas, pem(cas));
        rootA = dir.resolve("root-a.crt");
        Files.writeString(rootA, pem(ROOT_A));
    }

    /**
     * A Kubernetes secret volume holding {@code server}: tls.crt and tls.key are links through
     * {@code ..data} to a versioned directory, swapped as a whole; the server files are its links.
     */
    private Path secretVolume(HeldCertificate server) throws IOException {
        Path volume = Files.createDirectories(dir.resolve("secret"));
        writeSecret(volume, "..2026_12_06_01", server);
        Files.createSymbolicLink(volume.resolve("..data"), Path.of("..2026_12_06_01"));
        for (String name : List.of("tls.crt", "tls.key")) {
            Files.createSymbolicLink(volume.resolve(name), Path.of("..data", name));
        }
        serverCertificate = volume.resolve("tls.crt");
        serverKey = volume.resolve("tls.key");
        return volume;
    }

    /** As the kubelet updates a secret: a new version directory, then the ..data link replaced in one rename. */
    private static void swapSecret(Path volume, String version, HeldCertificate server) throws IOException {
        writeSecret(volume, version, server);
        Path link = volume.resolve("..data_tmp");
        Files.createSymbolicLink(link, Path.of(version));
        Files.move(link, volume.resolve("..data"), StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    }

    private static void writeSecret(Path volume, String version, HeldCertificate server) throws IOException {
        Path data = Files.createDirectories(volume.resolve(version));
        Files.writeString(data.resolve("tls.crt"), PemWriter.certificates(List.of(server.certificate())));
        Files.writeString(data.resolve("tls.key"), PemWriter.privateKey(server.keyPair().getPrivate()));
    }

    /** As a careful writer (cert-manager, a deploy script) does: a new file renamed over the old one. */
    private static Path replaceAtomically(Path file, String content) throws IOException {
        Path next = file.resolveSibling(file.getFileName() + ".next");
        Files.writeString(next, content);
        Files.move(next, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        return file;
    }

    /**
     * A client's certificate or key file. The certificate file holds what an OpenSSL client sends: the
     * leaf, and its root when the client trusts that root itself (root A), as OpenSSL completes the
     * chain from its CA file; so that alice refused shows as UNTRUSTED_ROOT, not as bob's MISSING_INTERMEDIATE.
     */
    private Path clientFile(HeldCertificate client, String suffix) throws IOException {
        Path file = dir.resolve(client.certificate().getSubjectX500Principal().getName().substring(3) + suffix);
        if (!Files.exists(file)) {
            List<X509Certificate> sent = client.fullChain().contains(ROOT_A.certificate()) ? client.fullChain()
                    : List.of(client.certificate());
            Files.writeString(file, suffix.equals(".crt") ? PemWriter.certificates(sent)
                    : PemWriter.privateKey(client.keyPair().getPrivate()));
        }
        return file;
    }

    private HttpsCall.Response call(HeldCertificate client) throws Exception {
        return new HttpsCall(URI.create("https://localhost:" + port() + "/"), rootA)
                .as(clientFile(client, ".crt"), clientFile(client, ".key")).run();
    }

    /** The serial of the certificate the gateway presents to a new handshake, as openssl s_client sees it. */
    private BigInteger servedSerial() throws Exception {
        String out = sClient("-tls1_3");
        Matcher pem = Pattern.compile("-----BEGIN CERTIFICATE-----[^-]+-----END CERTIFICATE-----").matcher(out);
        assertThat(pem.find()).as(out).isTrue();
        X509Certificate served = (X509Certificate) CertificateFactory.getInstance("X.509")
                .generateCertificate(new ByteArrayInputStream(pem.group().getBytes(StandardCharsets.US_ASCII)));
        return served.getSerialNumber();
    }

    /** openssl s_client as alice: one HTTP/1.1 request (which brings the TLS 1.3 tickets), then the end. */
    private String sClient(String... options) throws Exception {
        String openssl = Programs.require("openssl", "openssl (apt-get install openssl)").toString();
        List<String> command = new ArrayList<>(List.of(openssl, "s_client", "-connect", "127.0.0.1:" + port(),
                "-servername", "localhost", "-CAfile", rootA.toString(), "-cert", clientFile(ALICE, ".crt").toString(),
                "-key", clientFile(ALICE, ".key").toString(), "-ign_eof"));
        command.addAll(List.of(options));
        Path request = dir.resolve("request.txt");
        Files.writeString(request, "GET / HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n");
        Programs.Result result = Programs.run(command, Files.readString(request), Duration.ofSeconds(20));
        return result.stdout() + result.stderr();
    }

    private static String pem(HeldCertificate... certificates) {
        StringBuilder pem = new StringBuilder();
        for (HeldCertificate certificate : certificates) {
            pem.append(PemWriter.certificates(List.of(certificate.certificate())));
        }
        return pem.toString();
    }

    private static String crl(HeldCertificate ca, HeldCertificate... revoked) throws Exception {
        Instant now = Instant.now();
        X509v2CRLBuilder builder = new X509v2CRLBuilder(X500Name.getInstance(ca.certificate().getSubjectX500Principal()
                .getEncoded()), Date.from(now.minusSeconds(60))).setNextUpdate(Date.from(now.plus(Duration.ofDays(7))));
        builder.addExtension(Extension.cRLNumber, false, new CRLNumber(BigInteger.valueOf(CRL_NUMBER.incrementAndGet())));
        builder.addExtension(Extension.authorityKeyIdentifier, false,
                new JcaX509ExtensionUtils().createAuthorityKeyIdentifier(ca.certificate()));
        for (HeldCertificate certificate : revoked) {
            builder.addCRLEntry(certificate.certificate().getSerialNumber(), Date.from(now.minusSeconds(30)), 1);
        }
        return PemWriter.pem(builder.build(new JcaContentSignerBuilder(KeyType.signatureAlgorithmFor(ca.keyPair()
                .getPrivate())).build(ca.keyPair().getPrivate())));
    }

    private static String hex(HeldCertificate certificate) {
        return certificate.certificate().getSerialNumber().toString(16).toUpperCase(java.util.Locale.ROOT);
    }

    private static HeldCertificate root(String name) {
        return HeldCertificate.builder().commonName(name).certificateAuthority(0).build();
    }

    private static HeldCertificate client(String name, HeldCertificate issuer) {
        return HeldCertificate.builder().commonName(name).purpose(Purpose.CLIENT).signedBy(issuer).build();
    }

    private static HeldCertificate server(HeldCertificate issuer) {
        return server(issuer, KeyType.EC_P256);
    }

    private static HeldCertificate server(HeldCertificate issuer, KeyType keyType) {
        return HeldCertificate.builder().commonName("localhost").purpose(Purpose.SERVER).addDnsName("localhost")
                .keyType(keyType).signedBy(issuer).build();
    }
}
