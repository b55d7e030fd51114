package dev.mtlskit.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.api.parallel.ResourceLock;

import dev.mtlskit.material.CertificateBundle;
import dev.mtlskit.material.PasswordSource;
import dev.mtlskit.material.PemWriter;
import dev.mtlskit.testing.TestPki;
import picocli.CommandLine;

/**
 * {@code mtls serve} with a client CA bundle that holds a public root (one of the JDK's) and a dev
 * CA: it refuses to start, naming the bundle, the root, the route and the fix in flags, unless each
 * rule singles out a partner; {@code --allow-issuer} is ANDed into every --allow-san rule, so that
 * {@code --allow-san partner.example --allow-issuer DN} starts and admits only that name from that CA.
 */
@ResourceLock(ServeLogging.LOCK)
class ServePublicRootTest {

    private static final String LETS_ENCRYPT_R3 = "CN=R3,O=Let's Encrypt,C=US";

    @TempDir
    Path temp;

    private Path pki;
    private Path bundle;
    private String holds;

    @BeforeEach
    void bundleWithAPublicRoot() throws Exception {
        X509Certificate root = TestPki.publicRoot();
        pki = temp.resolve("pki");
        assertThat(PkiTestCli.run("pki", "init", "--dir", pki.toString()).exitCode()).isZero();
        assertThat(PkiTestCli.run("pki", "issue", "server", "localhost", "--dir", pki.toString()).exitCode()).isZero();
        assertThat(PkiTestCli.run("pki", "issue", "client", "partner", "--dns", "partner.example", "--dir",
                pki.toString()).exitCode()).isZero();
        // Our own CA and a public one in one bundle, as happens when partners bring public certificates.
        List<X509Certificate> cas = new ArrayList<>(
                CertificateBundle.load(pki.resolve("ca.crt"), PasswordSource.none()).certificates());
        cas.add(root);
        bundle = temp.resolve("public-roots-" + UUID.randomUUID().toString().substring(0, 8) + ".pem");
        PemWriter.writeCertificates(bundle, cas);
        holds = "client CA bundle " + bundle.getFileName() + " holds the public root CN=" + TestPki.commonName(root);
    }

    @Test
    void aDnsNameWithoutItsIssuerRefusesToStartWithTheFix() {
        PkiTestCli.Result result = PkiTestCli.run(serve("--allow-san", "partner.example"));

        assertThat(result.exitCode()).as(result.toString()).isEqualTo(2);
        assertThat(result.out()).as("nothing started").isEmpty();
        assertThat(result.err()).isEqualTo("error: --client-ca: " + holds + ": route / has the allow rule "
                + "dns=partner.example, which names no issuer, so a certificate for that name from any CA under this "
                + "public root can call it: add --allow-issuer with the DN of the CA that issued the partner's "
                + "certificate (mtls inspect shows it; it is added to every --allow-cn/--allow-san/--allow-uri rule), "
                + "e.g. --allow-san partner.example --allow-issuer \"CN=R3,O=Let's Encrypt,C=US\", or pin the "
                + "certificate with --allow-fingerprint or --allow-spki\nthe gateway did not start\n");
    }

    @Test
    void noAllowRuleAtAllRefusesToStart() {
        PkiTestCli.Result result = PkiTestCli.run(serve());

        assertThat(result.exitCode()).as(result.toString()).isEqualTo(2);
        assertThat(result.err()).startsWith("error: --client-ca: " + holds + ": route / has no allow rule, so any "
                        + "certificate this public CA ever issued can call it: name each partner")
                .contains("--allow-san partner.example --allow-issuer \"CN=R3,O=Let's Encrypt,C=US\"");
    }

    @Test
    void anIssuerWithoutNamesToNarrowIsRefused() {
        PkiTestCli.Result result = PkiTestCli.run(serve("--allow-issuer", LETS_ENCRYPT_R3));

        assertThat(result.err()).isEqualTo("error: --allow-issuer is added to each --allow-cn, --allow-san and "
                + "--allow-uri rule, and none was given: add the names of the clients, e.g. --allow-san partner.example\n");
    }

    /** The name alone would match; ANDed with another issuer it does not: 403 naming the one rule. */
    @Test
    void aDnsNameWithItsIssuerStartsAndAdmitsOnlyThatNameFromThatCa() throws Exception {
        whileServing(List.of("--allow-san", "partner.example", "--allow-issuer", LETS_ENCRYPT_R3), port -> {
            PkiTestCli.Result call = call(port, "partner");
            assertThat(call.exitCode()).as(call.toString()).isZero();
            assertThat(call.out()).as(call.toString()).startsWith("HTTP/2 403").contains("NOT_AUTHORIZED")
                    .contains("dns=partner.example and issuer=CN=R3,O=Let's Encrypt,C=US");
        });
        String devCa = CertificateBundle.load(pki.resolve("ca.crt"), PasswordSource.none()).leaf()
                .getSubjectX500Principal().getName();
        whileServing(List.of("--allow-san", "partner.example", "--allow-issuer", devCa), port -> {
            PkiTestCli.Result call = call(port, "partner");
            assertThat(call.out()).as(call.toString()).startsWith("HTTP/2 200");
        });
    }

    private String[] serve(String... more) {
        List<String> args = new ArrayList<>(List.of("serve", "--listen", "127.0.0.1:0", "--threads", "1",
                "--access-log", "off", "--cert", pki.resolve("localhost-chain.crt").toString(),
                "--key", pki.resolve("localhost.key").toString(), "--client-ca", bundle.toString()));
        args.addAll(List.of(more));
        return args.toArray(String[]::new);
    }

    private PkiTestCli.Result call(int port, String client) {
        return PkiTestCli.run("call", "https://localhost:" + port + "/partner/hello", "-i",
                "--resolve", "localhost:" + port + ":127.0.0.1", "--cacert", pki.resolve("ca.crt").toString(),
                "--cert", pki.resolve(client + ".crt").toString(), "--key", pki.resolve(client + ".key").toString());
    }

    /** Starts {@code mtls serve} with the bundle and {@code more} flags, runs {@code test} with its port, stops it. */
    private void whileServing(List<String> more, Consumer<Integer> test) throws Exception {
        CapturedLog out = CapturedLog.of("mtls.serve");
        StringWriter err = new StringWriter();
        CommandLine commandLine = MtlsCommand.commandLine(new PrintWriter(new StringWriter(), true), new PrintWriter(err, true));
        ServeCommand serve = commandLine.getSubcommands().get("serve").getCommand();
        ExecutorService executor = Executors.newSingleThreadExecutor();
        try {
            Future<Integer> exit = executor.submit(() -> commandLine.execute(serve(more.toArray(String[]::new))));
            try {
                assertThat(serve.started.await(60, TimeUnit.SECONDS)).as("gateway started: " + out.text() + err).isTrue();
                Matcher port = Pattern.compile("listener default on https://127\\.0\\.0\\.1:(\\d+)").matcher(out.text());
                assertThat(port.find()).as(out.text()).isTrue();
                out.close();
                test.accept(Integer.parseInt(port.group(1)));
            } finally {
                serve.stop();
                assertThat(exit.get(30, TimeUnit.SECONDS)).as(err.toString()).isZero();
            }
        } finally {
            executor.shutdownNow();
        }
    }

}
