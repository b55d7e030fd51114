package dev.mtlskit.pki;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.X509CRL;
import java.time.Clock;
import java.time.Duration;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The dev CA's revocations file and CRL: what is written, and a broken file named with its fix. */
class DevCrlTest {

    @TempDir
    Path dir;

    @Test
    void aRevocationIsRecordedOnceAndTheCrlListsIt() throws Exception {
        DevCa ca = DevCa.init(dir, CaSpec.defaults(), false, Clock.systemUTC()).ca();
        DevCaFiles files = new DevCaFiles(dir);
        HeldCertificate acme = ca.issue(LeafRequest.forName(Purpose.CLIENT, "acme").build());

        DevCrl.Revocation first = DevCrl.revoke(ca, files, acme.certificate(), "superseded", Clock.systemUTC());
        DevCrl.Revocation again = DevCrl.revoke(ca, files, acme.certificate(), "keyCompromise", Clock.systemUTC());
        X509CRL crl = DevCrl.writeCrl(ca, files, Duration.ofDays(3), Clock.systemUTC());

        assertThat(again).isEqualTo(first);
        assertThat(DevCrl.revocations(files)).containsExactly(first);
        assertThat(crl.isRevoked(acme.certificate())).isTrue();
        assertThat(crl.getRevokedCertificates()).hasSize(1);
        crl.verify(ca.issuer().certificate().getPublicKey());
        assertThat(Files.readString(DevCrl.crlFile(files))).startsWith("-----BEGIN X509 CRL-----");
    }

    @Test
    void aBrokenRevocationsFileIsNamedWithTheFix() throws Exception {
        Files.writeString(DevCrl.revocationsFile(new DevCaFiles(dir)), "not a revocation\n");

        assertThatThrownBy(() -> DevCrl.revocations(new DevCaFiles(dir))).isInstanceOf(PkiException.class)
                .hasMessage(dir.resolve("revoked.tsv") + ": the line \"not a revocation\" is not SERIAL, TIME, REASON and "
                        + "SUBJECT separated by tabs: fix or remove it (mtls pki revoke writes this file)");
    }
}
