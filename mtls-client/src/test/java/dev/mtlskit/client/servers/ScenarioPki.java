package dev.mtlskit.client.servers;

import static java.util.Objects.requireNonNull;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;

import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.cert.X509CRLHolder;

import dev.mtlskit.pki.HeldCertificate;
import dev.mtlskit.pki.KeyType;
import dev.mtlskit.pki.Purpose;
import dev.mtlskit.testing.TestPki;

/**
 * The certificates of every failure scenario, written as PEM files into one directory: a server
 * hierarchy (root, intermediate, leaves), a separate client hierarchy, and an unrelated CA that
 * nobody trusts. Validity is relative to now, so the files never age. Each broken certificate is
 * broken in one way only: it is issued like the good one otherwise, and its file holds the leaf
 * and its intermediate unless its name says otherwise. All keys are ECDSA P-256.
 *
 * <pre>{@code
 * Server Root CA ── Server Intermediate CA ── server (localhost, 127.0.0.1, ::1; also serverLeafOnly, serverWithRoot)
 *                                          ├─ serverExpired
 *                                          └─ serverWrongName (wrong.example only)
 * Client Root CA ── Client Intermediate CA ── client (CN=acme, clientAuth; also clientLeafOnly, clientWrongKey)
 *                                          ├─ clientExpired, clientNotYetValid
 *                                          ├─ clientServerAuthOnly (EKU serverAuth only)
 *                                          └─ clientRevoked (listed in clientIntermediateCrl)
 * Unrelated Root CA ── serverUnrelated, clientUnrelated   (leaf-only files)
 * }</pre>
 *
 * Generating all of it takes well under a second: make one per test class ({@code @BeforeAll}).
 */
public final class ScenarioPki {

    /** Subjects as nginx prints them in {@code $ssl_client_s_dn} (RFC 2253). */
    public static final String CLIENT_SUBJECT = "CN=acme,O=mtls-kit scenarios";

    /**
     * A certificate file, its key file and what they hold.
     *
     * @param certificate PEM file with the leaf first (and, unless the name says otherwise, its intermediate)
     * @param key PKCS#8 PEM file, mode 0600
     * @param held the leaf with its key pair and issuers
     */
    public record Credential(String name, Path certificate, Path key, HeldCertificate held) {

        public Credential {
            requireNonNull(name, "name");
            requireNonNull(certificate, "certificate");
            requireNonNull(key, "key");
            requireNonNull(held, "held");
        }

        public X509Certificate leaf() {
            return held.certificate();
        }
    }

    private final Path directory;

    /** Server root CA certificate: the trust anchor a client needs for {@link #server}. */
    public final Path serverRootCa;
    public final Path serverIntermediateCa;
    /** Leaf and intermediate: what a correctly configured server sends. */
    public final Credential server;
    /** The same leaf and key as {@link #server}, without the intermediate (the classic misconfiguration). */
    public final Credential serverLeafOnly;
    /** The same leaf and key as {@link #server}, followed by the intermediate and the root. */
    public final Credential serverWithRoot;
    public final Credential serverExpired;
    /** Valid, but only for {@code wrong.example}. */
    public final Credential serverWrongName;
    /** For localhost and 127.0.0.1, issued by the unrelated CA; leaf only. */
    public final Credential serverUnrelated;

    public final Path clientRootCa;
    public final Path clientIntermediateCa;
    /** Client root and intermediate in one file: what a server lists as acceptable client CAs. */
    public final Path clientCaBundle;
    /** Good: clientAuth, issued by the client intermediate; file with the intermediate. */
    public final Credential client;
    /** The same leaf and key as {@link #client}, leaf only. */
    public final Credential clientLeafOnly;
    public final Credential clientExpired;
    public final Credential clientNotYetValid;
    /** Extended key usage serverAuth only, as public CAs issue since they dropped clientAuth. */
    public final Credential clientServerAuthOnly;
    /** Issued by the unrelated CA; leaf only. */
    public final Credential clientUnrelated;
    /** Listed in {@link #clientIntermediateCrl}. */
    public final Credential clientRevoked;
    /** {@link #client}'s certificate file with the key of another key pair. */
    public final Credential clientWrongKey;

