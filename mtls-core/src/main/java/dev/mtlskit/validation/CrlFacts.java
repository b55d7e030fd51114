package dev.mtlskit.validation;

import java.lang.ref.WeakReference;
import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.security.cert.X509CRL;
import java.security.cert.X509CRLEntry;
import java.security.cert.X509Certificate;
import java.util.Arrays;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import javax.security.auth.x500.X500Principal;

import org.bouncycastle.asn1.ASN1Integer;
import org.bouncycastle.asn1.ASN1OctetString;
import org.bouncycastle.asn1.x509.AuthorityKeyIdentifier;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.IssuingDistributionPoint;

/**
 * What the revocation check needs to know about one CRL, parsed once per CRL object.
 *
 * <p>CRLs are immutable and loaded once per configuration snapshot, while the gateway validates a
 * chain per new client: the parse, the scan of every entry for critical extensions and each
 * signature check are kept per CRL object (by identity, weakly, bounded) instead of being redone.
 */
final class CrlFacts {

    /** CRL extensions understood here (RFC 5280 5.2): a CRL with any other critical one is not used. */
    private static final Set<String> HANDLED_CRITICAL = Set.of(Extension.issuingDistributionPoint.getId(),
            Extension.authorityKeyIdentifier.getId(), Extension.deltaCRLIndicator.getId());
    /** CRL entry extensions understood here (RFC 5280 5.3). */
    private static final Set<String> HANDLED_ENTRY_CRITICAL = Set.of(Extension.certificateIssuer.getId(),
            Extension.reasonCode.getId(), Extension.invalidityDate.getId(), Extension.instructionCode.getId());
    /** CRL objects remembered; beyond this many live ones (a huge configuration) the cache starts over. */
    private static final int MAX_CACHED_CRLS = 4096;
    /** Signer keys remembered per CRL; a peer cannot grow it by sending keys that do not verify. */
    private static final int MAX_CACHED_SIGNERS = 16;
    private static final Map<Identity, CrlFacts> CACHE = new ConcurrentHashMap<>();

    final X509CRL crl;
    final X500Principal issuer;
    /** The cRLNumber, or {@code null} when absent. */
    final BigInteger number;
    /** The base CRL number of a delta CRL (deltaCRLIndicator), {@code null} for a complete CRL. */
    final BigInteger deltaBase;
    /** The issuing distribution point, or {@code null}. */
    final IssuingDistributionPoint idp;
    /** Its DER bytes (a delta CRL applies to a complete CRL of the same scope), or {@code null}. */
    final byte[] idpEncoded;
    final byte[] authorityKeyId;
    /** Why the CRL cannot be used at all (sentence part after "it"), or {@code null}. */
    final String malformation;
    /** An unknown critical extension (of the CRL or of an entry), or {@code null}. */
    final String unhandledCritical;
    private final Map<ByteBuffer, Boolean> signatures = new ConcurrentHashMap<>();

    private CrlFacts(X509CRL crl) {
        this.crl = crl;
        this.issuer = crl.getIssuerX500Principal();
        String malformed = null;
        BigInteger crlNumber = null;
        BigInteger base = null;
        IssuingDistributionPoint point = null;
        byte[] pointBytes = null;
        byte[] akid = null;
        try {
            crlNumber = integer(crl, Extension.cRLNumber);
            base = integer(crl, Extension.deltaCRLIndicator);
            pointBytes = extension(crl, Extension.issuingDistributionPoint);
            point = pointBytes == null ? null : IssuingDistributionPoint.getInstance(pointBytes);
            byte[] akidBytes = extension(crl, Extension.authorityKeyIdentifier);
            akid = akidBytes == null ? null : AuthorityKeyIdentifier.getInstance(akidBytes).getKeyIdentifierOctets();
        } catch (RuntimeException e) {
            malformed = "has an extension that cannot be parsed";
        }
        Set<String> critical = crl.getCriticalExtensionOIDs();
        if (malformed == null && crlNumber == null) {
            malformed = "has no CRL number (RFC 5280 requires one)";
        } else if (malformed == null && critical != null && critical.contains(Extension.cRLNumber.getId())) {
            malformed = "has its CRL number marked critical (RFC 5280 requires it non-critical)";
        }
        String unknown = null;
        if (critical != null) {
            unknown = critical.stream().filter(oid -> !HANDLED_CRITICAL.contains(oid)).sorted().findFirst().orElse(null);
        }
        boolean indirect = point != null && point.isIndirectCRL();
        Set<? extends X509CRLEntry> entries = crl.getRevokedCertificates();
        if (entries != null) {
            for (X509CRLEntry entry : entries) {
                Set<String> entryCritical = entry.getCriticalExtensionOIDs();
                if (unknown == null && entryCritical != null) {
                    unknown = entryCritical.stream().filter(oid -> !HANDLED_ENTRY_CRITICAL.contains(oid))
                            .sorted().findFirst().map(oid -> oid + " (in the entry for serial "
                                    + entry.getSerialNumber().toString(16) + ")").orElse(null);
                }
                if (malformed == null && !indirect && entry.getCertificateIssuer() != null) {
                    // Entries would be attributed to another CA, yet the CRL does not say it is indirect.
                    malformed = "names other certificate issuers in its entries without being marked an indirect CRL";
                }
            }
        }
        this.number = crlNumber;
        this.deltaBase = base;
        this.idp = point;
        this.idpEncoded = pointBytes;
        this.authorityKeyId = akid;
        this.malformation = malformed;
        this.unhandledCritical = unknown;
    }

