package dev.mtlskit.reload;

import static java.util.Objects.requireNonNull;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.cert.CRLException;
import java.security.cert.CertificateEncodingException;
import java.security.cert.X509CRL;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;

import dev.mtlskit.material.CertificateBundle;
import dev.mtlskit.material.Crls;
import dev.mtlskit.material.KeyMaterial;
import dev.mtlskit.material.MaterialException;
import dev.mtlskit.material.PasswordSource;
import dev.mtlskit.material.SessionTicketKey;

/**
 * One consistent snapshot of TLS material: this end's key and chain, checked to belong together
 * (or none, for a client that presents no certificate), and what it trusts. Immutable; a reload
 * makes a new one. Not a record, so that the fingerprints always match the content.
 */
public final class TlsMaterial {

    private final KeyMaterial keyMaterial;
    private final List<X509Certificate> trustAnchors;
    private final List<X509CRL> crls;
    private final List<SessionTicketKey> sessionTicketKeys;
    private final String fingerprint;
    private final String trustFingerprint;

    private TlsMaterial(KeyMaterial keyMaterial, List<X509Certificate> trustAnchors, List<X509CRL> crls,
                        List<SessionTicketKey> sessionTicketKeys) {
        this.keyMaterial = keyMaterial;
        this.trustAnchors = List.copyOf(trustAnchors);
        this.crls = List.copyOf(crls);
        this.sessionTicketKeys = List.copyOf(sessionTicketKeys);
        this.trustFingerprint = fingerprint(null, this.trustAnchors, this.crls);
        this.fingerprint = keyMaterial == null ? trustFingerprint : fingerprint(keyMaterial, this.trustAnchors, this.crls);
    }

    /**
     * A snapshot of material loaded elsewhere.
     *
     * @param keyMaterial this end's key and chain, or {@code null} for a client without a certificate
     */
    public static TlsMaterial of(KeyMaterial keyMaterial, List<X509Certificate> trustAnchors, List<X509CRL> crls) {
        return new TlsMaterial(keyMaterial, trustAnchors, crls, List.of());
    }

    /**
     * Reads every file; throws {@link MaterialException} naming the file and the fix when one cannot
     * be used, including a key that does not belong to the certificate.
     */
    public static TlsMaterial load(TlsFiles files) {
        requireNonNull(files, "files");
        KeyMaterial key = files.keyStore() != null ? KeyMaterial.loadKeyStore(files.keyStore(), files.keyPassword(), null)
                : files.certificateChain() != null
                        ? KeyMaterial.load(files.certificateChain(), files.privateKey(), files.keyPassword()) : null;
        List<X509Certificate> anchors = new ArrayList<>();
        for (Path file : files.trustedCertificates()) {
            anchors.addAll(CertificateBundle.load(file, PasswordSource.none()).asWritten());
        }
        if (files.jdkRoots()) {
            anchors.addAll(JdkRoots.certificates());
        }
        List<X509CRL> crls = new ArrayList<>();
        for (Path file : files.crls()) {
            crls.addAll(Crls.load(file));
        }
        List<SessionTicketKey> ticketKeys = new ArrayList<>();
        for (Path file : files.sessionTicketKeys()) {
            ticketKeys.addAll(SessionTicketKey.load(file));
        }
        return new TlsMaterial(key, anchors, crls, ticketKeys);
    }

    /** This end's private key and certificate chain (leaf first), or {@code null} without a certificate. */
    public KeyMaterial keyMaterial() {
        return keyMaterial;
    }

    public boolean hasKey() {
        return keyMaterial != null;
    }

    /** This end's certificate; only {@linkplain #hasKey() with a key}. */
    public X509Certificate leaf() {
        if (keyMaterial == null) {
            throw new IllegalStateException("this material has no certificate of its own (a client that presents none)");
        }
        return keyMaterial.leaf();
    }

    /** The trusted CA certificates, in file order. */
    public List<X509Certificate> trustAnchors() {
        return trustAnchors;
    }

    /** The revocation lists, possibly none. */
    public List<X509CRL> crls() {
        return crls;
    }

    /**
     * A server's session-ticket keys, the one that encrypts new tickets first; none when the TLS
     * engine makes its own.
     */
    public List<SessionTicketKey> sessionTicketKeys() {
        return sessionTicketKeys;
    }

    /**
     * Whether {@code other} holds the same certificates, CRLs and session-ticket keys: a reload that
     * finds the same is no change.
     */
    public boolean sameAs(TlsMaterial other) {
        return fingerprint.equals(other.fingerprint) && sessionTicketKeys.equals(other.sessionTicketKeys);
    }

    /**
     * SHA-256 (hex) of the certificates and CRLs: equal fingerprints mean the same certificates,
     * whatever the files' formatting. Session-ticket keys are left out (see {@link #sameAs}): secrets
     * have no business in a hash that may be logged.
     */
    public String fingerprint() {
        return fingerprint;
    }

    /**
     * SHA-256 (hex) of the trust anchors and CRLs alone: it changes exactly when what this end
     * trusts changes, e.g. to tie TLS sessions to the trust they were verified under.
     */
    public String trustFingerprint() {
        return trustFingerprint;
    }

    /**
     * The private key is left out: it cannot change without the leaf's public key changing too
     * (they are checked to match), and its bytes have no business in a hash that may be logged.
     */
    private static String fingerprint(KeyMaterial key, List<X509Certificate> anchors, List<X509CRL> crls) {
        MessageDigest digest = sha256();
        try {
            section(digest, "chain");
            for (X509Certificate certificate : key == null ? List.<X509Certificate>of() : key.chain()) {
                entry(digest, certificate.getEncoded());
            }
            section(digest, "anchors");
            for (X509Certificate certificate : anchors) {
                entry(digest, certificate.getEncoded());
            }
            section(digest, "crls");
            for (X509CRL crl : crls) {
                entry(digest, crl.getEncoded());
            }
        } catch (CertificateEncodingException | CRLException e) {
            throw new IllegalStateException("a parsed certificate or CRL cannot be re-encoded", e);
        }
        return HexFormat.of().formatHex(digest.digest());
    }

    private static void section(MessageDigest digest, String name) {
        digest.update(name.getBytes(StandardCharsets.US_ASCII));
    }

    /** Length-prefixed, so that moving bytes from one entry to the next changes the hash. */
    private static void entry(MessageDigest digest, byte[] encoded) {
        int length = encoded.length;
        digest.update(new byte[] {(byte) (length >>> 24), (byte) (length >>> 16), (byte) (length >>> 8), (byte) length});
        digest.update(encoded);
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JDK", e);
        }
    }

    /** Never prints the key. */
    @Override
    public String toString() {
        return "TlsMaterial[leaf=" + (keyMaterial == null ? "none" : leaf().getSubjectX500Principal().getName())
                + ", trustAnchors=" + trustAnchors.size()
                + ", crls=" + crls.size() + (sessionTicketKeys.isEmpty() ? "" : ", sessionTicketKeys=" + sessionTicketKeys.size())
                + ", fingerprint=" + fingerprint.substring(0, 16) + "…]";
    }
}
