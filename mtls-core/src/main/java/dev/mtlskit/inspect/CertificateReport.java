package dev.mtlskit.inspect;

import static java.util.Objects.requireNonNull;

import java.util.List;

/**
 * The facts about one certificate.
 *
 * @param subject the subject DN (RFC 2253, e.g. {@code CN=acme,O=Acme})
 * @param issuer the issuer DN (RFC 2253)
 * @param serial the serial number in upper-case hex, as {@code openssl x509 -serial} prints it
 * @param role root CA, intermediate CA, leaf or self-signed leaf
 * @param validity the validity period, judged at the inspection time
 * @param key the certified public key
 * @param signatureAlgorithm how the issuer signed it, e.g. {@code SHA256withECDSA}
 * @param subjectAltNames the names, in certificate order
 * @param keyUsage key usage names ({@code digitalSignature}, {@code keyCertSign}...); empty without the extension
 * @param extendedKeyUsage extended key usage names ({@code serverAuth}, {@code clientAuth}...; unknown ones as OIDs);
 *                         empty without the extension
 * @param basicConstraints the basic constraints
 * @param selfSigned whether it is signed by its own key (checked with the key, not only the names)
 * @param sha256Fingerprint SHA-256 of the DER certificate, colon-separated upper-case hex
 * @param spkiPin base64 SHA-256 of the SubjectPublicKeyInfo (the HPKP / Envoy {@code verify_certificate_spki} form)
 * @param ocspUrls OCSP responder URLs from authority information access
 * @param caIssuersUrls issuer certificate URLs from authority information access
 * @param crlUrls CRL distribution point URLs
 * @param findings what will likely cause trouble
 */
public record CertificateReport(
        String subject,
        String issuer,
        String serial,
        CertificateRole role,
        Validity validity,
        KeyFacts key,
        String signatureAlgorithm,
        List<SubjectAltName> subjectAltNames,
        List<String> keyUsage,
        List<String> extendedKeyUsage,
        CaConstraints basicConstraints,
        boolean selfSigned,
        String sha256Fingerprint,
        String spkiPin,
        List<String> ocspUrls,
        List<String> caIssuersUrls,
        List<String> crlUrls,
        List<Finding> findings) {

    public CertificateReport {
        requireNonNull(subject, "subject");
        requireNonNull(issuer, "issuer");
        requireNonNull(serial, "serial");
        requireNonNull(role, "role");
        requireNonNull(validity, "validity");
        requireNonNull(key, "key");
        requireNonNull(signatureAlgorithm, "signatureAlgorithm");
        requireNonNull(basicConstraints, "basicConstraints");
        requireNonNull(sha256Fingerprint, "sha256Fingerprint");
        requireNonNull(spkiPin, "spkiPin");
        subjectAltNames = List.copyOf(subjectAltNames);
        keyUsage = List.copyOf(keyUsage);
        extendedKeyUsage = List.copyOf(extendedKeyUsage);
        ocspUrls = List.copyOf(ocspUrls);
        caIssuersUrls = List.copyOf(caIssuersUrls);
        crlUrls = List.copyOf(crlUrls);
        findings = List.copyOf(findings);
    }
}