    /** The client intermediate's CRL: lists {@link #clientRevoked}. */
    public final Path clientIntermediateCrl;
    /**
     * The client root's CRL (empty) and the intermediate's, in one file: servers that check the
     * whole chain (nginx's {@code ssl_crl}) need a CRL from every CA in it.
     */
    public final Path clientCrls;

    /** The unrelated CA's certificate, for tests that want to trust it after all. */
    public final Path unrelatedRootCa;

    private ScenarioPki(Path directory) throws IOException {
        this.directory = directory;
        Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        Instant caStart = now.minus(Duration.ofDays(60));
        Instant caEnd = now.plus(Duration.ofDays(3650));
        Instant leafStart = now.minus(Duration.ofDays(30));
        Instant leafEnd = now.plus(Duration.ofDays(90));

        HeldCertificate serverRoot = ca("Server Root CA", 1, caStart, caEnd, null);
        HeldCertificate serverIntermediate = ca("Server Intermediate CA", 0, caStart, caEnd, serverRoot);
        serverRootCa = writeCertificates("server-root-ca.pem", serverRoot.certificate());
        serverIntermediateCa = writeCertificates("server-intermediate-ca.pem", serverIntermediate.certificate());
        HeldCertificate serverLeaf = serverLeaf("localhost", leafStart, leafEnd, serverIntermediate);
        server = write("server", serverLeaf, true);
        serverLeafOnly = new Credential("server-leaf-only",
                writeCertificates("server-leaf-only.pem", serverLeaf.certificate()), server.key(), serverLeaf);
        serverWithRoot = new Credential("server-with-root", writeCertificates("server-with-root.pem",
                serverLeaf.fullChain().toArray(X509Certificate[]::new)), server.key(), serverLeaf);
        serverExpired = write("server-expired",
                serverLeaf("localhost", now.minus(Duration.ofDays(90)), now.minus(Duration.ofDays(1)), serverIntermediate),
                true);
        serverWrongName = write("server-wrong-name", HeldCertificate.builder().organization("mtls-kit scenarios")
                .commonName("wrong.example").purpose(Purpose.SERVER).addDnsName("wrong.example")
                .validity(leafStart, leafEnd).signedBy(serverIntermediate).build(), true);

        HeldCertificate unrelatedRoot = ca("Unrelated Root CA", 0, caStart, caEnd, null);
        unrelatedRootCa = writeCertificates("unrelated-root-ca.pem", unrelatedRoot.certificate());
        serverUnrelated = write("server-unrelated", serverLeaf("localhost", leafStart, leafEnd, unrelatedRoot), false);

        HeldCertificate clientRoot = ca("Client Root CA", 1, caStart, caEnd, null);
        HeldCertificate clientIntermediate = ca("Client Intermediate CA", 0, caStart, caEnd, clientRoot);
        clientRootCa = writeCertificates("client-root-ca.pem", clientRoot.certificate());
        clientIntermediateCa = writeCertificates("client-intermediate-ca.pem", clientIntermediate.certificate());
        clientCaBundle = writeCertificates("client-ca-bundle.pem", clientRoot.certificate(), clientIntermediate.certificate());
        HeldCertificate clientLeaf = clientLeaf("acme", leafStart, leafEnd, clientIntermediate);
        client = write("client", clientLeaf, true);
        clientLeafOnly = new Credential("client-leaf-only",
                writeCertificates("client-leaf-only.pem", clientLeaf.certificate()), client.key(), clientLeaf);
        clientExpired = write("client-expired",
                clientLeaf("expired", now.minus(Duration.ofDays(90)), now.minus(Duration.ofDays(1)), clientIntermediate), true);
        clientNotYetValid = write("client-not-yet-valid",
                clientLeaf("not-yet-valid", now.plus(Duration.ofDays(1)), now.plus(Duration.ofDays(90)), clientIntermediate),
                true);
        clientServerAuthOnly = write("client-server-auth-only", HeldCertificate.builder()
                .organization("mtls-kit scenarios").commonName("server-auth-only")
                .extendedKeyUsage(List.of(KeyPurposeId.id_kp_serverAuth)).addDnsName("partner.example")
                .validity(leafStart, leafEnd).signedBy(clientIntermediate).build(), true);
        clientUnrelated = write("client-unrelated", clientLeaf("unrelated", leafStart, leafEnd, unrelatedRoot), false);
        clientRevoked = write("client-revoked", clientLeaf("revoked", leafStart, leafEnd, clientIntermediate), true);

        Path otherKey = TestPki.writeKey(directory.resolve("client-wrong-key.key"), KeyType.EC_P256.generate().getPrivate());
        clientWrongKey = new Credential("client-wrong-key", client.certificate(), otherKey, clientLeaf);

        // Issued an hour ago, valid for a week.
        Instant thisUpdate = now.minus(Duration.ofHours(1));
        Instant nextUpdate = now.plus(Duration.ofDays(7));
        X509CRLHolder intermediateCrl = TestPki.crl(clientIntermediate, thisUpdate, nextUpdate,
                clientRevoked.leaf().getSerialNumber());
        X509CRLHolder rootCrl = TestPki.crl(clientRoot, thisUpdate, nextUpdate);
        clientIntermediateCrl = TestPki.writeCrls(directory.resolve("client-intermediate-ca.crl.pem"), intermediateCrl);
        clientCrls = TestPki.writeCrls(directory.resolve("client-crls.pem"), rootCrl, intermediateCrl);
    }

