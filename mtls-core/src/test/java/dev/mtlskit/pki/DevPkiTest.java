package dev.mtlskit.pki;

import static dev.mtlskit.pki.PkiTestSupport.certificate;
import static dev.mtlskit.pki.PkiTestSupport.clockAt;
import static dev.mtlskit.pki.PkiTestSupport.permissions;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.X509Certificate;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DevPkiTest {

    @TempDir
    Path temp;

    @Test
    void createsCaServerAndClientInAnEmptyDirectory() throws Exception {
        Path dir = temp.resolve("mtls-dev");

        DevPki pki = DevPki.ensure(dir);

        assertThat(pki.caCertificate()).isEqualTo(dir.resolve("ca.crt"));
        assertThat(pki.server().certificate()).isEqualTo(dir.resolve("server.crt"));
        assertThat(pki.server().key()).isEqualTo(dir.resolve("server.key"));
        assertThat(pki.client().certificate()).isEqualTo(dir.resolve("client.crt"));
        assertThat(pki.client().key()).isEqualTo(dir.resolve("client.key"));
        for (String name : new String[] {"ca.crt", "ca.key", "server.crt", "server-chain.crt", "server.key",
                "client.crt", "client-chain.crt", "client.key"}) {
            assertThat(dir.resolve(name)).exists();
        }
        assertThat(permissions(dir.resolve("server.key"))).isEqualTo("rw-------");
        assertThat(permissions(dir.resolve("client.key"))).isEqualTo("rw-------");

        X509Certificate server = certificate(pki.server().certificate());
        assertThat(PkiTestSupport.sanValues(server))
                .containsExactly("localhost", "127.0.0.1", "0:0:0:0:0:0:0:1");
        assertThat(server.getExtendedKeyUsage()).containsExactly("1.3.6.1.5.5.7.3.1");
        X509Certificate client = certificate(pki.client().certificate());
        assertThat(client.getSubjectX500Principal().getName()).isEqualTo("CN=dev-client");
        assertThat(client.getExtendedKeyUsage()).containsExactly("1.3.6.1.5.5.7.3.2");
        client.verify(certificate(pki.caCertificate()).getPublicKey());
        assertThat(pki.written()).hasSize(8);
    }

    @Test
    void reusesWhatIsStillGood() throws Exception {
        Path dir = temp.resolve("mtls-dev");
        DevPki.ensure(dir);
        String serverKey = Files.readString(dir.resolve("server.key"));
        String ca = Files.readString(dir.resolve("ca.crt"));

        DevPki again = DevPki.ensure(dir);

        assertThat(again.written()).isEmpty();
        assertThat(Files.readString(dir.resolve("server.key"))).isEqualTo(serverKey);
        assertThat(Files.readString(dir.resolve("ca.crt"))).isEqualTo(ca);
    }

    @Test
    void renewsMissingOrExpiringLeavesButKeepsTheCa() throws Exception {
        Path dir = temp.resolve("mtls-dev");
        DevPki.ensure(dir, clockAt("2026-01-01T00:00:00Z"));
        String ca = Files.readString(dir.resolve("ca.crt"));
        Files.delete(dir.resolve("client.key"));

        // 397 days later the server certificate has expired too.
        DevPki renewed = DevPki.ensure(dir, clockAt("2027-02-15T00:00:00Z"));

        assertThat(renewed.written()).extracting(WrittenFile::path).contains(dir.resolve("server.crt"),
                dir.resolve("server.key"), dir.resolve("client.crt"), dir.resolve("client.key"));
        assertThat(Files.readString(dir.resolve("ca.crt"))).isEqualTo(ca);
        assertThat(certificate(dir.resolve("server.crt")).getNotAfter().toInstant())
                .isAfter(java.time.Instant.parse("2027-02-16T00:00:00Z"));
    }

    @Test
    void replacesALeafIssuedByAnotherCa() throws Exception {
        Path dir = temp.resolve("mtls-dev");
        DevPki.ensure(dir);
        DevPki.ensure(temp.resolve("other"));
        Files.copy(temp.resolve("other/server.crt"), dir.resolve("server.crt"), java.nio.file.StandardCopyOption.REPLACE_EXISTING);

        DevPki fixed = DevPki.ensure(dir);

        assertThat(fixed.written()).extracting(WrittenFile::path).contains(dir.resolve("server.crt"));
        certificate(dir.resolve("server.crt")).verify(certificate(dir.resolve("ca.crt")).getPublicKey());
    }
}
