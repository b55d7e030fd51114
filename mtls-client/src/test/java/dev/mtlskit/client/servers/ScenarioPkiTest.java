package dev.mtlskit.client.servers;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.mtlskit.client.servers.ScenarioPki.Credential;
import dev.mtlskit.testing.Programs;

/**
 * Each scenario certificate is broken in exactly the way its name says, as {@code openssl verify}
 * (not our own validator) sees it: the same check that rejects it accepts the good one.
 */
class ScenarioPkiTest {

    @TempDir
    static Path directory;

    private static ScenarioPki pki;

    @BeforeAll
    static void generate() throws Exception {
        pki = ScenarioPki.create(directory);
    }

    @Test
    void serverCertificates() throws Exception {
        String[] asServer = {"-CAfile", pki.serverRootCa.toString(), "-untrusted", pki.serverIntermediateCa.toString(),
            "-purpose", "sslserver", "-verify_hostname", "localhost"};
        assertThat(verify(pki.server, asServer)).endsWith(": OK\n");
        assertThat(verify(pki.server, "-CAfile", pki.serverRootCa.toString(), "-untrusted",
                pki.serverIntermediateCa.toString(), "-verify_ip", "127.0.0.1")).endsWith(": OK\n");
        assertThat(verify(pki.serverExpired, asServer)).contains("error 10 at 0 depth lookup: certificate has expired");
        assertThat(verify(pki.serverWrongName, asServer)).contains("error 62 at 0 depth lookup: hostname mismatch");
        assertThat(verify(pki.serverUnrelated, asServer))
                .contains("error 20 at 0 depth lookup: unable to get local issuer certificate");
        assertThat(verify(pki.serverLeafOnly, "-CAfile", pki.serverRootCa.toString()))
                .contains("error 20 at 0 depth lookup: unable to get local issuer certificate");
    }

    @Test
    void clientCertificates() throws Exception {
        String[] asClient = {"-CAfile", pki.clientRootCa.toString(), "-untrusted", pki.clientIntermediateCa.toString(),
            "-purpose", "sslclient"};
        assertThat(verify(pki.client, asClient)).endsWith(": OK\n");
        assertThat(verify(pki.clientExpired, asClient)).contains("error 10 at 0 depth lookup: certificate has expired");
        assertThat(verify(pki.clientNotYetValid, asClient))
                .contains("error 9 at 0 depth lookup: certificate is not yet valid");
        assertThat(verify(pki.clientServerAuthOnly, asClient))
                .contains("error 26 at 0 depth lookup: unsuitable certificate purpose");
        assertThat(verify(pki.clientServerAuthOnly, "-CAfile", pki.clientRootCa.toString(), "-untrusted",
                pki.clientIntermediateCa.toString(), "-purpose", "sslserver")).endsWith(": OK\n");
        assertThat(verify(pki.clientUnrelated, asClient))
                .contains("error 20 at 0 depth lookup: unable to get local issuer certificate");
        assertThat(verify(pki.clientLeafOnly, "-CAfile", pki.clientRootCa.toString(), "-purpose", "sslclient"))
                .contains("error 20 at 0 depth lookup: unable to get local issuer certificate");
        assertThat(verify(pki.client, "-CAfile", pki.clientCaBundle.toString(), "-purpose", "sslclient"))
                .endsWith(": OK\n");
    }

    @Test
    void revocation() throws Exception {
        String[] leafCheck = {"-CAfile", pki.clientRootCa.toString(), "-untrusted", pki.clientIntermediateCa.toString(),
            "-crl_check", "-CRLfile", pki.clientIntermediateCrl.toString()};
        assertThat(verify(pki.clientRevoked, leafCheck)).contains("error 23 at 0 depth lookup: certificate revoked");
        assertThat(verify(pki.client, leafCheck)).endsWith(": OK\n");

        String[] chainCheck = {"-CAfile", pki.clientRootCa.toString(), "-untrusted", pki.clientIntermediateCa.toString(),
            "-crl_check_all", "-CRLfile", pki.clientCrls.toString()};
        assertThat(verify(pki.clientRevoked, chainCheck)).contains("error 23 at 0 depth lookup: certificate revoked");
        assertThat(verify(pki.client, chainCheck)).endsWith(": OK\n");
    }

    @Test
    void filesHoldWhatTheirNamesSay() throws Exception {
        assertThat(certificateCount(pki.server.certificate())).isEqualTo(2);
        assertThat(certificateCount(pki.serverLeafOnly.certificate())).isEqualTo(1);
        assertThat(certificateCount(pki.serverWithRoot.certificate())).isEqualTo(3);
        assertThat(certificateCount(pki.client.certificate())).isEqualTo(2);
        assertThat(certificateCount(pki.clientLeafOnly.certificate())).isEqualTo(1);
        assertThat(certificateCount(pki.clientUnrelated.certificate())).isEqualTo(1);
        assertThat(certificateCount(pki.clientCaBundle)).isEqualTo(2);
        assertThat(Files.readString(pki.clientCrls).split("-----BEGIN X509 CRL-----", -1)).hasSize(3);
        assertThat(ScenarioPki.CLIENT_SUBJECT).isEqualTo(
                pki.client.leaf().getSubjectX500Principal().getName());
    }

    @Test
    void keysAreOwnerOnlyAndTheWrongKeyIsWrong() throws Exception {
        for (Credential credential : List.of(pki.server, pki.client, pki.clientWrongKey, pki.clientRevoked)) {
            assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(credential.key())))
                    .as(credential.key().toString()).isEqualTo("rw-------");
        }
        assertThat(publicKeyOfKeyFile(pki.client)).isEqualTo(publicKeyOfCertificate(pki.client));
        assertThat(publicKeyOfKeyFile(pki.clientWrongKey)).isNotEqualTo(publicKeyOfCertificate(pki.clientWrongKey));
    }

    private static String verify(Credential credential, String... options) throws Exception {
        List<String> command = new ArrayList<>(List.of(openssl(), "verify"));
        command.addAll(List.of(options));
        command.add(credential.certificate().toString());
        Programs.Result result = Programs.run(command, Duration.ofSeconds(20));
        return result.stdout() + result.stderr();
    }

    private static String publicKeyOfKeyFile(Credential credential) throws Exception {
        return Programs.run(List.of(openssl(), "pkey", "-in", credential.key().toString(), "-pubout"),
                Duration.ofSeconds(20)).stdout();
    }

    private static String publicKeyOfCertificate(Credential credential) throws Exception {
        return Programs.run(List.of(openssl(), "x509", "-in", credential.certificate().toString(), "-noout", "-pubkey"),
                Duration.ofSeconds(20)).stdout();
    }

    private static int certificateCount(Path file) throws Exception {
        return Files.readString(file).split("-----BEGIN CERTIFICATE-----", -1).length - 1;
    }

    private static String openssl() {
        return Programs.require("openssl", "openssl (apt-get install openssl)").toString();
    }
}
