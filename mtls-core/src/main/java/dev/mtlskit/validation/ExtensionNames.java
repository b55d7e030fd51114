package dev.mtlskit.validation;

import java.util.Map;

import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.x509.Extension;

/** Readable names of X.509 extensions, for messages. */
final class ExtensionNames {

    private static final Map<ASN1ObjectIdentifier, String> NAMES = Map.ofEntries(
            Map.entry(Extension.basicConstraints, "basicConstraints"),
            Map.entry(Extension.keyUsage, "keyUsage"),
            Map.entry(Extension.extendedKeyUsage, "extendedKeyUsage"),
            Map.entry(Extension.subjectAlternativeName, "subjectAltName"),
            Map.entry(Extension.issuerAlternativeName, "issuerAltName"),
            Map.entry(Extension.subjectKeyIdentifier, "subjectKeyIdentifier"),
            Map.entry(Extension.authorityKeyIdentifier, "authorityKeyIdentifier"),
            Map.entry(Extension.nameConstraints, "nameConstraints"),
            Map.entry(Extension.certificatePolicies, "certificatePolicies"),
            Map.entry(Extension.policyMappings, "policyMappings"),
            Map.entry(Extension.policyConstraints, "policyConstraints"),
            Map.entry(Extension.inhibitAnyPolicy, "inhibitAnyPolicy"),
            Map.entry(Extension.authorityInfoAccess, "authorityInfoAccess"),
            Map.entry(Extension.subjectInfoAccess, "subjectInfoAccess"),
            Map.entry(Extension.cRLDistributionPoints, "cRLDistributionPoints"),
            Map.entry(Extension.freshestCRL, "freshestCRL"),
            Map.entry(Extension.cRLNumber, "cRLNumber"),
            Map.entry(new ASN1ObjectIdentifier("1.3.6.1.4.1.11129.2.4.2"), "CT precertificate SCTs"));

    private ExtensionNames() {
    }

    static String name(ASN1ObjectIdentifier oid) {
        String name = NAMES.get(oid);
        return name != null ? name : oid.getId();
    }
}
