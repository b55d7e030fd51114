package dev.mtlskit.cli;

import static dev.mtlskit.cli.PkiIssueCommandTest.certificates;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

import org.bouncycastle.asn1.nist.NISTObjectIdentifiers;
import org.bouncycastle.jce.provider.BouncyCastleProvider;
import org.bouncycastle.openssl.jcajce.JcaPKCS8Generator;
import org.bouncycastle.openssl.jcajce.JceOpenSSLPKCS8EncryptorBuilder;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import dev.mtlskit.material.PemWriter;
import dev.mtlskit.pki.HeldCertificate;
import dev.mtlskit.pki.Purpose;

class InspectCommandTest {

    @TempDir
    Path temp;

    private Path dir;

    @BeforeEach
    void init() {
        dir = temp.resolve("mtls-dev");
        assertThat(PkiTestCli.run("pki", "init", "--dir", dir.toString(), "--intermediate").exitCode()).isZero();
        assertThat(PkiTestCli.run("pki", "issue", "client", "acme", "--dir", dir.toString(),
                "--uri", "spiffe://example.org/acme").exitCode()).isZero();
    }

    @Test
    void showsAChainAndWhichCertificateAKeyBelongsTo() throws Exception {
        Path chain = dir.resolve("acme-chain.crt");
        Path key = dir.resolve("acme.key");

        PkiTestCli.Result result = PkiTestCli.run("inspect", chain.toString(), key.toString());

        assertThat(result.exitCode()).as(result.toString()).isZero();
        X509Certificate leaf = certificates(chain).get(0);
        assertThat(result.out())
                .startsWith(chain + ": 2 certificates, leaf first; each is signed by the next\n")
                .contains("  [1] leaf: CN=acme\n")
                .contains("      Subject         CN=acme\n")
                .contains("      Issuer          CN=mtls-kit dev Intermediate CA,O=mtls-kit dev\n")
                .contains("      Serial          " + leaf.getSerialNumber().toString(16).toUpperCase())
                .contains("      Key             EC P-256\n")
                .contains("      Signature       SHA256withECDSA\n")
                .contains("      Names (SAN)     URI:spiffe://example.org/acme\n")
                .contains("      Key usage       digitalSignature\n")
                .contains("      Extended usage  clientAuth\n")
                .contains("      CA              no\n")
                .contains("      Signed by next  yes: [2]'s public key verifies its signature\n")
                .contains("  [2] intermediate CA: CN=mtls-kit dev Intermediate CA,O=mtls-kit dev\n")
                .contains("      CA              yes, no CA below it (pathLen 0)\n")
                .contains("      Chain ends      its issuer is not in this file")
                .contains(key + ": private key\n")
                .contains("      Belongs to      matches " + chain + " (CN=acme)\n")
                .doesNotContain("WARNING");
        assertThat(result.out()).containsPattern("      Valid until     \\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d:\\d\\d UTC \\(39[67] days left\\)");
        assertThat(result.out()).containsPattern("      SHA-256         ([0-9A-F]{2}:){31}[0-9A-F]{2}\n");
        assertThat(result.out()).containsPattern("      SPKI pin        [A-Za-z0-9+/]{43}=\n");
    }

    @Test
    void judgesValidityAtTheGivenTime() throws Exception {
        Path crt = dir.resolve("acme.crt");
        Instant notAfter = certificates(crt).get(0).getNotAfter().toInstant();
        Instant notBefore = certificates(crt).get(0).getNotBefore().toInstant();

        PkiTestCli.Result expired = PkiTestCli.run("inspect", crt.toString(), "--at",
                notAfter.plus(Duration.ofDays(6)).plus(Duration.ofHours(1)).toString());
        PkiTestCli.Result early = PkiTestCli.run("inspect", crt.toString(), "--at",
                notBefore.minus(Duration.ofDays(3)).minus(Duration.ofHours(1)).toString());

        assertThat(expired.out()).contains("(EXPIRED 6 days ago)");
        assertThat(early.out()).contains("(not valid for another 3 days)");
        assertThat(PkiTestCli.run("inspect", crt.toString(), "--at", "2026-13-01").err())
                .isEqualTo("error: --at 2026-13-01: not an ISO-8601 time; write e.g. 2026-11-26T12:00:00Z or 2026-11-26\n");
    }

    @Test
    void saysWhenTheFileHadThemOutOfOrder() throws Exception {
        Path reversed = temp.resolve("reversed.pem");
        Files.writeString(reversed, Files.readString(dir.resolve("intermediate.crt")) + Files.readString(dir.resolve("acme.crt")));

        PkiTestCli.Result result = PkiTestCli.run("inspect", reversed.toString());

        assertThat(result.exitCode()).as(result.toString()).isZero();
        assertThat(result.out()).contains("  The file had them out of order; listed leaf first.\n")
                .contains("  [1] leaf: CN=acme");
    }

