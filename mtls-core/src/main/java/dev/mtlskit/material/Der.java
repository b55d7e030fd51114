package dev.mtlskit.material;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.math.BigInteger;

import org.bouncycastle.asn1.ASN1Encodable;
import org.bouncycastle.asn1.ASN1InputStream;
import org.bouncycastle.asn1.ASN1Integer;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.ASN1OctetString;
import org.bouncycastle.asn1.ASN1Primitive;
import org.bouncycastle.asn1.ASN1Sequence;
import org.bouncycastle.asn1.pkcs.CertificationRequest;
import org.bouncycastle.asn1.pkcs.EncryptedPrivateKeyInfo;
import org.bouncycastle.asn1.pkcs.PKCSObjectIdentifiers;
import org.bouncycastle.asn1.pkcs.Pfx;
import org.bouncycastle.asn1.pkcs.PrivateKeyInfo;
import org.bouncycastle.asn1.pkcs.RSAPrivateKey;
import org.bouncycastle.asn1.sec.ECPrivateKey;
import org.bouncycastle.asn1.x509.Certificate;
import org.bouncycastle.asn1.x509.CertificateList;
import org.bouncycastle.asn1.x509.SubjectPublicKeyInfo;

/** Tells DER structures apart by their shape, without trusting file names. */
final class Der {

    /** What a DER blob holds. */
    enum Kind {
        CERTIFICATE(FileKind.CERTIFICATE_DER),
        PKCS7(FileKind.CERTIFICATE_DER),
        CRL(FileKind.CRL),
        CSR(FileKind.CSR),
        PKCS12(FileKind.KEYSTORE_PKCS12),
        PKCS8(FileKind.PRIVATE_KEY),
        ENCRYPTED_PKCS8(FileKind.ENCRYPTED_PRIVATE_KEY),
        PKCS1_RSA(FileKind.PRIVATE_KEY),
        SEC1_EC(FileKind.PRIVATE_KEY),
        DSA(FileKind.PRIVATE_KEY),
        PUBLIC_KEY(FileKind.PUBLIC_KEY),
        UNKNOWN(FileKind.UNKNOWN);

        private final FileKind fileKind;

        Kind(FileKind fileKind) {
            this.fileKind = fileKind;
        }

        FileKind fileKind() {
            return fileKind;
        }
    }

    private Der() {
    }

    /** The content as one ASN.1 SEQUENCE spanning the whole input (trailing whitespace allowed), or null. */
    static ASN1Sequence sequence(byte[] content) {
        if (content.length < 2 || content[0] != 0x30) {
            return null;
        }
        ByteArrayInputStream bytes = new ByteArrayInputStream(content);
        // The limit stops a forged length field from making the parser allocate gigabytes.
        try (ASN1InputStream in = new ASN1InputStream(bytes, content.length)) {
            ASN1Primitive object = in.readObject();
            if (!(object instanceof ASN1Sequence sequence)) {
                return null;
            }
            for (int b = bytes.read(); b != -1; b = bytes.read()) {
                if (b != ' ' && b != '\t' && b != '\r' && b != '\n') {
                    return null;
                }
            }
            return sequence;
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }

    /** Whether the content is a DER structure at all. */
    static boolean isDer(byte[] content) {
        return sequence(content) != null;
    }

    static Kind kind(byte[] content) {
        ASN1Sequence sequence = sequence(content);
        return sequence == null ? Kind.UNKNOWN : kind(sequence);
    }

    static Kind kind(ASN1Sequence s) {
        int size = s.size();
        ASN1Encodable first = s.getObjectAt(0);
        if (size == 3 && first instanceof ASN1Sequence) {
            if (parses(() -> Certificate.getInstance(s))) {
                return Kind.CERTIFICATE;
            }
            if (parses(() -> CertificationRequest.getInstance(s))) {
                return Kind.CSR;
            }
            if (parses(() -> CertificateList.getInstance(s))) {
                return Kind.CRL;
            }
        }
        if (size == 2 && first instanceof ASN1ObjectIdentifier oid && oid.equals(PKCSObjectIdentifiers.signedData)) {
            return Kind.PKCS7;
        }
        if (first instanceof ASN1Integer version) {
            BigInteger v = version.getValue();
            if (v.intValue() == 3 && (size == 2 || size == 3) && parses(() -> Pfx.getInstance(s))) {
                return Kind.PKCS12;
            }
            if (size >= 3 && v.signum() >= 0 && v.intValue() <= 1 && s.getObjectAt(1) instanceof ASN1Sequence
                    && s.getObjectAt(2) instanceof ASN1OctetString && parses(() -> PrivateKeyInfo.getInstance(s))) {
                return Kind.PKCS8;
            }
            if (v.intValue() == 1 && size >= 2 && size <= 4 && s.getObjectAt(1) instanceof ASN1OctetString
                    && parses(() -> ECPrivateKey.getInstance(s))) {
                return Kind.SEC1_EC;
            }
            if (v.signum() == 0 && allIntegers(s)) {
                if (size >= 9 && parses(() -> RSAPrivateKey.getInstance(s))) {
                    return Kind.PKCS1_RSA;
                }
                if (size == 6) {
                    return Kind.DSA;
                }
            }
        }
        if (size == 2 && first instanceof ASN1Sequence) {
            if (s.getObjectAt(1) instanceof ASN1OctetString && parses(() -> EncryptedPrivateKeyInfo.getInstance(s))) {
                return Kind.ENCRYPTED_PKCS8;
            }
            if (parses(() -> SubjectPublicKeyInfo.getInstance(s))) {
                return Kind.PUBLIC_KEY;
            }
        }
        if (size == 2 && allIntegers(s)) {
            return Kind.PUBLIC_KEY; // PKCS#1 RSAPublicKey: modulus and exponent
        }
        return Kind.UNKNOWN;
    }

    private static boolean allIntegers(ASN1Sequence s) {
        for (ASN1Encodable element : s) {
            if (!(element instanceof ASN1Integer)) {
                return false;
            }
        }
        return true;
    }

    private static boolean parses(Runnable parser) {
        try {
            parser.run();
            return true;
        } catch (RuntimeException e) {
            return false;
        }
    }
}
