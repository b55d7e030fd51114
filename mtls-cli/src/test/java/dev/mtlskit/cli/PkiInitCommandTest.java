package dev.mtlskit.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PkiInitCommandTest {

    @TempDir
    Path temp;

    @Test
    void createsTheCaAndSaysWhatItWroteAndWhatIsNext() throws Exception {
        Path dir = temp.resolve("pki");

        PkiTestCli.Result result = PkiTestCli.run("pki", "init", "--dir", dir.toString());

        assertThat(result.exitCode()).as(result.toString()).isZero();
        assertThat(result.out())
                .contains("Created a dev CA in " + dir + "/:")
                .contains("Root CA      CN=mtls-kit dev Root CA,O=mtls-kit dev")
                .contains("Key          EC P-256")
                .contains("(3650 days)")
                .contains(dir.resolve("ca.crt") + "  root CA certificate (trust this one)")
                .contains(dir.resolve("ca.key") + "  root CA key (secret, mode 0600")
                .contains("mtls pki issue server localhost --dir " + dir)
                .contains("mtls pki issue client acme --dir " + dir);
        assertThat(result.err()).isEmpty();
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(dir.resolve("ca.key")))).isEqualTo("rw-------");
    }

    @Test
    void refusesToReplaceAnExistingCaWithoutForce() throws Exception {
        Path dir = temp.resolve("pki");
        PkiTestCli.run("pki", "init", "--dir", dir.toString());
        String key = Files.readString(dir.resolve("ca.key"));

        PkiTestCli.Result refused = PkiTestCli.run("pki", "init", "--dir", dir.toString());

        assertThat(refused.exitCode()).isEqualTo(2);
        assertThat(refused.err()).isEqualTo("error: " + dir + "/ already has a CA (" + dir.resolve("ca.crt") + ", "
                + dir.resolve("ca.key") + "): pass --force to replace it, knowing that every certificate it issued "
                + "will stop verifying, or use another --dir\n");
        assertThat(Files.readString(dir.resolve("ca.key"))).isEqualTo(key);

        PkiTestCli.Result forced = PkiTestCli.run("pki", "init", "--dir", dir.toString(), "--force");
        assertThat(forced.exitCode()).isZero();
        assertThat(Files.readString(dir.resolve("ca.key"))).isNotEqualTo(key);
    }

    @Test
    void createsAnIntermediateWithAnRsaKeyAndAName() {
        Path dir = temp.resolve("pki");

        PkiTestCli.Result result = PkiTestCli.run("pki", "init", "--dir", dir.toString(), "--intermediate", "--rsa", "3072",
                "--name", "Acme dev", "--days", "730");

        assertThat(result.exitCode()).as(result.toString()).isZero();
        assertThat(result.out())
                .contains("CN=Acme dev Root CA,O=Acme dev")
                .contains("Intermediate  CN=Acme dev Intermediate CA,O=Acme dev (issues the leaves)")
                .contains("RSA 3072")
                .contains("(730 days)")
                .contains(dir.resolve("intermediate.crt").toString())
                .contains(dir.resolve("intermediate.key").toString());
    }

    @Test
    void refusesKeySizesAndValiditiesItDoesNotOffer() {
        PkiTestCli.Result rsa = PkiTestCli.run("pki", "init", "--dir", temp.resolve("a").toString(), "--rsa", "1024");
        PkiTestCli.Result days = PkiTestCli.run("pki", "init", "--dir", temp.resolve("b").toString(), "--days", "0");

        assertThat(rsa.exitCode()).isEqualTo(2);
        assertThat(rsa.err()).startsWith("error: --rsa 1024 is not offered: use 2048, 3072 or 4096");
        assertThat(days.exitCode()).isEqualTo(2);
        assertThat(days.err()).startsWith("error: --days 0 is not a validity");
        assertThat(temp.resolve("a")).doesNotExist();
    }

    @Test
    void pkiWithoutSubcommandShowsItsHelp() {
        PkiTestCli.Result result = PkiTestCli.run("pki");

        assertThat(result.exitCode()).isZero();
        assertThat(result.out()).contains("init").contains("issue").contains("csr").contains("sign")
                .contains("mtls pki issue client acme");
    }
}
