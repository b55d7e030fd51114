package dev.mtlskit.revocation;

import java.io.IOException;
import java.security.SecureRandom;
import java.security.cert.CRLReason;
import java.security.cert.CertificateEncodingException;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import org.bouncycastle.asn1.DEROctetString;
import org.bouncycastle.asn1.ocsp.OCSPObjectIdentifiers;
import org.bouncycastle.asn1.x509.AccessDescription;
import org.bouncycastle.asn1.x509.AuthorityInformationAccess;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.ExtendedKeyUsage;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateHolder;
import org.bouncycastle.cert.ocsp.BasicOCSPResp;
import org.bouncycastle.cert.ocsp.CertificateID;
import org.bouncycastle.cert.ocsp.CertificateStatus;
import org.bouncycastle.cert.ocsp.OCSPException;
import org.bouncycastle.cert.ocsp.OCSPReq;
import org.bouncycastle.cert.ocsp.OCSPReqBuilder;
import org.bouncycastle.cert.ocsp.OCSPResp;
import org.bouncycastle.cert.ocsp.RevokedStatus;
import org.bouncycastle.cert.ocsp.SingleResp;
import org.bouncycastle.cert.ocsp.UnknownStatus;
import org.bouncycastle.operator.ContentVerifierProvider;
import org.bouncycastle.operator.DigestCalculatorProvider;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentVerifierProviderBuilder;
import org.bouncycastle.operator.jcajce.JcaDigestCalculatorProviderBuilder;

/**
 * Asks an OCSP responder (RFC 6960) about one certificate and checks its answer: signed by the
 * certificate's issuer, or by a responder certificate the issuer issued for OCSP signing
 * (id-kp-OCSPSigning) and valid now; about this certificate; current (thisUpdate not in the future,
 * nextUpdate not past); carrying the request's nonce if it carries one.
 */
final class OcspClient {

    /** OCSP responses are a few kilobytes; a responder that sends more is broken. */
    static final int MAX_RESPONSE_BYTES = 64 * 1024;
    /** Clocks differ: an answer made up to this long "in the future" is accepted. */
    static final Duration CLOCK_SKEW = Duration.ofMinutes(5);

    /** A verified answer. */
    record Answer(boolean revoked, boolean unknownToResponder, Instant revokedAt, CRLReason reason, Instant thisUpdate,
                  Instant nextUpdate) {
    }

    private static final SecureRandom RANDOM = new SecureRandom();

    private final Duration timeout;
    private final boolean nonce;

    OcspClient(Duration timeout, boolean nonce) {
        this.timeout = timeout;
        this.nonce = nonce;
    }

    /** The OCSP responder URLs a certificate's authorityInfoAccess names (http only), in order. */
    static List<String> responders(X509Certificate certificate) {
        byte[] value = certificate.getExtensionValue(Extension.authorityInfoAccess.getId());
        List<String> urls = new ArrayList<>();
        if (value == null) {
            return urls;
        }
        try {
            AuthorityInformationAccess aia = AuthorityInformationAccess.getInstance(
                    org.bouncycastle.asn1.ASN1OctetString.getInstance(value).getOctets());
            for (AccessDescription description : aia.getAccessDescriptions()) {
                GeneralName location = description.getAccessLocation();
                if (description.getAccessMethod().equals(AccessDescription.id_ad_ocsp)
                        && location.getTagNo() == GeneralName.uniformResourceIdentifier) {
                    String url = location.getName().toString();
                    if (url.regionMatches(true, 0, "http://", 0, 7)) {
                        urls.add(url);
                    }
                }
            }
        } catch (RuntimeException malformed) {
            // A malformed extension was already refused by validation; nothing to ask here.
        }
        return urls;
    }

