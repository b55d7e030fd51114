package dev.mtlskit.validation;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.mtlskit.reason.Reason;
import dev.mtlskit.testing.TutorialPki;

/**
 * X.509 version 1 certificates as the tutorials' openssl commands make them: refused by default with
 * V1_CERTIFICATE and the openssl command that makes a v3 certificate (run here as printed); a v1 leaf
 * and a v1 trust anchor accepted on request; a v1 intermediate never.
 */
class V1CertificatePolicyTest {

    @TempDir
    static Path directory;
    private static TutorialPki pki;

    @BeforeAll
    static void tutorialPki() throws Exception {
        pki = TutorialPki.create(directory);
    }

    private static List<X509Certificate> load(Path file) throws IOException, CertificateException {
        try (InputStream in = Files.newInputStream(file)) {
            List<X509Certificate> certificates = new ArrayList<>();
            CertificateFactory.getInstance("X.509").generateCertificates(in)
                    .forEach(certificate -> certificates.add((X509Certificate) certificate));
            return certificates;
        }
    }

    private static Verdict validate(String chain, String anchor, boolean acceptV1) throws Exception {
        return new ChainValidator().validate(ValidationRequest.builder().chain(load(pki.file(chain)))
                .trustAnchors(load(pki.file(anchor))).role(PeerRole.CLIENT).acceptV1(acceptV1).build());
    }

    @Test
    void theTutorialsClientCertificateIsVersion1() throws Exception {
        assertThat(load(pki.file("client.crt")).get(0).getVersion()).isEqualTo(1);
        assertThat(load(pki.file("v1-intermediate.crt")).get(0).getVersion()).isEqualTo(1);
        assertThat(load(pki.file("v1-root.crt")).get(0).getVersion()).isEqualTo(1);
    }

    @Test
    void aV1LeafIsRefusedWithItsOwnCodeAndTheOpensslOptionThatMakesV3() throws Exception {
        Verdict verdict = validate("client.crt", "ca.crt", false);

        assertThat(verdict.reason()).isEqualTo(Reason.V1_CERTIFICATE);
        assertThat(verdict.message()).isEqualTo("The client certificate CN=tutorial-client is an X.509 version 1"
                + " certificate, which carries no extensions (no basicConstraints, key usage or extended key usage),"
                + " so it cannot say what it may be used for.");
        assertThat(verdict.fix()).isEqualTo("reissue it as an X.509 v3 certificate: openssl x509 -req makes version 1"
                + " unless -extfile gives it extensions, e.g. with the CSR and the CA's certificate and key: printf"
                + " 'basicConstraints=CA:FALSE\\nkeyUsage=digitalSignature\\nextendedKeyUsage=clientAuth\\n' > client.ext"
                + " && openssl x509 -req -in client.csr -CA ca.crt -CAkey ca.key -CAcreateserial -days 365 -extfile"
                + " client.ext -out client.crt; a server that must accept v1 client certificates from its own private CA"
                + " can: mtls serve --accept-v1-client-certs");
    }

    @Test
    void thePrintedCommandMakesAV3CertificateThatIsValid(@TempDir Path rerun) throws Exception {
        String fix = validate("client.crt", "ca.crt", false).fix();
        pki.copy(rerun, "ca.crt", "ca.key", "client.csr");

        TutorialPki.shell(rerun, TutorialPki.command(fix, "client.crt"));

        X509Certificate reissued = load(rerun.resolve("client.crt")).get(0);
        assertThat(reissued.getVersion()).isEqualTo(3);
        Verdict verdict = new ChainValidator().validate(ValidationRequest.builder().chain(List.of(reissued))
                .trustAnchors(load(pki.file("ca.crt"))).role(PeerRole.CLIENT).build());
        assertThat(verdict.valid()).as(verdict.message()).isTrue();
    }

    @Test
    void onRequestAV1LeafIsAccepted() throws Exception {
        Verdict verdict = validate("client.crt", "ca.crt", true);
        assertThat(verdict.valid()).as(verdict.message()).isTrue();
    }

