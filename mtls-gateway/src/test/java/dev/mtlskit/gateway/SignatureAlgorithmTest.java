package dev.mtlskit.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import dev.mtlskit.gateway.GatewayFixture.RunningGateway;
import dev.mtlskit.gateway.config.KeySource;
import dev.mtlskit.gateway.config.TlsProvider;
import dev.mtlskit.material.PasswordSource;
import dev.mtlskit.material.PemWriter;
import dev.mtlskit.pki.HeldCertificate;
import dev.mtlskit.pki.KeyType;
import dev.mtlskit.pki.Purpose;
import dev.mtlskit.testing.Programs;

/**
 * TLS 1.2 signatures are SHA-256 or stronger, both ways, on both engines, as {@code openssl s_client}
 * sees them: a client that offers only SHA-1 gets {@code handshake_failure} instead of a SHA-1-signed
 * ServerKeyExchange; a client that signs its CertificateVerify with SHA-1 is refused; normal clients
 * are served and see SHA-256 signatures. SECLEVEL=0 lets this OpenSSL offer SHA-1 at all.
 */
class SignatureAlgorithmTest {

    @RegisterExtension
    static final GatewayFixture fixture = new GatewayFixture();

    private static LogCapture rejected;
    private static Path rsaServerCertificate;
    private static Path rsaServerKey;
    private static Path rsaClientCertificate;
    private static Path rsaClientKey;

    @BeforeAll
    static void rsaMaterial() throws Exception {
        rejected = LogCapture.of("mtls.rejected");
        GatewayPki pki = fixture.pki();
        HeldCertificate server = HeldCertificate.builder().commonName("localhost").purpose(Purpose.SERVER)
                .keyType(KeyType.RSA_2048).addDnsName("localhost").addIpAddress("127.0.0.1").signedBy(pki.root).build();
        rsaServerCertificate = pki.directory.resolve("rsa-server.crt");
        rsaServerKey = pki.directory.resolve("rsa-server.key");
        PemWriter.writeCertificates(rsaServerCertificate, List.of(server.certificate()));
        PemWriter.writePrivateKey(rsaServerKey, server.keyPair().getPrivate());
        HeldCertificate client = HeldCertificate.builder().commonName("rsa-client").purpose(Purpose.CLIENT)
                .keyType(KeyType.RSA_2048).signedBy(pki.root).build();
        rsaClientCertificate = pki.directory.resolve("rsa-client.crt");
        rsaClientKey = pki.directory.resolve("rsa-client.key");
        PemWriter.writeCertificates(rsaClientCertificate, List.of(client.certificate()));
        PemWriter.writePrivateKey(rsaClientKey, client.keyPair().getPrivate());
    }

    @AfterAll
    static void stopCapturing() {
        rejected.close();
    }

    private static RunningGateway rsaGateway(TlsProvider provider) throws Exception {
        return fixture.gateway(provider)
                .serverKey(KeySource.pem(rsaServerCertificate, rsaServerKey, PasswordSource.none())).start();
    }

    private static Programs.Result sClient(RunningGateway gateway, String... extra) throws Exception {
        List<String> command = new ArrayList<>(List.of(Programs.require("openssl", "openssl (apt-get install openssl)").toString(),
                "s_client", "-connect", "127.0.0.1:" + gateway.port(), "-servername", "localhost",
                "-CAfile", fixture.pki().caCertificate.toString(), "-cipher", "DEFAULT@SECLEVEL=0"));
        command.addAll(List.of(extra));
        return Programs.run(command, Duration.ofSeconds(30));
    }

    private static String[] acme(String... more) {
        List<String> all = new ArrayList<>(List.of("-cert", fixture.pki().acme.certificate().toString(),
                "-key", fixture.pki().acme.key().toString()));
        all.addAll(List.of(more));
        return all.toArray(String[]::new);
    }