    /** Asks {@code url} about {@code certificate}; a {@link HttpFetch.Failure} says why no usable answer came. */
    Answer ask(X509Certificate certificate, X509Certificate issuer, String url, Instant now) throws HttpFetch.Failure {
        DigestCalculatorProvider digests = digests();
        X509CertificateHolder issuerHolder = holder(issuer);
        CertificateID id;
        byte[] sentNonce = null;
        byte[] request;
        try {
            id = new CertificateID(digests.get(CertificateID.HASH_SHA1), issuerHolder, certificate.getSerialNumber());
            OCSPReqBuilder builder = new OCSPReqBuilder().addRequest(id);
            if (nonce) {
                sentNonce = new byte[16];
                RANDOM.nextBytes(sentNonce);
                builder.setRequestExtensions(new org.bouncycastle.asn1.x509.Extensions(new Extension(
                        OCSPObjectIdentifiers.id_pkix_ocsp_nonce, false, new DEROctetString(sentNonce))));
            }
            OCSPReq req = builder.build();
            request = req.getEncoded();
        } catch (OCSPException | OperatorCreationException | IOException e) {
            throw new IllegalStateException("cannot make an OCSP request: " + e.getMessage(), e);
        }
        byte[] response = HttpFetch.exchange(url, "application/ocsp-request", request, "application/ocsp-response",
                timeout, MAX_RESPONSE_BYTES);
        return verify(response, id, certificate, issuer, issuerHolder, digests, sentNonce, now);
    }

    private static Answer verify(byte[] encoded, CertificateID id, X509Certificate certificate, X509Certificate issuer,
                                 X509CertificateHolder issuerHolder, DigestCalculatorProvider digests, byte[] sentNonce,
                                 Instant now) throws HttpFetch.Failure {
        BasicOCSPResp basic;
        try {
            OCSPResp response = new OCSPResp(encoded);
            if (response.getStatus() != OCSPResp.SUCCESSFUL) {
                throw new HttpFetch.Failure("answered \"" + statusName(response.getStatus()) + "\" instead of a status");
            }
            if (!(response.getResponseObject() instanceof BasicOCSPResp b)) {
                throw new HttpFetch.Failure("answered with a response type other than the basic one");
            }
            basic = b;
        } catch (IOException | OCSPException | RuntimeException e) {
            throw new HttpFetch.Failure("answered with something that is not an OCSP response");
        }
        checkSignature(basic, issuer, now);
        if (sentNonce != null) {
            Extension echoed = basic.getExtension(OCSPObjectIdentifiers.id_pkix_ocsp_nonce);
            if (echoed != null && !Arrays.equals(nonceBytes(echoed), sentNonce)) {
                throw new HttpFetch.Failure("answered with the nonce of another request (a replayed response)");
            }
        }
        for (SingleResp single : basic.getResponses()) {
            CertificateID answered = single.getCertID();
            boolean same;
            try {
                same = answered.getSerialNumber().equals(certificate.getSerialNumber())
                        && answered.matchesIssuer(issuerHolder, digests);
            } catch (OCSPException e) {
                same = false; // a hash algorithm we cannot compute: not this certificate, as far as we can tell
            }
            if (!same) {
                continue;
            }
            Instant thisUpdate = single.getThisUpdate().toInstant();
            Instant nextUpdate = single.getNextUpdate() == null ? null : single.getNextUpdate().toInstant();
            if (thisUpdate.isAfter(now.plus(CLOCK_SKEW))) {
                throw new HttpFetch.Failure("answered with a status dated " + thisUpdate + ", in the future (check both clocks)");
            }
            if (nextUpdate != null && !nextUpdate.isAfter(now)) {
                throw new HttpFetch.Failure("answered with a status that expired on " + nextUpdate
                        + " (its nextUpdate): the responder serves stale answers");
            }
            CertificateStatus status = single.getCertStatus();
            if (status instanceof RevokedStatus revoked) {
                CRLReason reason = null;
                if (revoked.hasRevocationReason()) {
                    int code = revoked.getRevocationReason();
                    reason = code >= 0 && code < CRLReason.values().length ? CRLReason.values()[code] : null;
                }
                return new Answer(true, false, revoked.getRevocationTime().toInstant(), reason, thisUpdate, nextUpdate);
            }
            if (status instanceof UnknownStatus) {
                return new Answer(false, true, null, null, thisUpdate, nextUpdate);
            }
            return new Answer(false, false, null, null, thisUpdate, nextUpdate);
        }
        throw new HttpFetch.Failure("answered about other certificates, not this one");
    }