    @Test
    void flagsACertificateWithoutClientAuth() {
        PkiTestCli.run("pki", "issue", "server", "api.example.com", "--dir", dir.toString());

        PkiTestCli.Result result = PkiTestCli.run("inspect", dir.resolve("api.example.com.crt").toString());

        assertThat(result.out()).startsWith(dir.resolve("api.example.com.crt") + ": 1 certificate\n")
                .contains("      WARNING         no clientAuth: servers that check the purpose will reject it as a client "
                        + "certificate (public CAs stopped issuing clientAuth in 2026) [WRONG_PURPOSE]");
    }

    @Test
    void aKeyThatMatchesNothingOrHasNothingToMatch() {
        PkiTestCli.run("pki", "issue", "client", "bob", "--dir", dir.toString());

        PkiTestCli.Result none = PkiTestCli.run("inspect", dir.resolve("bob.key").toString(), dir.resolve("acme.crt").toString());
        PkiTestCli.Result alone = PkiTestCli.run("inspect", dir.resolve("bob.key").toString());

        assertThat(none.out()).contains("Belongs to      matches none of the certificates given");
        assertThat(alone.out()).contains("no certificates given");
    }

    @Test
    void readsStandardInput() throws Exception {
        byte[] pem = Files.readAllBytes(dir.resolve("ca.crt"));

        PkiTestCli.Result result = PkiTestCli.run(commandLine -> {
            InspectCommand inspect = PkiTestCli.subcommand(commandLine, "inspect");
            inspect.stdin = new ByteArrayInputStream(pem);
        }, "inspect", "-");

        assertThat(result.exitCode()).as(result.toString()).isZero();
        assertThat(result.out()).startsWith("stdin: 1 certificate\n")
                .contains("  [1] root CA: CN=mtls-kit dev Root CA,O=mtls-kit dev")
                .contains("(itself: self-signed)")
                .contains("yes, at most 1 CA(s) below it (pathLen 1)");
    }

    @Test
    void printsJson() throws Exception {
        Path chain = dir.resolve("acme-chain.crt");
        Path key = dir.resolve("acme.key");

        PkiTestCli.Result result = PkiTestCli.run("inspect", "--json", "--at", "2026-03-01T00:00:00Z",
                chain.toString(), key.toString());

        assertThat(result.exitCode()).as(result.toString()).isZero();
        JsonNode json = new ObjectMapper().readTree(result.out());
        assertThat(json.get("inspectedAt").asText()).isEqualTo("2026-03-01T00:00:00Z");
        JsonNode bundle = json.get("files").get(0);
        assertThat(bundle.get("file").asText()).isEqualTo(chain.toString());
        assertThat(bundle.get("kind").asText()).isEqualTo("certificates");
        assertThat(bundle.get("reordered").asBoolean()).isFalse();
        assertThat(bundle.get("chain").asBoolean()).isTrue();
        JsonNode leaf = bundle.get("certificates").get(0);
        assertThat(leaf.get("subject").asText()).isEqualTo("CN=acme");
        assertThat(leaf.get("role").asText()).isEqualTo("LEAF");
        assertThat(leaf.get("validity").get("status").asText()).isIn("VALID", "NOT_YET_VALID");
        assertThat(leaf.get("validity").get("notAfter").asText()).matches("\\d{4}-.*Z");
        assertThat(leaf.get("key").get("type").asText()).isEqualTo("EC P-256");
        assertThat(leaf.get("key").get("bits").asInt()).isEqualTo(256);
        assertThat(leaf.get("subjectAltNames").get(0).get("type").asText()).isEqualTo("URI");
        assertThat(leaf.get("subjectAltNames").get(0).get("value").asText()).isEqualTo("spiffe://example.org/acme");
        assertThat(leaf.get("extendedKeyUsage").get(0).asText()).isEqualTo("clientAuth");
        assertThat(leaf.get("basicConstraints").get("ca").asBoolean()).isFalse();
        assertThat(leaf.get("selfSigned").asBoolean()).isFalse();
        assertThat(leaf.get("sha256Fingerprint").asText()).hasSize(95);
        assertThat(leaf.get("findings").isArray()).isTrue();
        assertThat(leaf.has("ocspUrls") && leaf.has("caIssuersUrls") && leaf.has("crlUrls")).isTrue();
        assertThat(bundle.get("links").get(0).get("signedByNext").asBoolean()).isTrue();
        JsonNode keyNode = json.get("files").get(1);
        assertThat(keyNode.get("kind").asText()).isEqualTo("privateKey");
        assertThat(keyNode.get("key").get("algorithm").asText()).isEqualTo("EC");
        assertThat(keyNode.get("certificatesCompared").asInt()).isEqualTo(2);
        assertThat(keyNode.get("matches").get(0).get("source").asText()).isEqualTo(chain.toString());
        assertThat(keyNode.get("matches").get(0).get("position").asInt()).isEqualTo(1);
    }

