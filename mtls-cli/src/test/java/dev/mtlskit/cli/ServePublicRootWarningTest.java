package dev.mtlskit.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import javax.naming.InvalidNameException;
import javax.naming.ldap.LdapName;
import javax.naming.ldap.Rdn;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509TrustManager;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.parallel.ResourceLock;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;

import dev.mtlskit.material.CertificateBundle;
import dev.mtlskit.material.PasswordSource;
import dev.mtlskit.material.PemWriter;
import picocli.CommandLine;

/**
 * {@code mtls serve} with a client CA bundle that holds a public root (one of the JDK's) warns at
 * start, naming the bundle, the root and the fix, when the route lets in any client of it; an
 * allow rule that names the client silences it.
 */
@ResourceLock(ServeLogging.LOCK)
class ServePublicRootWarningTest {

    @TempDir
    Path temp;

    private Path pki;
    private Path bundle;
    private String rootName;

    @BeforeEach
    void bundleWithAPublicRoot() throws Exception {
        X509Certificate root = publicRoot();
        rootName = "CN=" + commonName(root);
        pki = temp.resolve("pki");
        assertThat(PkiTestCli.run("pki", "init", "--dir", pki.toString()).exitCode()).isZero();
        assertThat(PkiTestCli.run("pki", "issue", "server", "localhost", "--dir", pki.toString()).exitCode()).isZero();
        // Our own CA and a public one in one bundle, as happens when partners bring public certificates.
        List<X509Certificate> cas = new ArrayList<>(
                CertificateBundle.load(pki.resolve("ca.crt"), PasswordSource.none()).certificates());
        cas.add(root);
        // A name of its own: the warning names the file, and other test classes log in parallel.
        bundle = temp.resolve("clients-" + UUID.randomUUID().toString().substring(0, 8) + ".pem");
        PemWriter.writeCertificates(bundle, cas);
    }

    @Test
    void aRouteWithoutAllowRulesIsWarnedAboutWithTheRootAndTheFix() throws Exception {
        List<String> warnings = warningsAtStart();

        assertThat(warnings).as("warnings logged at start").hasSize(1);
        assertThat(warnings.get(0)).isEqualTo("listener default: client CA bundle " + bundle.getFileName()
                + " holds the public root " + rootName + ": route / has no allow rule, so any certificate this public CA "
                + "ever issued can call it; add allow rules that name the clients (e.g. dns: partner.example and "
                + "issuer: the DN of the CA that issued its certificate)");
    }

    @Test
    void anAllowRuleThatNamesTheClientSilencesIt() throws Exception {
        assertThat(warningsAtStart("--allow-san", "api.partner.example")).isEmpty();
    }

    /** Starts {@code mtls serve} with the bundle (and {@code more} flags), stops it, and returns its WARN lines about the bundle. */
    private List<String> warningsAtStart(String... more) throws Exception {
        List<String> args = new ArrayList<>(List.of("serve", "--listen", "127.0.0.1:0", "--threads", "1",
                "--access-log", "off", "--cert", pki.resolve("localhost-chain.crt").toString(),
                "--key", pki.resolve("localhost.key").toString(), "--client-ca", bundle.toString()));
        args.addAll(List.of(more));
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine commandLine = MtlsCommand.commandLine(new PrintWriter(out, true), new PrintWriter(err, true));
        ServeCommand serve = commandLine.getSubcommands().get("serve").getCommand();
        Logger logger = logger("mtls.serve");
        ListAppender<ILoggingEvent> captured = new ListAppender<>();
        captured.setContext(logger.getLoggerContext());
        captured.start();
        logger.addAppender(captured);
        ExecutorService executor = Executors.newSingleThreadExecutor();
        try {
            Future<Integer> exit = executor.submit(() -> commandLine.execute(args.toArray(String[]::new)));
            try {
                assertThat(serve.started.await(60, TimeUnit.SECONDS)).as("gateway started: " + out + err).isTrue();
                assertThat(out.toString()).contains("mtls gateway listener default on https://127.0.0.1:");
            } finally {
                serve.stop();
                assertThat(exit.get(30, TimeUnit.SECONDS)).as(err.toString()).isZero();
            }
        } finally {
            executor.shutdownNow();
            logger.detachAppender(captured);
            captured.stop();
        }
        List<String> warnings = new ArrayList<>();
        synchronized (captured) {
            for (ILoggingEvent event : captured.list) {
                if (event.getLevel() == Level.WARN && event.getFormattedMessage().contains(bundle.getFileName().toString())) {
                    warnings.add(event.getFormattedMessage());
                }
            }
        }
        return warnings;
    }

    private static Logger logger(String name) {
        org.slf4j.ILoggerFactory factory;
        // Test classes start in parallel: SLF4J initializes under this lock, so taking it waits for that.
        synchronized (LoggerFactory.class) {
            factory = LoggerFactory.getILoggerFactory();
        }
        assertThat(factory).as("logback is SLF4J's provider").isInstanceOf(LoggerContext.class);
        return ((LoggerContext) factory).getLogger(name);
    }

    /** A root of the JDK's trust store: ISRG Root X1 where present, else the first with a CN. */
    private static X509Certificate publicRoot() throws Exception {
        TrustManagerFactory factory = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        factory.init((KeyStore) null);
        X509TrustManager manager = (X509TrustManager) factory.getTrustManagers()[0];
        List<X509Certificate> roots = Arrays.stream(manager.getAcceptedIssuers())
                .filter(root -> commonName(root) != null).toList();
        Assumptions.assumeFalse(roots.isEmpty(), "the JDK's default trust store holds no roots (a stripped-down JRE?): "
                + "install the ca-certificates-java package to run this test");
        return roots.stream().filter(root -> "ISRG Root X1".equals(commonName(root))).findFirst()
                .orElseGet(() -> roots.get(0));
    }

    private static String commonName(X509Certificate certificate) {
        try {
            List<Rdn> rdns = new LdapName(certificate.getSubjectX500Principal().getName()).getRdns();
            for (int i = rdns.size() - 1; i >= 0; i--) {
                if ("CN".equalsIgnoreCase(rdns.get(i).getType())) {
                    return rdns.get(i).getValue().toString();
                }
            }
            return null;
        } catch (InvalidNameException e) {
            return null;
        }
    }
}
