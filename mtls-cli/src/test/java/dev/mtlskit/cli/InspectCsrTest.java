package dev.mtlskit.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import dev.mtlskit.testing.Programs;

/**
 * {@code mtls inspect} reads certificate signing requests (PKCS#10, PEM and DER): what they ask a
 * CA to certify, whether their signature holds, and what a CA or a peer will object to.
 */
class InspectCsrTest {

    @TempDir
    Path temp;

    @Test
    void aCsrOfMtlsPkiCsrShowsWhatItAsksFor() {
        assertThat(PkiTestCli.run("pki", "csr", "api.example.com", "--out-dir", temp.toString(),
                "--uri", "spiffe://example.org/api").exitCode()).isZero();
        Path csr = temp.resolve("api.example.com.csr");

        PkiTestCli.Result result = PkiTestCli.run("inspect", csr.toString());

        assertThat(result.exitCode()).as(result.toString()).isZero();
        assertThat(result.out()).startsWith(csr + ": certificate signing request (PKCS#10)\n")
                .contains("      Subject         CN=api.example.com\n",
                        "      Key             EC P-256\n",
                        "      Signature       SHA256WITHECDSA, valid: signed with the key it contains\n",
                        "      Names (SAN)     DNS:api.example.com, URI:spiffe://example.org/api\n",
                        "      Extended usage  (not requested: the CA decides)\n")
                .containsPattern("      SPKI pin        [A-Za-z0-9+/]{43}=\n")
                .doesNotContain("WARNING");
    }

    @Test
    void aClientCsrWithoutNamesHasNoFinding() {
        assertThat(PkiTestCli.run("pki", "csr", "acme", "--out-dir", temp.toString()).exitCode()).isZero();
        PkiTestCli.Result result = PkiTestCli.run("inspect", temp.resolve("acme.csr").toString());
        assertThat(result.out()).contains("      Names (SAN)     (none requested)\n").doesNotContain("WARNING");
    }

    @Test
    void aDerCsrFromOpensslWithAWeakKeyAndAServerOnlyPurposeHasFindings() throws Exception {
        Path openssl = Programs.require("openssl", "openssl");
        Path der = temp.resolve("legacy.der");
        Programs.run(List.of(openssl.toString(), "req", "-new", "-newkey", "rsa:1024", "-nodes", "-keyout",
                temp.resolve("legacy.key").toString(), "-subj", "/CN=legacy.example.com/O=Legacy", "-outform", "DER",
                "-addext", "keyUsage=critical,digitalSignature,keyEncipherment", "-addext", "extendedKeyUsage=serverAuth",
                "-out", der.toString()), Duration.ofSeconds(60)).successfulOutput();

        PkiTestCli.Result result = PkiTestCli.run("inspect", der.toString());

        assertThat(result.exitCode()).as(result.toString()).isZero();
        assertThat(result.out()).startsWith(der + ": certificate signing request (PKCS#10)\n")
                .contains("      Subject         O=Legacy,CN=legacy.example.com\n",
                        "      Key             RSA 1024\n",
                        "      Key usage       digitalSignature, keyEncipherment\n",
                        "      Extended usage  serverAuth\n",
                        "      WARNING         weak key: ",
                        "create the CSR with ECDSA P-256 or RSA 2048+ [WEAK_KEY]\n",
                        "      WARNING         it requests serverAuth without clientAuth: as a client certificate, servers "
                                + "that check the purpose will reject it (mtls pki sign sets the purpose from --purpose) "
                                + "[WRONG_PURPOSE]\n",
                        "      WARNING         no DNS name or IP address requested: enough for a client certificate, but as "
                                + "a server certificate no host name will match it (TLS clients ignore the CN) [NAME_MISMATCH]\n");
    }

    @Test
    void anAlteredCsrIsShownWithItsSignatureInvalid() throws Exception {
        assertThat(PkiTestCli.run("pki", "csr", "acme", "--out-dir", temp.toString()).exitCode()).isZero();
        byte[] der = java.util.Base64.getMimeDecoder().decode(Files.readString(temp.resolve("acme.csr"))
                .replaceAll("-----[A-Z ]+-----", "").strip());
        der[der.length - 1] ^= 1; // the last byte of the signature
        Path altered = Files.write(temp.resolve("altered.csr"), der);

        PkiTestCli.Result result = PkiTestCli.run("inspect", altered.toString());

        assertThat(result.exitCode()).as(result.toString()).isZero();
        assertThat(result.out()).contains("      Signature       SHA256WITHECDSA, INVALID: it does not verify with the key "
                + "it contains\n", "      WARNING         its signature does not verify with the key it contains: it was "
                + "altered, or not signed with that key; CAs refuse it, create a new CSR [BAD_SIGNATURE]\n");
    }

    @Test
    void theJsonFormHasTheSameFacts() throws Exception {
        assertThat(PkiTestCli.run("pki", "csr", "acme", "--out-dir", temp.toString(), "--dns", "acme.example").exitCode())
                .isZero();
        PkiTestCli.Result result = PkiTestCli.run("inspect", "--json", temp.resolve("acme.csr").toString());

        JsonNode file = new ObjectMapper().readTree(result.out()).get("files").get(0);
        assertThat(file.get("kind").asText()).isEqualTo("csr");
        assertThat(file.get("subject").asText()).isEqualTo("CN=acme");
        assertThat(file.get("key").get("type").asText()).isEqualTo("EC P-256");
        assertThat(file.get("signatureValid").asBoolean()).isTrue();
        assertThat(file.get("subjectAltNames").get(0).get("value").asText()).isEqualTo("acme.example");
        assertThat(file.get("extendedKeyUsage")).isEmpty();
        assertThat(file.get("requestsCa").asBoolean()).isFalse();
        assertThat(file.get("findings")).isEmpty();
        assertThat(file.has("source")).isFalse();
    }

    @Test
    void somethingElseInACsrFileIsOneLine() throws Exception {
        Path broken = Files.writeString(temp.resolve("broken.csr"),
                "-----BEGIN CERTIFICATE REQUEST-----\nAAAA\n-----END CERTIFICATE REQUEST-----\n");
        PkiTestCli.Result result = PkiTestCli.run("inspect", broken.toString());
        assertThat(result.exitCode()).isEqualTo(ExitCodes.BAD_INPUT);
        assertThat(result.err()).startsWith("error: " + broken).hasLineCount(1);
    }
}