    @Test
    void aV1IntermediateIsRefusedEvenOnRequest() throws Exception {
        for (boolean acceptV1 : new boolean[] {false, true}) {
            Verdict verdict = validate("below-v1-chain.crt", "ca.crt", acceptV1);
            assertThat(verdict.reason()).isEqualTo(Reason.V1_CERTIFICATE);
            assertThat(verdict.subject()).isEqualTo("CN=Tutorial Issuing CA");
            assertThat(verdict.message()).isEqualTo("The intermediate CA CN=Tutorial Issuing CA is an X.509 version 1"
                    + " certificate, which carries no extensions: without basicConstraints it cannot be a CA, so it cannot"
                    + " issue the certificates below it.");
            assertThat(verdict.fix()).startsWith("reissue the CA certificate as X.509 v3 with the same name and key");
        }
    }

    @Test
    void thePrintedIntermediateCommandMakesAV3IntermediateForTheCertificatesReissuedBelowIt(@TempDir Path rerun)
            throws Exception {
        String fix = validate("below-v1-chain.crt", "ca.crt", false).fix();
        pki.copy(rerun, "ca.crt", "ca.key", "below-v1.csr", "client-v3.ext");
        Files.copy(pki.file("v1-intermediate.csr"), rerun.resolve("intermediate.csr"));
        Files.copy(pki.file("v1-intermediate.key"), rerun.resolve("intermediate.key"));

        TutorialPki.shell(rerun, TutorialPki.command(fix, "intermediate.crt"));
        TutorialPki.shell(rerun, "openssl x509 -req -in below-v1.csr -CA intermediate.crt -CAkey intermediate.key"
                + " -CAcreateserial -extfile client-v3.ext -out reissued.crt && cat reissued.crt intermediate.crt > chain.crt");

        Verdict verdict = new ChainValidator().validate(ValidationRequest.builder().chain(load(rerun.resolve("chain.crt")))
                .trustAnchors(load(pki.file("ca.crt"))).role(PeerRole.CLIENT).build());
        assertThat(verdict.valid()).as(verdict.message()).isTrue();
    }

    @Test
    void aV1TrustAnchorIsRefusedByDefaultAndAcceptedOnRequest() throws Exception {
        Verdict strict = validate("v1-root-client.crt", "v1-root.crt", false);
        assertThat(strict.reason()).isEqualTo(Reason.V1_CERTIFICATE);
        assertThat(strict.message()).isEqualTo("The trusted root CA CN=Tutorial V1 Root is an X.509 version 1"
                + " certificate, which carries no extensions (no basicConstraints, key usage or name constraints).");
        assertThat(strict.fix()).endsWith("; or accept v1 client certificates from this private CA: mtls serve"
                + " --accept-v1-client-certs");

        Verdict accepted = validate("v1-root-client.crt", "v1-root.crt", true);
        assertThat(accepted.valid()).as(accepted.message()).isTrue();
    }

    @Test
    void thePrintedRootCommandMakesAV3RootForTheCertificatesReissuedBelowIt(@TempDir Path rerun) throws Exception {
        String fix = validate("v1-root-client.crt", "v1-root.crt", false).fix();
        Files.copy(pki.file("v1-root.crt"), rerun.resolve("ca.crt"));
        Files.copy(pki.file("v1-root.key"), rerun.resolve("ca.key"));

        pki.copy(rerun, "v1-root-client.csr", "client-v3.ext");

        TutorialPki.shell(rerun, TutorialPki.command(fix, "ca-v3.crt"));
        TutorialPki.shell(rerun, "openssl x509 -req -in v1-root-client.csr -CA ca-v3.crt -CAkey ca.key -CAcreateserial"
                + " -extfile client-v3.ext -out reissued.crt");

        assertThat(load(rerun.resolve("ca-v3.crt")).get(0).getVersion()).isEqualTo(3);
        Verdict old = new ChainValidator().validate(ValidationRequest.builder().chain(load(pki.file("v1-root-client.crt")))
                .trustAnchors(load(rerun.resolve("ca-v3.crt"))).role(PeerRole.CLIENT).build());
        assertThat(old.message()).as("issued under the v1 root").endsWith("its authorityKeyIdentifier has no keyIdentifier.");
        Verdict reissued = new ChainValidator().validate(ValidationRequest.builder().chain(load(rerun.resolve("reissued.crt")))
                .trustAnchors(load(rerun.resolve("ca-v3.crt"))).role(PeerRole.CLIENT).build());
        assertThat(reissued.valid()).as(reissued.message()).isTrue();
    }
}