    static CrlFacts of(X509CRL crl) {
        Identity key = new Identity(crl);
        CrlFacts facts = CACHE.get(key);
        if (facts == null) {
            facts = new CrlFacts(crl);
            if (CACHE.size() >= MAX_CACHED_CRLS) {
                CACHE.keySet().removeIf(Identity::collected); // CRLs of replaced configurations
                if (CACHE.size() >= MAX_CACHED_CRLS) {
                    CACHE.clear();
                }
            }
            CACHE.put(key, facts);
        }
        return facts;
    }

    boolean isDelta() {
        return deltaBase != null;
    }

    boolean isIndirect() {
        return idp != null && idp.isIndirectCRL();
    }

    /** Whether this delta CRL updates the given complete CRL (RFC 5280 5.2.4): same issuer and scope, newer. */
    boolean updates(CrlFacts complete) {
        return isDelta() && !complete.isDelta() && issuer.equals(complete.issuer)
                && Arrays.equals(idpEncoded, complete.idpEncoded) && complete.number != null && number != null
                && deltaBase.compareTo(complete.number) <= 0 && number.compareTo(complete.number) > 0;
    }

    /** The entry for the certificate, attributed by issuer as well as serial (indirect CRLs list several CAs). */
    X509CRLEntry entryFor(X509Certificate certificate) {
        return crl.getRevokedCertificate(certificate);
    }

    /** Whether the key of the certificate verifies this CRL's signature; remembered per key. */
    boolean verifiedBy(CertificateFacts signer) {
        if (signer.subjectPublicKeyInfo == null) {
            return false;
        }
        ByteBuffer key = ByteBuffer.wrap(signer.subjectPublicKeyInfo);
        Boolean verified = signatures.get(key);
        if (verified == null) {
            verified = SignatureVerifier.verify(crl, signer);
            if (signatures.size() < MAX_CACHED_SIGNERS) {
                signatures.put(key, verified);
            }
        }
        return verified;
    }

    private static byte[] extension(X509CRL crl, org.bouncycastle.asn1.ASN1ObjectIdentifier oid) {
        byte[] value = crl.getExtensionValue(oid.getId());
        return value == null ? null : ASN1OctetString.getInstance(value).getOctets();
    }

    private static BigInteger integer(X509CRL crl, org.bouncycastle.asn1.ASN1ObjectIdentifier oid) {
        byte[] value = extension(crl, oid);
        return value == null ? null : ASN1Integer.getInstance(value).getValue();
    }

    /** A CRL object by identity, held weakly so that a replaced configuration's CRLs can be collected. */
    private static final class Identity {
        private final WeakReference<X509CRL> crl;
        private final int hash;

        Identity(X509CRL crl) {
            this.crl = new WeakReference<>(crl);
            this.hash = System.identityHashCode(crl);
        }

        boolean collected() {
            return crl.get() == null;
        }

        @Override
        public boolean equals(Object other) {
            if (this == other) {
                return true;
            }
            if (!(other instanceof Identity that) || hash != that.hash) {
                return false;
            }
            X509CRL mine = crl.get();
            return mine != null && mine == that.crl.get();
        }

        @Override
        public int hashCode() {
            return hash;
        }
    }
}
