package dev.mtlskit.reload;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.math.BigInteger;
import java.net.http.HttpClient;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.X509CRL;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;

import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSession;
import javax.net.ssl.SSLSocket;

import org.bouncycastle.asn1.x509.CRLNumber;
import org.bouncycastle.asn1.x509.CRLReason;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.cert.X509v2CRLBuilder;
import org.bouncycastle.cert.jcajce.JcaX509CRLConverter;
import org.bouncycastle.cert.jcajce.JcaX509CertificateHolder;
import org.bouncycastle.cert.jcajce.JcaX509ExtensionUtils;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.mtlskit.material.PemWriter;
import dev.mtlskit.pki.HeldCertificate;

/**
 * A reloading server context (the JDK's HTTPS server on it) against plain JDK clients that keep
 * their context, and so their session cache, across the reload: what the server trusts and what
 * it presents changes for the next connection.
 */
class ServerSideReloadTest {

    private static final HeldCertificate ALICE = Pki.client("alice");

    @TempDir
    Path tmp;

    private Path serverCertificate;
    private Path serverKey;
    private Path crl;
    private ReloadingTlsMaterial material;
    private EchoServer server;

    @BeforeEach
    void start() throws Exception {
        serverCertificate = tmp.resolve("server.crt");
        serverKey = tmp.resolve("server.key");
        Path clientCa = tmp.resolve("client-ca.crt");
        crl = tmp.resolve("client-ca.crl");
        Files.writeString(serverCertificate, Pki.certificatePem(Pki.SERVER));
        Files.writeString(serverKey, Pki.keyPem(Pki.SERVER));
        Files.writeString(clientCa, Pki.certificatePem(Pki.ROOT));
        Files.writeString(crl, PemWriter.pem(crl(Pki.ROOT)));
        material = ReloadingTlsMaterial.load(TlsFiles.builder().certificateChain(serverCertificate).privateKey(serverKey)
                .addTrustedCertificates(clientCa).addCrl(crl).build());
        server = EchoServer.start(ReloadingSslContexts.jdk(material, ConnectionEnd.SERVER));
    }

    @AfterEach
    void stop() {
        server.close();
        material.close();
    }

    @Test
    void aClientRevokedByANewCrlIsRefusedAtItsNextConnection() throws Exception {
        HttpClient alice = EchoServer.client(Pki.plainContext(ALICE, Pki.ROOT));
        assertThat(EchoServer.call(alice, server.uri("localhost"))).isEqualTo("CN=alice");
        assertThat(EchoServer.call(alice, server.uri("localhost"))).isEqualTo("CN=alice");

        Pki.replaceAtomically(crl, PemWriter.pem(crl(Pki.ROOT, ALICE.certificate().getSerialNumber())));
        assertThat(material.reloadNow()).isInstanceOf(ReloadResult.Changed.class);

        // Even with a session ticket from before the reload in its cache, Alice gets a full handshake and is refused.
        assertThatThrownBy(() -> EchoServer.call(alice, server.uri("localhost"))).isInstanceOf(IOException.class);
    }

    @Test
    void aRenewedServerCertificateIsPresentedToTheNextConnection() throws Exception {
        SSLContext client = Pki.plainContext(ALICE, Pki.ROOT);
        assertThat(serverCertificateSeen(client)).isEqualTo(Pki.SERVER.certificate().getSerialNumber());

        HeldCertificate renewed = Pki.server(Pki.ROOT, "localhost");
        Pki.replaceAtomically(serverKey, Pki.keyPem(renewed));
        Pki.replaceAtomically(serverCertificate, Pki.certificatePem(renewed));
        assertThat(material.reloadNow()).isInstanceOf(ReloadResult.Changed.class);

        assertThat(serverCertificateSeen(client)).isEqualTo(renewed.certificate().getSerialNumber());
    }

    @Test
    void aClientWithoutCertificateIsRefused() throws Exception {
        SSLContext anonymous = SSLContext.getInstance("TLS");
        anonymous.init(null, Pki.plainContextTrustManagers(Pki.ROOT), null);
        assertThatThrownBy(() -> EchoServer.call(EchoServer.client(anonymous), server.uri("localhost")))
                .isInstanceOf(IOException.class);
    }

    private BigInteger serverCertificateSeen(SSLContext client) throws IOException {
        try (SSLSocket socket = (SSLSocket) client.getSocketFactory().createSocket("localhost", server.port())) {
            socket.startHandshake();
            SSLSession session = socket.getSession();
            return ((java.security.cert.X509Certificate) session.getPeerCertificates()[0]).getSerialNumber();
        }
    }

    static X509CRL crl(HeldCertificate issuer, BigInteger... revoked) throws Exception {
        Instant now = Instant.now();
        X509v2CRLBuilder builder = new X509v2CRLBuilder(new JcaX509CertificateHolder(issuer.certificate()).getSubject(),
                Date.from(now.minus(Duration.ofMinutes(5))));
        builder.setNextUpdate(Date.from(now.plus(Duration.ofDays(7))));
        for (BigInteger serial : revoked) {
            builder.addCRLEntry(serial, Date.from(now.minus(Duration.ofMinutes(1))), CRLReason.keyCompromise);
        }
        builder.addExtension(Extension.cRLNumber, false, new CRLNumber(BigInteger.valueOf(revoked.length + 1)));
        builder.addExtension(Extension.authorityKeyIdentifier, false,
                new JcaX509ExtensionUtils().createAuthorityKeyIdentifier(issuer.certificate()));
        return new JcaX509CRLConverter().getCRL(builder.build(new JcaContentSignerBuilder("SHA256withECDSA")
                .build(issuer.keyPair().getPrivate())));
    }
}
