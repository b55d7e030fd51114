package dev.mtlskit.validation;

import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.x509.KeyPurposeId;

/** Readable names of extended key usages. */
public final class ExtendedKeyUsages {

    private static final Map<ASN1ObjectIdentifier, String> NAMES = Map.of(
            KeyPurposeId.id_kp_serverAuth.toOID(), "serverAuth",
            KeyPurposeId.id_kp_clientAuth.toOID(), "clientAuth",
            KeyPurposeId.id_kp_codeSigning.toOID(), "codeSigning",
            KeyPurposeId.id_kp_emailProtection.toOID(), "emailProtection",
            KeyPurposeId.id_kp_timeStamping.toOID(), "timeStamping",
            KeyPurposeId.id_kp_OCSPSigning.toOID(), "OCSPSigning",
            KeyPurposeId.anyExtendedKeyUsage.toOID(), "anyExtendedKeyUsage");

    private ExtendedKeyUsages() {
    }

    public static String name(ASN1ObjectIdentifier oid) {
        String name = NAMES.get(oid);
        return name != null ? name : oid.getId();
    }

    /** "serverAuth, codeSigning" in a stable order. */
    static String describe(Set<ASN1ObjectIdentifier> usages) {
        Set<String> names = new TreeSet<>();
        for (ASN1ObjectIdentifier oid : usages) {
            names.add(name(oid));
        }
        return String.join(", ", names);
    }
}