    private static String[] rsaClient(String... more) {
        List<String> all = new ArrayList<>(List.of("-cert", rsaClientCertificate.toString(), "-key", rsaClientKey.toString()));
        all.addAll(List.of(more));
        return all.toArray(String[]::new);
    }

    private static String refusalLine(RunningGateway gateway, String reason) throws InterruptedException {
        String line = rejected.awaitLine("handshake failed " + gateway.logMarker());
        assertThat(line).matches("handshake failed " + Pattern.quote(gateway.logMarker()) + " 127\\.0\\.0\\.1:\\d+: "
                + Pattern.quote(reason));
        return line;
    }

    @ParameterizedTest
    @EnumSource(TlsProvider.class)
    void ecdsaServerRefusesAClientThatOffersOnlySha1(TlsProvider provider) throws Exception {
        RunningGateway gateway = fixture.gateway(provider).start();

        Programs.Result openssl = sClient(gateway, acme("-tls1_2", "-sigalgs", "ECDSA+SHA1:RSA+SHA256", "-trace"));

        assertThat(openssl.stdout()).as(openssl.describe()).contains("ecdsa_sha1 (0x0203)");
        assertThat(openssl.exitCode()).as(openssl.describe()).isNotZero();
        assertThat(openssl.stdout()).as(openssl.describe())
                .contains("Level=fatal(2), description=handshake failure(40)")
                .doesNotContain("ServerKeyExchange")
                .contains("Cipher is (NONE)");
        refusalLine(gateway, "the client offered no signature scheme of SHA-256 or stronger for the gateway's EC key"
                + " (offered: ecdsa_sha1, rsa_pkcs1_sha256)");
    }

    @ParameterizedTest
    @EnumSource(TlsProvider.class)
    void rsaServerRefusesAClientThatOffersOnlySha1(TlsProvider provider) throws Exception {
        RunningGateway gateway = rsaGateway(provider);

        Programs.Result openssl = sClient(gateway, rsaClient("-tls1_2", "-sigalgs", "RSA+SHA1"));

        assertThat(openssl.exitCode()).as(openssl.describe()).isNotZero();
        assertThat(openssl.stderr()).as(openssl.describe()).contains("alert handshake failure");
        assertThat(openssl.stdout()).as(openssl.describe()).contains("Cipher is (NONE)");
        refusalLine(gateway, "the client offered no signature scheme of SHA-256 or stronger for the gateway's RSA key"
                + " (offered: rsa_pkcs1_sha1)");
    }

    @ParameterizedTest
    @EnumSource(TlsProvider.class)
    void aClientOfferingSha1AndSha256GetsSha256(TlsProvider provider) throws Exception {
        RunningGateway ecdsa = fixture.gateway(provider).start();
        RunningGateway rsa = rsaGateway(provider);

        // SHA-1 first: a server that follows the client's order would pick it.
        Programs.Result ecdsaHandshake = sClient(ecdsa, acme("-tls1_2", "-sigalgs", "ECDSA+SHA1:ECDSA+SHA256"));
        Programs.Result rsaHandshake = sClient(rsa, rsaClient("-tls1_2", "-sigalgs", "RSA+SHA1:RSA+SHA256"));

        assertThat(ecdsaHandshake.exitCode()).as(ecdsaHandshake.describe()).isZero();
        assertThat(ecdsaHandshake.stdout()).as(ecdsaHandshake.describe())
                .contains("Peer signing digest: SHA256").contains("Peer signature type: ECDSA").contains("TLSv1.2");
        assertThat(rsaHandshake.exitCode()).as(rsaHandshake.describe()).isZero();
        assertThat(rsaHandshake.stdout()).as(rsaHandshake.describe())
                .contains("Peer signing digest: SHA256").contains("TLSv1.2");
    }

