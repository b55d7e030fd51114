package dev.mtlskit.pki;

import static dev.mtlskit.pki.PkiTestSupport.certificates;
import static dev.mtlskit.pki.PkiTestSupport.permissions;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.cert.Certificate;
import java.time.Clock;
import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.mtlskit.material.PasswordSource;

class LeafFilesTest {

    @TempDir
    Path dir;

    @Test
    void fileNamesAreSafeForWildcardsAndIpv6() {
        assertThat(LeafFiles.fileBase("*.example.com")).isEqualTo("_wildcard.example.com");
        assertThat(LeafFiles.fileBase("::1")).isEqualTo("__1");
        assertThat(LeafFiles.fileBase("Acme Corp/EU")).isEqualTo("Acme_Corp_EU");
        assertThatThrownBy(() -> LeafFiles.fileBase("..")).isInstanceOf(PkiException.class);
    }

    @Test
    void writesCertificateChainAndOwnerOnlyKey() throws Exception {
        DevCa ca = DevCa.init(dir, CaSpec.builder().intermediate(true).build(), false, Clock.systemUTC()).ca();
        HeldCertificate leaf = ca.issue(LeafRequest.forName(Purpose.CLIENT, "acme").build());
        LeafFiles files = LeafFiles.forName(dir.resolve("out"), "acme");

        List<WrittenFile> written = files.write(leaf, false, Optional.empty());

        assertThat(written).extracting(WrittenFile::path).containsExactly(
                dir.resolve("out/acme.crt"), dir.resolve("out/acme-chain.crt"), dir.resolve("out/acme.key"));
        assertThat(certificates(files.certificate())).containsExactly(leaf.certificate());
        assertThat(certificates(files.chain())).containsExactly(leaf.certificate(), ca.issuer().certificate());
        assertThat(permissions(files.key())).isEqualTo("rw-------");
        assertThat(written.get(2).description()).contains("0600");
    }

    @Test
    void neverReplacesAKeyUnlessAsked() throws Exception {
        DevCa ca = DevCa.init(dir, CaSpec.defaults(), false, Clock.systemUTC()).ca();
        LeafFiles files = LeafFiles.forName(dir, "acme");
        files.write(ca.issue(LeafRequest.forName(Purpose.CLIENT, "acme").build()), false, Optional.empty());
        String firstKey = Files.readString(files.key());

        assertThatThrownBy(() -> files.write(ca.issue(LeafRequest.forName(Purpose.CLIENT, "acme").build()), false,
                Optional.empty()))
                .isInstanceOf(PkiException.class)
                .hasMessage(files.key() + " already exists: pass --force to replace it (the old key and its certificate "
                        + "can no longer be used then), or choose another name");
        assertThat(Files.readString(files.key())).isEqualTo(firstKey);

        files.write(ca.issue(LeafRequest.forName(Purpose.CLIENT, "acme").build()), true, Optional.empty());
        assertThat(Files.readString(files.key())).isNotEqualTo(firstKey);
    }

    @Test
    void writesAPkcs12FileThatTheJdkReads() throws Exception {
        DevCa ca = DevCa.init(dir, CaSpec.builder().intermediate(true).build(), false, Clock.systemUTC()).ca();
        HeldCertificate leaf = ca.issue(LeafRequest.forName(Purpose.CLIENT, "acme").build());
        LeafFiles files = LeafFiles.forName(dir, "acme");

        files.write(leaf, false, Optional.of(PasswordSource.of("s3cret".toCharArray())));

        assertThat(permissions(files.pkcs12())).isEqualTo("rw-------");
        KeyStore store = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(files.pkcs12())) {
            store.load(in, "s3cret".toCharArray());
        }
        assertThat(store.aliases().asIterator()).toIterable().containsExactly("acme");
        assertThat((PrivateKey) store.getKey("acme", "s3cret".toCharArray())).isEqualTo(leaf.keyPair().getPrivate());
        Certificate[] chain = store.getCertificateChain("acme");
        assertThat(chain).containsExactly(leaf.certificate(), ca.issuer().certificate());
    }

    @Test
    void signedCertificatesGetAChainFileBesideThem() throws Exception {
        DevCa ca = DevCa.init(dir, CaSpec.builder().intermediate(true).build(), false, Clock.systemUTC()).ca();
        var certificate = ca.sign(Csr.create("acme", SubjectAltNames.none(), KeyType.EC_P256.generate()), Purpose.CLIENT,
                Optional.empty());

        List<WrittenFile> written = LeafFiles.writeSigned(dir.resolve("signed/acme.pem"), certificate, ca.intermediates());

        assertThat(written).extracting(WrittenFile::path)
                .containsExactly(dir.resolve("signed/acme.pem"), dir.resolve("signed/acme-chain.pem"));
        assertThat(certificates(dir.resolve("signed/acme-chain.pem"))).containsExactly(certificate, ca.issuer().certificate());
    }
}
