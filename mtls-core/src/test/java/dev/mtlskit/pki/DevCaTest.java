package dev.mtlskit.pki;

import static dev.mtlskit.pki.PkiTestSupport.certificate;
import static dev.mtlskit.pki.PkiTestSupport.clockAt;
import static dev.mtlskit.pki.PkiTestSupport.permissions;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.security.interfaces.RSAPublicKey;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.mtlskit.material.PasswordSource;

class DevCaTest {

    private static final String SERVER_AUTH = "1.3.6.1.5.5.7.3.1";
    private static final String CLIENT_AUTH = "1.3.6.1.5.5.7.3.2";

    @TempDir
    Path dir;

    @Test
    void initWritesARootCaWithAnOwnerOnlyKey() throws Exception {
        DevCa.Init init = DevCa.init(dir, CaSpec.defaults(), false, Clock.systemUTC());

        X509Certificate root = certificate(dir.resolve("ca.crt"));
        assertThat(root.getSubjectX500Principal().getName()).isEqualTo("CN=mtls-kit dev Root CA,O=mtls-kit dev");
        assertThat(root.getBasicConstraints()).isZero();
        assertThat(root.getKeyUsage()[5]).as("keyCertSign").isTrue();
        assertThat(root.getSigAlgName()).isEqualTo("SHA256withECDSA");
        assertThat(Duration.between(root.getNotBefore().toInstant(), root.getNotAfter().toInstant()))
                .isEqualTo(Duration.ofDays(3650));
        assertThat(permissions(dir.resolve("ca.key"))).isEqualTo("rw-------");
        assertThat(Files.readString(dir.resolve("ca.key"))).startsWith("-----BEGIN PRIVATE KEY-----");
        assertThat(init.written()).extracting(WrittenFile::path).containsExactly(dir.resolve("ca.crt"), dir.resolve("ca.key"));
        assertThat(init.ca().root()).isEqualTo(root);
        assertThat(init.ca().intermediates()).isEmpty();
        assertThat(Files.exists(dir.resolve("intermediate.crt"))).isFalse();
    }

    @Test
    void initWithAnIntermediateIssuesLeavesFromIt() throws Exception {
        CaSpec spec = CaSpec.builder().name("Acme dev").keyType(KeyType.RSA_2048).intermediate(true).build();
        DevCa ca = DevCa.init(dir, spec, false, Clock.systemUTC()).ca();

        X509Certificate root = certificate(dir.resolve("ca.crt"));
        X509Certificate intermediate = certificate(dir.resolve("intermediate.crt"));
        assertThat(root.getBasicConstraints()).isEqualTo(1);
        assertThat(intermediate.getBasicConstraints()).isZero();
        assertThat(intermediate.getIssuerX500Principal()).isEqualTo(root.getSubjectX500Principal());
        intermediate.verify(root.getPublicKey());
        assertThat(((RSAPublicKey) root.getPublicKey()).getModulus().bitLength()).isEqualTo(2048);
        assertThat(permissions(dir.resolve("intermediate.key"))).isEqualTo("rw-------");
        assertThat(ca.intermediates()).containsExactly(intermediate);

        HeldCertificate leaf = ca.issue(LeafRequest.forName(Purpose.CLIENT, "acme").build());
        assertThat(leaf.certificate().getIssuerX500Principal().getName())
                .isEqualTo("CN=Acme dev Intermediate CA,O=Acme dev");
        assertThat(leaf.chainWithoutRoot()).containsExactly(leaf.certificate(), intermediate);
    }

    @Test
    void initRefusesToReplaceAnExistingCaAndNamesItsFiles() {
        DevCa.init(dir, CaSpec.defaults(), false, Clock.systemUTC());

        assertThatThrownBy(() -> DevCa.init(dir, CaSpec.defaults(), false, Clock.systemUTC()))
                .isInstanceOf(PkiException.class)
                .hasMessageContaining("already has a CA")
                .hasMessageContaining(dir.resolve("ca.crt").toString())
                .hasMessageContaining(dir.resolve("ca.key").toString())
                .hasMessageContaining("--force");
    }

    @Test
    void replacingACaWithoutIntermediateRemovesTheStaleIntermediate() throws Exception {
        DevCa.init(dir, CaSpec.builder().intermediate(true).build(), false, Clock.systemUTC());
        X509Certificate oldRoot = certificate(dir.resolve("ca.crt"));

        DevCa.init(dir, CaSpec.defaults(), true, Clock.systemUTC());

        assertThat(certificate(dir.resolve("ca.crt"))).isNotEqualTo(oldRoot);
        assertThat(Files.exists(dir.resolve("intermediate.crt"))).isFalse();
        assertThat(Files.exists(dir.resolve("intermediate.key"))).isFalse();
    }