    @Test
    void readsAnEncryptedKeyWithTheKeyPasswordOptions() throws Exception {
        PrivateKey key = HeldCertificate.builder().commonName("x").purpose(Purpose.CLIENT).build().keyPair().getPrivate();
        Path encrypted = temp.resolve("encrypted.key");
        Files.writeString(encrypted, PemWriter.pem(new JcaPKCS8Generator(key,
                new JceOpenSSLPKCS8EncryptorBuilder(NISTObjectIdentifiers.id_aes256_CBC).setProvider(new BouncyCastleProvider())
                        .setPassword("s3cret".toCharArray())
                        .build()).generate()));
        Path passwordFile = temp.resolve("pass.txt");
        Files.writeString(passwordFile, "s3cret\n");

        PkiTestCli.Result withFile = PkiTestCli.run("inspect", encrypted.toString(), "--key-pass-file", passwordFile.toString());
        PkiTestCli.Result withValue = PkiTestCli.run("inspect", encrypted.toString(), "--key-pass", "s3cret");
        PkiTestCli.Result without = PkiTestCli.run("inspect", encrypted.toString());
        PkiTestCli.Result twice = PkiTestCli.run("inspect", encrypted.toString(), "--key-pass", "a", "--key-pass-file",
                passwordFile.toString());

        assertThat(withFile.exitCode()).as(withFile.toString()).isZero();
        assertThat(withFile.out()).contains("Key             EC P-256");
        assertThat(withValue.exitCode()).isZero();
        assertThat(without.exitCode()).isEqualTo(2);
        assertThat(without.err()).startsWith("error: ").contains("encrypted.key");
        assertThat(twice.exitCode()).isEqualTo(2);
        assertThat(twice.err()).isEqualTo("error: give the password once, not with --key-pass and --key-pass-file: "
                + "use only one of them\n");
    }

    @Test
    void readsTheCertificatesOfAPkcs12Keystore() throws Exception {
        Path passwordFile = temp.resolve("p12.pass");
        Files.writeString(passwordFile, "changeit\n");
        PkiTestCli.run("pki", "issue", "client", "bob", "--dir", dir.toString(), "--p12", "--p12-pass-file",
                passwordFile.toString());

        PkiTestCli.Result result = PkiTestCli.run("inspect", dir.resolve("bob.p12").toString(), "--key-pass-file",
                passwordFile.toString());

        assertThat(result.exitCode()).as(result.toString()).isZero();
        assertThat(result.out()).startsWith(dir.resolve("bob.p12") + ": 2 certificates, leaf first; each is signed by the next")
                .contains("[1] leaf: CN=bob");
    }

    @Test
    void anUnsetPasswordVariableIsReportedByName() {
        PkiTestCli.run("pki", "issue", "client", "carol", "--dir", dir.toString(), "--p12");
        String variable = "MTLS_TEST_UNSET_" + Long.toHexString(System.nanoTime());

        PkiTestCli.Result result = PkiTestCli.run("inspect", dir.resolve("carol.p12").toString(), "--key-pass-env", variable);

        assertThat(result.exitCode()).isEqualTo(2);
        assertThat(result.err()).startsWith("error: ").contains(variable).doesNotContain("\tat ");
    }

    @Test
    void aFileThatIsNeitherGetsTheLoadersMessageAndExit2() throws Exception {
        Path text = temp.resolve("notes.txt");
        Files.writeString(text, "just some notes\n");

        PkiTestCli.Result neither = PkiTestCli.run("inspect", text.toString());
        PkiTestCli.Result missing = PkiTestCli.run("inspect", temp.resolve("missing.pem").toString());

        assertThat(neither.exitCode()).isEqualTo(2);
        assertThat(neither.err()).startsWith("error: ").contains("notes.txt").doesNotContain("\tat ");
        assertThat(missing.exitCode()).isEqualTo(2);
        assertThat(missing.err()).startsWith("error: ").contains("missing.pem").doesNotContain("\tat ");
        assertThat(PkiTestCli.run("inspect").exitCode()).isEqualTo(2);
    }

    @Test
    void helpDocumentsTheJson() {
        PkiTestCli.Result result = PkiTestCli.run("inspect", "--help");

        assertThat(result.out()).contains("--json").contains("--key-pass-file").contains("\"kind\": \"certificates\"")
                .doesNotContain("--at");
    }

    @Test
    void listsCertificatesFromSeveralFiles() {
        PkiTestCli.Result result = PkiTestCli.run("inspect", dir.resolve("ca.crt").toString(),
                dir.resolve("intermediate.crt").toString(), dir.resolve("intermediate.key").toString());

        assertThat(result.exitCode()).as(result.toString()).isZero();
        assertThat(result.out()).contains("Belongs to      matches " + dir.resolve("intermediate.crt")
                + " (CN=mtls-kit dev Intermediate CA,O=mtls-kit dev)");
        assertThat(List.of(result.out().split("\n"))).filteredOn(line -> line.endsWith(": 1 certificate")).hasSize(2);
    }
}
