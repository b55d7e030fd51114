package dev.mtlskit.inspect;

import static java.util.Objects.requireNonNull;

import java.util.List;

/**
 * The facts about a certificate signing request (PKCS#10): what it asks a CA to certify.
 *
 * @param source the file name, or {@code "stdin"}
 * @param subject the requested subject DN (RFC 2253)
 * @param key type and size of the key to certify
 * @param spkiPin base64 SHA-256 of the key (what {@code --allow-spki} and {@code spki:} match), known before the certificate exists
 * @param signatureAlgorithm the algorithm of the request's own signature, e.g. {@code SHA256WITHECDSA}
 * @param signatureValid whether the request is signed by the key it contains (proof that its sender holds the key)
 * @param subjectAltNames the requested subject alternative names, in request order
 * @param keyUsage the requested key usages (empty: none requested)
 * @param extendedKeyUsage the requested extended key usages, named where known (empty: none requested)
 * @param requestsCa whether it requests basicConstraints CA:TRUE
 * @param findings what a CA or a peer will likely object to
 */
public record CsrReport(String source, String subject, KeyFacts key, String spkiPin, String signatureAlgorithm,
                        boolean signatureValid, List<SubjectAltName> subjectAltNames, List<String> keyUsage,
                        List<String> extendedKeyUsage, boolean requestsCa, List<Finding> findings) implements FileReport {

    public CsrReport {
        requireNonNull(source, "source");
        requireNonNull(subject, "subject");
        requireNonNull(key, "key");
        requireNonNull(spkiPin, "spkiPin");
        requireNonNull(signatureAlgorithm, "signatureAlgorithm");
        subjectAltNames = List.copyOf(subjectAltNames);
        keyUsage = List.copyOf(keyUsage);
        extendedKeyUsage = List.copyOf(extendedKeyUsage);
        findings = List.copyOf(findings);
    }
}
