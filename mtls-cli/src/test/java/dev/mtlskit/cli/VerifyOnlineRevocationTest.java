package dev.mtlskit.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import dev.mtlskit.pki.HeldCertificate;
import dev.mtlskit.testing.HttpFiles;
import dev.mtlskit.testing.OcspResponder;
import dev.mtlskit.testing.TestPki;

/** {@code mtls verify --ocsp/--crl-fetch}: the gateway's online checks, asked from the command line. */
class VerifyOnlineRevocationTest {

    private static final HeldCertificate CA = TestPki.root("Verify Revocation CA");

    @TempDir
    Path temp;

    private String write(String name, HeldCertificate held) throws Exception {
        return TestPki.writeCertificates(temp.resolve(name), held.certificate()).toString();
    }

    @Test
    void aGoodARevokedAndAnUnreachableStatusAsTheResponderGivesThem() throws Exception {
        String ca = write("ca.pem", CA);
        try (OcspResponder responder = OcspResponder.start(CA, temp.resolve("ocsp"))) {
            HeldCertificate good = TestPki.client("good", CA, responder.url(), null);
            HeldCertificate revoked = TestPki.client("revoked", CA, responder.url(), null);
            responder.good(good.certificate());
            responder.revoke(revoked.certificate(), OcspResponder.Reason.KEY_COMPROMISE);

            PkiTestCli.Result valid = PkiTestCli.run("verify", "--ocsp", "hard", "--cert", write("good.pem", good),
                    "--ca", ca, "--purpose", "client");
            assertThat(valid.exitCode()).as(valid.toString()).isZero();
            assertThat(valid.out()).contains("VALID\n", "\n  revocation: good: The OCSP responder at " + responder.url()
                    + " says the certificate CN=good is not revoked.\n");

            PkiTestCli.Result refused = PkiTestCli.run("verify", "--ocsp", "soft", "--cert", write("revoked.pem", revoked),
                    "--ca", ca);
            assertThat(refused.exitCode()).as(refused.toString()).isEqualTo(1);
            assertThat(refused.out()).startsWith("INVALID REVOKED\n  certificate: CN=revoked\n"
                    + "  The certificate CN=revoked was revoked on ")
                    .contains(" (reason: KEY_COMPROMISE), says the OCSP responder at " + responder.url() + ".\n"
                            + "  fix: get a new certificate; the revoked one must not be used again\n");

            responder.stop();
            String goodFile = write("good.pem", good);
            PkiTestCli.Result unknown = PkiTestCli.run("verify", "--ocsp", "hard", "--cert", goodFile, "--ca", ca);
            assertThat(unknown.exitCode()).as(unknown.toString()).isEqualTo(1);
            assertThat(unknown.out()).startsWith("INVALID REVOCATION_UNKNOWN\n  certificate: CN=good\n"
                    + "  The revocation status of the certificate CN=good could not be learned: the OCSP "
                    + "responder at " + responder.url() + " refused the connection.\n"
                    + "  fix: the gateway must get an answer from the OCSP responder at " + responder.url()
                    + ": check that it is up and reachable from the gateway's host (mtls verify --ocsp hard --crl-fetch "
                    + "hard with the client certificate asks it the same way); in soft mode such clients are admitted\n");

            PkiTestCli.Result admitted = PkiTestCli.run("verify", "--ocsp", "soft", "--cert", goodFile, "--ca", ca, "--json");
            assertThat(admitted.exitCode()).as(admitted.toString()).isZero();
            JsonNode json = new ObjectMapper().readTree(admitted.out());
            assertThat(json.get("valid").asBoolean()).isTrue();
            assertThat(json.get("revocation").get("state").asText()).isEqualTo("unknown");
            assertThat(json.get("revocation").get("admitted_unknown").asBoolean()).isTrue();
            assertThat(json.get("revocation").get("source").asText()).isEqualTo("the OCSP responder at " + responder.url());
        }
    }

    /** The command docs/reasons.md gives for REVOCATION_UNKNOWN, with a CRL distribution point. */
    @Test
    void theDocumentedCommandAsksTheDistributionPoint() throws Exception {
        try (HttpFiles files = new HttpFiles()) {
            HeldCertificate client = TestPki.client("crl", CA, null, files.url("/ca.crl"));
            files.put("/ca.crl", TestPki.crlDer(CA));
            Path dir = temp;
            write("client.pem", client);
            write("ca.pem", CA);
            PkiTestCli.Result result = PkiTestCli.run("verify", "--ocsp", "hard", "--crl-fetch", "hard",
                    "--cert", dir.resolve("client.pem").toString(), "--ca", dir.resolve("ca.pem").toString());
            assertThat(result.exitCode()).as(result.toString()).isZero();
            assertThat(result.out()).contains("  revocation: good: The CRL at " + files.url("/ca.crl")
                    + " does not list the certificate CN=crl.\n");
            assertThat(files.requests("/ca.crl")).isEqualTo(1);

            files.put("/ca.crl", TestPki.crlDer(CA, client.certificate().getSerialNumber()));
            PkiTestCli.Result revoked = PkiTestCli.run("verify", "--crl-fetch", "soft",
                    "--cert", dir.resolve("client.pem").toString(), "--ca", dir.resolve("ca.pem").toString());
            assertThat(revoked.exitCode()).as(revoked.toString()).isEqualTo(1);
            assertThat(revoked.out()).startsWith("INVALID REVOKED\n").contains(" (the CRL at " + files.url("/ca.crl") + ").\n");
        }
    }

    @Test
    void badModesAndATimeInThePastAreRefusedWithTheFix() throws Exception {
        String ca = write("ca.pem", CA);
        String client = write("client.pem", TestPki.client("x", CA, "http://127.0.0.1:9/", null));
        PkiTestCli.Result mode = PkiTestCli.run("verify", "--ocsp", "strict", "--cert", client, "--ca", ca);
        assertThat(mode.exitCode()).isEqualTo(2);
        assertThat(mode.err()).contains("--ocsp strict: expected off, soft or hard");
        PkiTestCli.Result at = PkiTestCli.run("verify", "--crl-fetch", "hard", "--at", "2026-01-01", "--cert", client, "--ca", ca);
        assertThat(at.exitCode()).isEqualTo(2);
        assertThat(at.err()).contains("--at cannot be combined with --ocsp or --crl-fetch: responders and distribution "
                + "points answer about now; drop --at");
    }
}