    /** Signed by the issuer itself, or by a certificate it issued for OCSP signing that is valid now. */
    private static void checkSignature(BasicOCSPResp basic, X509Certificate issuer, Instant now) throws HttpFetch.Failure {
        if (signedBy(basic, issuer.getPublicKey())) {
            return;
        }
        String why = "answered with a signature that does not verify with the CA's key";
        for (X509CertificateHolder responder : basic.getCerts()) {
            try {
                if (Arrays.equals(responder.getSubjectPublicKeyInfo().getEncoded(), issuer.getPublicKey().getEncoded())) {
                    continue; // the CA itself, whose key was tried above
                }
                if (!responder.getIssuer().equals(holder(issuer).getSubject())
                        || !responder.isSignatureValid(new JcaContentVerifierProviderBuilder().build(issuer.getPublicKey()))) {
                    continue;
                }
                if (!hasOcspSigning(responder)) {
                    why = "answered signed by " + name(responder)
                            + ", a certificate of the CA that is not meant for OCSP signing (no id-kp-OCSPSigning)";
                    continue;
                }
                if (!responder.isValidOn(java.util.Date.from(now))) {
                    why = "answered signed by the responder certificate " + name(responder)
                            + ", which is not valid now (valid " + responder.getNotBefore().toInstant() + " to "
                            + responder.getNotAfter().toInstant() + ")";
                    continue;
                }
                ContentVerifierProvider verifier = new JcaContentVerifierProviderBuilder().build(responder);
                if (basic.isSignatureValid(verifier)) {
                    return;
                }
            } catch (OperatorCreationException | OCSPException | org.bouncycastle.cert.CertException
                     | java.security.cert.CertificateException | IOException | RuntimeException e) {
                // not a usable responder certificate: try the next one
            }
        }
        throw new HttpFetch.Failure(why);
    }

    private static boolean signedBy(BasicOCSPResp basic, java.security.PublicKey key) {
        try {
            return basic.isSignatureValid(new JcaContentVerifierProviderBuilder().build(key));
        } catch (OperatorCreationException | OCSPException | RuntimeException e) {
            return false;
        }
    }

    /** A certificate's subject as the rest of mtls-kit writes names (RFC 2253, most specific first). */
    private static String name(X509CertificateHolder certificate) {
        try {
            return new javax.security.auth.x500.X500Principal(certificate.getSubject().getEncoded()).getName();
        } catch (IOException e) {
            return certificate.getSubject().toString();
        }
    }

    private static boolean hasOcspSigning(X509CertificateHolder certificate) {
        ExtendedKeyUsage usage = ExtendedKeyUsage.fromExtensions(certificate.getExtensions());
        return usage != null && usage.hasKeyPurposeId(KeyPurposeId.id_kp_OCSPSigning);
    }

    private static byte[] nonceBytes(Extension extension) {
        byte[] value = extension.getExtnValue().getOctets();
        try {
            // RFC 8954: the nonce is an OCTET STRING inside extnValue; some responders put the bare bytes.
            return org.bouncycastle.asn1.ASN1OctetString.getInstance(value).getOctets();
        } catch (RuntimeException bare) {
            return value;
        }
    }

    private static String statusName(int status) {
        return switch (status) {
            case OCSPResp.MALFORMED_REQUEST -> "malformedRequest";
            case OCSPResp.INTERNAL_ERROR -> "internalError";
            case OCSPResp.TRY_LATER -> "tryLater";
            case OCSPResp.SIG_REQUIRED -> "sigRequired";
            case OCSPResp.UNAUTHORIZED -> "unauthorized";
            default -> "status " + status;
        };
    }

    private static X509CertificateHolder holder(X509Certificate certificate) {
        try {
            return new JcaX509CertificateHolder(certificate);
        } catch (CertificateEncodingException e) {
            throw new IllegalStateException("cannot encode a certificate: " + e.getMessage(), e);
        }
    }

    private static DigestCalculatorProvider digests() {
        try {
            return new JcaDigestCalculatorProviderBuilder().build();
        } catch (OperatorCreationException e) {
            throw new IllegalStateException("no SHA-1 digest for OCSP certificate IDs: " + e.getMessage(), e);
        }
    }
}