    @Test
    void issuesServerClientAndDualCertificatesWithMatchingUsages() throws Exception {
        DevCa ca = DevCa.init(dir, CaSpec.defaults(), false, Clock.systemUTC()).ca();

        X509Certificate server = ca.issue(LeafRequest.forName(Purpose.SERVER, "api.example.com").build()).certificate();
        X509Certificate client = ca.issue(LeafRequest.forName(Purpose.CLIENT, "acme").build()).certificate();
        X509Certificate dual = ca.issue(LeafRequest.forName(Purpose.DUAL, "svc.internal").build()).certificate();

        assertThat(server.getExtendedKeyUsage()).containsExactly(SERVER_AUTH);
        assertThat(client.getExtendedKeyUsage()).containsExactly(CLIENT_AUTH);
        assertThat(dual.getExtendedKeyUsage()).containsExactly(SERVER_AUTH, CLIENT_AUTH);
        for (X509Certificate leaf : List.of(server, client, dual)) {
            assertThat(leaf.getBasicConstraints()).isEqualTo(-1);
            assertThat(leaf.getKeyUsage()[0]).as("digitalSignature").isTrue();
            assertThat(leaf.getKeyUsage()[5]).as("keyCertSign").isFalse();
            leaf.verify(ca.root().getPublicKey());
        }
        assertThat(PkiTestSupport.sanValues(server)).containsExactly("api.example.com");
        assertThat(client.getSubjectX500Principal().getName()).isEqualTo("CN=acme");
        assertThat(client.getSubjectAlternativeNames()).isNull();
        assertThat(PkiTestSupport.sanValues(dual)).containsExactly("svc.internal");
    }

    @Test
    void aServerNamedByAnIpAddressGetsAnIpName() throws Exception {
        DevCa ca = DevCa.init(dir, CaSpec.defaults(), false, Clock.systemUTC()).ca();

        X509Certificate server = ca.issue(LeafRequest.forName(Purpose.SERVER, "10.0.0.5")
                .names(SubjectAltNames.builder().addDnsName("db.internal").build()).build()).certificate();

        assertThat(server.getSubjectAlternativeNames()).extracting(name -> name.get(0), name -> name.get(1))
                .containsExactlyInAnyOrder(org.assertj.core.groups.Tuple.tuple(7, "10.0.0.5"),
                        org.assertj.core.groups.Tuple.tuple(2, "db.internal"));
    }

    @Test
    void issuesEveryKindOfName() throws Exception {
        DevCa ca = DevCa.init(dir, CaSpec.defaults(), false, Clock.systemUTC()).ca();
        SubjectAltNames names = SubjectAltNames.builder().addDnsName("*.example.com").addIpAddress("::1")
                .addUri("spiffe://example.org/ns/prod/sa/api").addEmail("ops@example.com").build();

        X509Certificate leaf = ca.issue(LeafRequest.forName(Purpose.CLIENT, "api").names(names).build()).certificate();

        assertThat(PkiTestSupport.sanValues(leaf)).containsExactly(
                "*.example.com", "0:0:0:0:0:0:0:1", "spiffe://example.org/ns/prod/sa/api", "ops@example.com");
    }

    @Test
    void refusesAServerNameThatIsNoHostName() {
        assertThatThrownBy(() -> LeafRequest.forName(Purpose.SERVER, "my server").build())
                .isInstanceOf(PkiException.class)
                .hasMessageStartingWith("a server certificate's name is also its DNS name or IP address: "
                        + "DNS name 'my server' is not a valid host name");
        assertThatThrownBy(() -> LeafRequest.forName(Purpose.SERVER, "*.com").build())
                .hasMessageContaining("wildcard for a top-level domain");
        assertThatThrownBy(() -> LeafRequest.forName(Purpose.CLIENT, " ").build())
                .hasMessageContaining("name is empty");
    }

    @Test
    void aDualCertificateNeedsAHostName() {
        assertThatThrownBy(() -> LeafRequest.forName(Purpose.DUAL, "Acme Corp").build())
                .hasMessageContaining("needs a DNS name or IP address");
    }

    @Test
    void leavesAreValid397DaysByDefaultButNeverBeyondTheirCa() throws Exception {
        Clock clock = clockAt("2026-03-01T12:00:00Z");
        DevCa longLived = DevCa.init(dir.resolve("long"), CaSpec.defaults(), false, clock).ca();
        DevCa shortLived = DevCa.init(dir.resolve("short"), CaSpec.builder().validity(Duration.ofDays(30)).build(),
                false, clock).ca();

        X509Certificate normal = longLived.issue(LeafRequest.forName(Purpose.CLIENT, "a").build()).certificate();
        X509Certificate clipped = shortLived.issue(LeafRequest.forName(Purpose.CLIENT, "b").build()).certificate();

        assertThat(normal.getNotBefore().toInstant()).isEqualTo(Instant.parse("2026-03-01T11:55:00Z"));
        assertThat(normal.getNotAfter().toInstant()).isEqualTo(Instant.parse("2026-03-01T11:55:00Z").plus(Duration.ofDays(397)));
        assertThat(clipped.getNotAfter()).isEqualTo(shortLived.root().getNotAfter());
        assertThatThrownBy(() -> shortLived.issue(LeafRequest.forName(Purpose.CLIENT, "c")
                .validity(Duration.ofDays(90)).build()))
                .isInstanceOf(PkiException.class)
                .hasMessageContaining("90 days would outlive the CA")
                .hasMessageContaining("ask for at most 30 days");
    }