    @ParameterizedTest
    @EnumSource(TlsProvider.class)
    void defaultClientsAreServedWithSha256OrStronger(TlsProvider provider) throws Exception {
        RunningGateway ecdsa = fixture.gateway(provider).start();
        RunningGateway rsa = rsaGateway(provider);

        for (String version : List.of("-tls1_2", "-tls1_3")) {
            Programs.Result ecdsaHandshake = sClient(ecdsa, acme(version));
            Programs.Result rsaHandshake = sClient(rsa, rsaClient(version));

            assertThat(ecdsaHandshake.exitCode()).as(ecdsaHandshake.describe()).isZero();
            assertThat(ecdsaHandshake.stdout()).as(ecdsaHandshake.describe())
                    .containsPattern("Peer signing digest: SHA(256|384|512)").contains("Verify return code: 0 (ok)");
            assertThat(rsaHandshake.exitCode()).as(rsaHandshake.describe()).isZero();
            assertThat(rsaHandshake.stdout()).as(rsaHandshake.describe())
                    .containsPattern("Peer signing digest: SHA(256|384|512)").contains("Verify return code: 0 (ok)");
        }
        GatewayFixture.RunningGateway any = ecdsa;
        HttpsCall.Response response = fixture.call(any, fixture.pki().acme, "/").run();
        assertThat(response.status()).as(response.describe()).isEqualTo(200);
    }

    @ParameterizedTest
    @EnumSource(TlsProvider.class)
    void aClientCertificateVerifySignedWithSha1IsRefused(TlsProvider provider) throws Exception {
        RunningGateway gateway = rsaGateway(provider);

        Programs.Result openssl = sClient(gateway, rsaClient("-tls1_2", "-client_sigalgs", "RSA+SHA1", "-trace"));

        assertThat(openssl.exitCode()).as(openssl.describe()).isNotZero();
        if (provider == TlsProvider.OPENSSL) {
            // BoringSSL still lists rsa_pkcs1_sha1 (netty-tcnative cannot change its list): OpenSSL signs with it.
            assertThat(openssl.stdout()).as(openssl.describe())
                    .contains("Signature Algorithm: rsa_pkcs1_sha1 (0x0201)")
                    .contains("Level=fatal(2), description=illegal parameter(47)");
            refusalLine(gateway, "the client signed its CertificateVerify with rsa_pkcs1_sha1; the gateway accepts"
                    + " SHA-256 or stronger only");
        } else {
            // The JDK lists no SHA-1 scheme: OpenSSL has no way to sign, so it sends no certificate.
            assertThat(openssl.stdout()).as(openssl.describe()).doesNotContain("CertificateVerify");
            String line = rejected.awaitLine("rejected " + gateway.logMarker());
            assertThat(line).contains("NO_CLIENT_CERT");
        }
    }

    @ParameterizedTest
    @EnumSource(TlsProvider.class)
    void theCertificateRequestListsNoSha1OnTheJdkEngine(TlsProvider provider) throws Exception {
        RunningGateway gateway = fixture.gateway(provider).start();

        Programs.Result openssl = sClient(gateway, acme("-tls1_2", "-trace"));

        assertThat(openssl.exitCode()).as(openssl.describe()).isZero();
        String request = openssl.stdout().substring(openssl.stdout().indexOf("CertificateRequest"));
        String algorithms = request.substring(request.indexOf("signature_algorithms"), request.indexOf("certificate_authorities"));
        assertThat(algorithms).as(openssl.describe()).contains("ecdsa_secp256r1_sha256 (0x0403)")
                .doesNotContain("sha224").doesNotContainPattern("\\bdsa_");
        if (provider == TlsProvider.OPENSSL) {
            // A known limit (docs/security.md, TLS): remove this branch when netty-tcnative can set the list.
            assertThat(algorithms).as(openssl.describe()).contains("rsa_pkcs1_sha1 (0x0201)")
                    .doesNotContain("ecdsa_sha1");
        } else {
            assertThat(algorithms).as(openssl.describe()).doesNotContain("sha1");
        }
    }
}
