package dev.mtlskit.gateway;

import java.io.IOException;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;

import dev.mtlskit.pki.HeldCertificate;
import dev.mtlskit.pki.Purpose;
import dev.mtlskit.testing.TestPki;

/**
 * The gateway tests' certificates, made with {@link TestPki} and written as PEM files into a directory: a root CA (the gateway's client CA and the
 * clients' trust anchor for the server), a server certificate for localhost, 127.0.0.1 and ::1,
 * and client certificates, good and broken. Validity is relative to now, so the tests never
 * depend on the date.
 *
 * <ul>
 * <li>{@link #acme}: valid, CN=acme, URI SAN spiffe://example.org/acme, issued by the root</li>
 * <li>{@link #expired}: CN=expired-client, ended a day ago</li>
 * <li>{@link #notYetValid}: CN=future-client, starts tomorrow</li>
 * <li>{@link #serverOnly}: CN=server-only, extended key usage serverAuth only</li>
 * <li>{@link #untrusted}: CN=rogue from a self-signed "Rogue Root CA" the gateway does not trust;
 *     its file holds the leaf and that root, so the validator reaches the untrusted root</li>
 * <li>{@link #missingIntermediate}: CN=orphan, issued by an intermediate under the trusted root;
 *     its file holds the leaf only</li>
 * </ul>
 */
public final class GatewayPki {

    static final String ROOT_SUBJECT = "CN=mtls-kit Test Root CA,O=mtls-kit tests";
    static final String ACME_URI = "spiffe://example.org/acme";

    /** A client's files, and the certificate (leaf) it offers. */
    public record Client(String name, Path certificate, Path key, X509Certificate leaf) {
    }

    final Path directory;
    final HeldCertificate root;
    public final Path caCertificate;
    final Path serverCertificate;
    final Path serverKey;
    public final Client acme;
    final Client expired;
    final Client notYetValid;
    final Client serverOnly;
    final Client untrusted;
    final Client missingIntermediate;

    GatewayPki(Path directory) throws IOException {
        this.directory = directory;
        Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        root = HeldCertificate.builder().organization("mtls-kit tests").commonName("mtls-kit Test Root CA")
                .certificateAuthority(1).validity(now.minus(Duration.ofDays(30)), now.plus(Duration.ofDays(3650))).build();
        caCertificate = TestPki.writeCertificates(directory.resolve("ca.crt"), root.certificate());

        HeldCertificate server = HeldCertificate.builder().commonName("localhost").purpose(Purpose.SERVER)
                .addDnsName("localhost").addIpAddress("127.0.0.1").addIpAddress("::1").signedBy(root).build();
        serverCertificate = TestPki.writeCertificates(directory.resolve("server.crt"), server.certificate());
        serverKey = TestPki.writeKey(directory.resolve("server.key"), server.keyPair().getPrivate());

        acme = write("acme", HeldCertificate.builder().commonName("acme").purpose(Purpose.CLIENT).addUri(ACME_URI)
                .signedBy(root).build(), false);
        expired = write("expired", HeldCertificate.builder().commonName("expired-client").purpose(Purpose.CLIENT)
                .validity(now.minus(Duration.ofDays(30)), now.minus(Duration.ofDays(1))).signedBy(root).build(), false);
        notYetValid = write("future", HeldCertificate.builder().commonName("future-client").purpose(Purpose.CLIENT)
                .validity(now.plus(Duration.ofDays(1)), now.plus(Duration.ofDays(30))).signedBy(root).build(), false);
        serverOnly = write("server-only", HeldCertificate.builder().commonName("server-only").purpose(Purpose.SERVER)
                .addDnsName("partner.example").signedBy(root).build(), false);

        HeldCertificate rogueRoot = TestPki.root("Rogue Root CA");
        untrusted = write("rogue", HeldCertificate.builder().commonName("rogue").purpose(Purpose.CLIENT)
                .signedBy(rogueRoot).build(), true);

        HeldCertificate intermediate = TestPki.intermediate("mtls-kit Test Issuing CA", root);
        missingIntermediate = write("orphan", HeldCertificate.builder().commonName("orphan").purpose(Purpose.CLIENT)
                .signedBy(intermediate).build(), false);
    }

    private Client write(String name, HeldCertificate held, boolean withIssuers) throws IOException {
        Path certificate = TestPki.writeCertificates(directory.resolve(name + ".crt"),
                (withIssuers ? held.fullChain() : List.of(held.certificate())).toArray(X509Certificate[]::new));
        Path key = TestPki.writeKey(directory.resolve(name + ".key"), held.keyPair().getPrivate());
        return new Client(name, certificate, key, held.certificate());
    }
}