    /** Generates every certificate, key and CRL into {@code directory} (which must exist). */
    public static ScenarioPki create(Path directory) throws IOException {
        if (!Files.isDirectory(directory)) {
            throw new IOException("not a directory: " + directory);
        }
        return new ScenarioPki(directory);
    }

    public Path directory() {
        return directory;
    }

    private static HeldCertificate ca(String name, int maxPathLength, Instant start, Instant end, HeldCertificate issuer) {
        var builder = HeldCertificate.builder().organization("mtls-kit scenarios").commonName(name)
                .certificateAuthority(maxPathLength).validity(start, end);
        return issuer == null ? builder.build() : builder.signedBy(issuer).build();
    }

    private static HeldCertificate serverLeaf(String name, Instant start, Instant end, HeldCertificate issuer) {
        var builder = HeldCertificate.builder().organization("mtls-kit scenarios").commonName(name).purpose(Purpose.SERVER)
                .addDnsName(name).addIpAddress("127.0.0.1").addIpAddress("::1").validity(start, end);
        X509Certificate issuerCertificate = issuer.certificate();
        if (!issuerCertificate.getSubjectX500Principal().equals(issuerCertificate.getIssuerX500Principal())) {
            // Like certificates from public CAs: below an intermediate, say where the intermediate is.
            builder.caIssuersUrl("http://pki.invalid/server-intermediate-ca.crt");
        }
        return builder.signedBy(issuer).build();
    }

    private static HeldCertificate clientLeaf(String name, Instant start, Instant end, HeldCertificate issuer) {
        return HeldCertificate.builder().organization("mtls-kit scenarios").commonName(name).purpose(Purpose.CLIENT)
                .validity(start, end).signedBy(issuer).build();
    }

    private Credential write(String name, HeldCertificate held, boolean withIntermediate) throws IOException {
        Path certificate = withIntermediate
                ? writeCertificates(name + ".pem", held.chainWithoutRoot().toArray(X509Certificate[]::new))
                : writeCertificates(name + ".pem", held.certificate());
        Path key = TestPki.writeKey(directory.resolve(name + ".key"), held.keyPair().getPrivate());
        return new Credential(name, certificate, key, held);
    }

    private Path writeCertificates(String fileName, X509Certificate... certificates) throws IOException {
        return TestPki.writeCertificates(directory.resolve(fileName), certificates);
    }
}
