package dev.mtlskit.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.KeyStore;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.Collection;
import java.util.List;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PkiIssueCommandTest {

    @TempDir
    Path temp;

    private Path dir;

    @BeforeEach
    void init() {
        dir = temp.resolve("mtls-dev");
        assertThat(PkiTestCli.run("pki", "init", "--dir", dir.toString()).exitCode()).isZero();
    }

    @Test
    void issuesAClientCertificateAndShowsHowToUseIt() throws Exception {
        PkiTestCli.Result result = PkiTestCli.run("pki", "issue", "client", "acme", "--dir", dir.toString());

        assertThat(result.exitCode()).as(result.toString()).isZero();
        Path crt = dir.resolve("acme.crt");
        Path key = dir.resolve("acme.key");
        Path ca = dir.resolve("ca.crt");
        assertThat(result.out())
                .contains("Issued a client certificate:")
                .contains("Subject      CN=acme")
                .contains("Purpose      clientAuth")
                .contains("Valid until  ")
                .contains(crt + "        client certificate")
                .contains(dir.resolve("acme-chain.crt") + "  client certificate and no intermediate")
                .contains(key + "        client key (secret, mode 0600)")
                .contains("curl --cert " + crt + " --key " + key + " --cacert " + ca + " https://localhost:8443/")
                .contains("openssl verify -CAfile " + ca + " -purpose sslclient " + crt);
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(key))).isEqualTo("rw-------");
        X509Certificate certificate = certificates(crt).get(0);
        assertThat(certificate.getSubjectX500Principal().getName()).isEqualTo("CN=acme");
        assertThat(certificate.getExtendedKeyUsage()).containsExactly("1.3.6.1.5.5.7.3.2");
    }

    @Test
    void aServerIsNamedByItsNameAndTheGivenNames() throws Exception {
        PkiTestCli.Result result = PkiTestCli.run("pki", "issue", "server", "api.example.com", "--dir", dir.toString(),
                "--dns", "api.internal", "--ip", "10.0.0.5", "--ip", "::1", "--days", "30");

        assertThat(result.exitCode()).as(result.toString()).isZero();
        assertThat(result.out())
                .contains("Names        DNS:api.example.com, DNS:api.internal, IP:10.0.0.5, IP:::1")
                .contains("Purpose      serverAuth")
                .contains("(30 days)")
                .contains("curl --cacert " + dir.resolve("ca.crt") + " https://api.example.com:8443/")
                .contains("openssl verify -CAfile " + dir.resolve("ca.crt") + " -purpose sslserver "
                        + dir.resolve("api.example.com.crt"));
        X509Certificate certificate = certificates(dir.resolve("api.example.com.crt")).get(0);
        assertThat(certificate.getExtendedKeyUsage()).containsExactly("1.3.6.1.5.5.7.3.1");
    }

    @Test
    void aServerNamedByAnIpAddressGetsAnIpNameAndASafeFileName() throws Exception {
        PkiTestCli.Result result = PkiTestCli.run("pki", "issue", "server", "::1", "--dir", dir.toString());

        assertThat(result.exitCode()).as(result.toString()).isZero();
        assertThat(result.out()).contains("Names        IP:::1").contains("https://[::1]:8443/");
        assertThat(dir.resolve("__1.crt")).exists();
    }

    @Test
    void aDualCertificateHasBothPurposesAndAllKindsOfNames() throws Exception {
        PkiTestCli.Result result = PkiTestCli.run("pki", "issue", "dual", "svc.example.com", "--dir", dir.toString(),
                "--uri", "spiffe://example.org/ns/prod/sa/svc", "--email", "ops@example.com");

        assertThat(result.exitCode()).as(result.toString()).isZero();
        assertThat(result.out()).contains("Issued a dual-purpose (server and client) certificate:")
                .contains("Purpose      serverAuth, clientAuth")
                .contains("URI:spiffe://example.org/ns/prod/sa/svc, email:ops@example.com")
                .contains("-purpose sslclient").contains("-purpose sslserver");
        assertThat(certificates(dir.resolve("svc.example.com.crt")).get(0).getExtendedKeyUsage())
                .containsExactly("1.3.6.1.5.5.7.3.1", "1.3.6.1.5.5.7.3.2");
    }

    @Test
    void withAnIntermediateTheChainFileIsWhatTheClientPresents() throws Exception {
        Path withIntermediate = temp.resolve("inter");
        PkiTestCli.run("pki", "init", "--dir", withIntermediate.toString(), "--intermediate");

        PkiTestCli.Result result = PkiTestCli.run("pki", "issue", "client", "acme", "--dir", withIntermediate.toString());

        Path chain = withIntermediate.resolve("acme-chain.crt");
        assertThat(result.out())
                .contains("client certificate and intermediate CA: the chain to present in TLS")
                .contains("curl --cert " + chain + " --key ")
                .contains("openssl verify -CAfile " + withIntermediate.resolve("ca.crt") + " -untrusted " + chain
                        + " -purpose sslclient " + withIntermediate.resolve("acme.crt"));
        assertThat(certificates(chain)).hasSize(2);
    }

    @Test
    void withoutACaItSaysToRunInitFirst() {
        Path empty = temp.resolve("empty");

        PkiTestCli.Result result = PkiTestCli.run("pki", "issue", "client", "acme", "--dir", empty.toString());

        assertThat(result.exitCode()).isEqualTo(2);
        assertThat(result.err()).isEqualTo("error: " + empty + "/ has no CA: run 'mtls pki init --dir " + empty
                + "' first\n");
        assertThat(empty).doesNotExist();
    }

    @Test
    void refusesInvalidNames() {
        assertRefused(new String[] {"server", "my server"}, "DNS name 'my server' is not a valid host name");
        assertRefused(new String[] {"server", "a.*.example.com"}, "wildcard in the wrong place");
        assertRefused(new String[] {"server", "*.com"}, "wildcard for a top-level domain");
        assertRefused(new String[] {"client", "acme", "--ip", "10.0.0.256"}, "'10.0.0.256' is not an IPv4 or IPv6 literal");
        assertRefused(new String[] {"client", "acme", "--uri", "spiffe://Example.org/x"}, "SPIFFE ID");
        assertRefused(new String[] {"client", "acme", "--uri", "not a uri"}, "URI 'not a uri' is not valid");
        assertRefused(new String[] {"client", "acme", "--email", "nobody"}, "e-mail address 'nobody' is not valid");
        assertRefused(new String[] {"client", " "}, "name is empty");
        assertRefused(new String[] {"laptop", "acme"}, "'laptop' is not a kind of certificate: use server, client or dual");
        assertRefused(new String[] {"client", "acme", "--rsa", "512"}, "--rsa 512 is not offered");
    }

    @Test
    void acceptsAWildcardServerCertificate() {
        PkiTestCli.Result result = PkiTestCli.run("pki", "issue", "server", "*.example.com", "--dir", dir.toString());

        assertThat(result.exitCode()).as(result.toString()).isZero();
        assertThat(result.out()).contains("DNS:*.example.com").contains("https://www.example.com:8443/");
        assertThat(dir.resolve("_wildcard.example.com.crt")).exists();
    }

    @Test
    void neverReplacesAKeyWithoutForce() throws Exception {
        PkiTestCli.run("pki", "issue", "client", "acme", "--dir", dir.toString());
        String key = Files.readString(dir.resolve("acme.key"));

        PkiTestCli.Result refused = PkiTestCli.run("pki", "issue", "client", "acme", "--dir", dir.toString());

        assertThat(refused.exitCode()).isEqualTo(2);
        assertThat(refused.err()).isEqualTo("error: " + dir.resolve("acme.key") + " already exists: pass --force to "
                + "replace it (the old key and its certificate can no longer be used then), or choose another name\n");
        assertThat(Files.readString(dir.resolve("acme.key"))).isEqualTo(key);
        assertThat(PkiTestCli.run("pki", "issue", "client", "acme", "--dir", dir.toString(), "--force").exitCode()).isZero();
        assertThat(Files.readString(dir.resolve("acme.key"))).isNotEqualTo(key);
    }

    @Test
    void writesElsewhereWithAnRsaKeyAndAPkcs12File() throws Exception {
        Path out = temp.resolve("out");
        Path passwordFile = temp.resolve("p12.pass");
        Files.writeString(passwordFile, "changeit\n");

        PkiTestCli.Result result = PkiTestCli.run("pki", "issue", "client", "acme", "--dir", dir.toString(),
                "--out-dir", out.toString(), "--rsa", "2048", "--p12", "--p12-pass-file", passwordFile.toString());

        assertThat(result.exitCode()).as(result.toString()).isZero();
        assertThat(result.out()).contains("RSA 2048").contains(out.resolve("acme.p12") + "        client key and chain as PKCS#12");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(out.resolve("acme.p12")))).isEqualTo("rw-------");
        KeyStore store = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(out.resolve("acme.p12"))) {
            store.load(in, "changeit".toCharArray());
        }
        assertThat(store.isKeyEntry("acme")).isTrue();
        assertThat(dir.resolve("acme.key")).doesNotExist();
    }

    @Test
    void withoutAPasswordFileThePkcs12PasswordIsRandomAndWrittenBesideIt() throws Exception {
        PkiTestCli.Result result = PkiTestCli.run("pki", "issue", "client", "acme", "--dir", dir.toString(), "--p12");

        assertThat(result.exitCode()).as(result.toString()).isZero();
        Path passwordFile = dir.resolve("acme.p12.pass");
        assertThat(result.out()).containsPattern(passwordFile + " +password of acme.p12 \\(secret, mode 0600\\)");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(passwordFile))).isEqualTo("rw-------");
        KeyStore store = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(dir.resolve("acme.p12"))) {
            store.load(in, Files.readString(passwordFile).strip().toCharArray());
        }
        assertThat(store.isKeyEntry("acme")).isTrue();
    }

    @Test
    void aMissingPasswordFileIsReportedBeforeAnythingIsWritten() {
        PkiTestCli.Result result = PkiTestCli.run("pki", "issue", "client", "acme", "--dir", dir.toString(), "--p12",
                "--p12-pass-file", temp.resolve("missing.txt").toString());

        assertThat(result.exitCode()).isEqualTo(2);
        assertThat(result.err()).startsWith("error: ").contains("missing.txt");
        assertThat(dir.resolve("acme.key")).doesNotExist();
    }

    @Test
    void validityBeyondTheCaIsRefused() {
        Path shortCa = temp.resolve("short");
        PkiTestCli.run("pki", "init", "--dir", shortCa.toString(), "--days", "30");

        PkiTestCli.Result refused = PkiTestCli.run("pki", "issue", "client", "acme", "--dir", shortCa.toString(),
                "--days", "90");
        PkiTestCli.Result clipped = PkiTestCli.run("pki", "issue", "client", "bob", "--dir", shortCa.toString());

        assertThat(refused.exitCode()).isEqualTo(2);
        assertThat(refused.err()).contains("90 days would outlive the CA").contains("ask for at most 30 days");
        assertThat(clipped.exitCode()).isZero();
        assertThat(clipped.out()).contains("(30 days), shortened to end with the CA's validity");
    }

    private void assertRefused(String[] issueArgs, String message) {
        String[] args = new String[issueArgs.length + 4];
        args[0] = "pki";
        args[1] = "issue";
        System.arraycopy(issueArgs, 0, args, 2, issueArgs.length);
        args[args.length - 2] = "--dir";
        args[args.length - 1] = dir.toString();
        PkiTestCli.Result result = PkiTestCli.run(args);
        assertThat(result.exitCode()).as(String.join(" ", args)).isEqualTo(2);
        assertThat(result.err()).as(String.join(" ", args)).startsWith("error: ").contains(message);
        assertThat(result.err()).doesNotContain("\tat ");
    }

    static List<X509Certificate> certificates(Path file) throws Exception {
        Collection<? extends java.security.cert.Certificate> all = CertificateFactory.getInstance("X.509")
                .generateCertificates(new ByteArrayInputStream(Files.readAllBytes(file)));
        return all.stream().map(X509Certificate.class::cast).toList();
    }
}