    @Test
    void anExpiredCaIssuesNothing() {
        DevCa ca = DevCa.init(dir, CaSpec.builder().validity(Duration.ofDays(1)).build(), false,
                clockAt("2026-03-01T12:00:00Z")).ca();
        DevCa later = new DevCa(ca.issuer(), clockAt("2026-03-05T12:00:00Z"));

        assertThatThrownBy(() -> later.issue(LeafRequest.forName(Purpose.CLIENT, "a").build()))
                .hasMessageContaining("expired on 2026-03-02")
                .hasMessageContaining("mtls pki init --force");
    }

    @Test
    void refusesALeafAsIssuer() {
        HeldCertificate leaf = HeldCertificate.builder().commonName("leaf").purpose(Purpose.CLIENT).build();

        assertThatThrownBy(() -> new DevCa(leaf, Clock.systemUTC()))
                .isInstanceOf(PkiException.class)
                .hasMessageContaining("is not a CA certificate");
    }

    @Test
    void loadingADirectoryWithoutCaSaysHowToCreateOne() {
        assertThatThrownBy(() -> DevCa.load(dir, PasswordSource.none(), Clock.systemUTC()))
                .isInstanceOf(PkiException.class)
                .hasMessage(dir + "/ has no CA: run 'mtls pki init --dir " + dir + "' first");
    }

    @Test
    void theDefaultDirectoryNeedsNoDirOption() {
        DevCaFiles files = new DevCaFiles(DevCaFiles.DEFAULT_DIRECTORY);
        assertThat(files.displayName()).isEqualTo("mtls-dev/");
        assertThat(files.initCommand()).isEqualTo("mtls pki init");
        assertThat(new DevCaFiles(Path.of("my certs")).initCommand()).isEqualTo("mtls pki init --dir 'my certs'");
    }

    @Test
    void loadsTheCaItWrote() throws Exception {
        DevCa.init(dir, CaSpec.builder().intermediate(true).build(), false, Clock.systemUTC());

        DevCa loaded = DevCa.load(dir, PasswordSource.none(), Clock.systemUTC());

        assertThat(loaded.root()).isEqualTo(certificate(dir.resolve("ca.crt")));
        assertThat(loaded.issuer().certificate()).isEqualTo(certificate(dir.resolve("intermediate.crt")));
        X509Certificate leaf = loaded.issue(LeafRequest.forName(Purpose.CLIENT, "acme").build()).certificate();
        leaf.verify(loaded.issuer().certificate().getPublicKey());
    }

    @Test
    void loadingRefusesAnIntermediateOfAnotherRoot() throws Exception {
        DevCa.init(dir, CaSpec.builder().intermediate(true).build(), false, Clock.systemUTC());
        Path other = dir.resolve("other");
        DevCa.init(other, CaSpec.defaults(), false, Clock.systemUTC());
        Files.copy(other.resolve("ca.crt"), dir.resolve("ca.crt"), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        Files.copy(other.resolve("ca.key"), dir.resolve("ca.key"), java.nio.file.StandardCopyOption.REPLACE_EXISTING);

        assertThatThrownBy(() -> DevCa.load(dir, PasswordSource.none(), Clock.systemUTC()))
                .isInstanceOf(PkiException.class)
                .hasMessageContaining("intermediate.crt was not issued by")
                .hasMessageContaining("--force --intermediate");
    }

    @Test
    void loadingWithAMissingKeySaysWhichFileIsMissing() throws Exception {
        DevCa.init(dir, CaSpec.defaults(), false, Clock.systemUTC());
        Files.delete(dir.resolve("ca.key"));

        assertThatThrownBy(() -> DevCa.load(dir, PasswordSource.none(), Clock.systemUTC()))
                .hasMessageContaining("has ca.crt but no ca.key");
    }

    @Test
    void signsWithACaGivenAsFiles() throws Exception {
        DevCa.init(dir, CaSpec.builder().intermediate(true).build(), false, Clock.systemUTC());
        Path bundle = dir.resolve("issuing-ca.pem");
        Files.writeString(bundle, Files.readString(dir.resolve("intermediate.crt")) + Files.readString(dir.resolve("ca.crt")));

        DevCa ca = DevCa.fromFiles(bundle, dir.resolve("intermediate.key"), PasswordSource.none(), Clock.systemUTC());
        Csr csr = Csr.create("acme", SubjectAltNames.none(), KeyType.EC_P256.generate());
        X509Certificate leaf = ca.sign(csr, Purpose.CLIENT, Optional.of(Duration.ofDays(30)));

        assertThat(ca.hasRoot()).isTrue();
        assertThat(ca.intermediates()).containsExactly(certificate(dir.resolve("intermediate.crt")));
        leaf.verify(certificate(dir.resolve("intermediate.crt")).getPublicKey());
    }
}
