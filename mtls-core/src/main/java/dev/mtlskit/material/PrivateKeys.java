package dev.mtlskit.material;

import static java.util.Objects.requireNonNull;

import java.io.IOException;
import java.io.StringReader;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.Key;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.security.Signature;
import java.security.cert.X509Certificate;
import java.security.interfaces.DSAKey;
import java.security.interfaces.ECKey;
import java.security.interfaces.EdECKey;
import java.security.interfaces.RSAKey;
import java.security.interfaces.XECKey;
import java.security.spec.ECParameterSpec;
import java.security.spec.NamedParameterSpec;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.bouncycastle.asn1.ASN1Encodable;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.ASN1Primitive;
import org.bouncycastle.asn1.ASN1Sequence;
import org.bouncycastle.asn1.DERNull;
import org.bouncycastle.asn1.pkcs.EncryptedPrivateKeyInfo;
import org.bouncycastle.asn1.pkcs.PKCSObjectIdentifiers;
import org.bouncycastle.asn1.pkcs.PrivateKeyInfo;
import org.bouncycastle.asn1.x509.AlgorithmIdentifier;
import org.bouncycastle.asn1.x509.SubjectPublicKeyInfo;
import org.bouncycastle.asn1.x9.ECNamedCurveTable;
import org.bouncycastle.asn1.x9.X9ObjectIdentifiers;
import org.bouncycastle.openssl.EncryptionException;
import org.bouncycastle.openssl.PEMEncryptedKeyPair;
import org.bouncycastle.openssl.PEMException;
import org.bouncycastle.openssl.PEMKeyPair;
import org.bouncycastle.openssl.PEMParser;
import org.bouncycastle.openssl.jcajce.JcaPEMKeyConverter;
import org.bouncycastle.openssl.jcajce.JceOpenSSLPKCS8DecryptorProviderBuilder;
import org.bouncycastle.openssl.jcajce.JcePEMDecryptorProviderBuilder;
import org.bouncycastle.operator.InputDecryptorProvider;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.pkcs.PKCS8EncryptedPrivateKeyInfo;
import org.bouncycastle.pkcs.PKCSException;

import dev.mtlskit.material.Inputs.Source;
import dev.mtlskit.reason.Causes;

/** Loading private keys in every format, and telling whether a key belongs to a certificate. */
public final class PrivateKeys {

    private static final SecureRandom RANDOM = new SecureRandom();

    /** The NIST curves by OID, with the names TLS people use; the JDK supports only these three. */
    private static final Map<String, String> NIST_CURVES = Map.of(
            "1.2.840.10045.3.1.7", "P-256", "1.3.132.0.34", "P-384", "1.3.132.0.35", "P-521");

    private static final Map<String, String> ALGORITHM_NAMES = Map.of(
            PKCSObjectIdentifiers.rsaEncryption.getId(), "an RSA key",
            PKCSObjectIdentifiers.id_RSASSA_PSS.getId(), "an RSA-PSS key",
            "1.3.101.110", "an X25519 key",
            "1.3.101.111", "an X448 key",
            "1.3.101.112", "an Ed25519 key",
            "1.3.101.113", "an Ed448 key",
            X9ObjectIdentifiers.id_dsa.getId(), "a DSA key");

    private PrivateKeys() {
    }

    /**
     * Reads a private key: PEM PKCS#8 ({@code PRIVATE KEY}), encrypted PKCS#8
     * ({@code ENCRYPTED PRIVATE KEY}), PKCS#1 ({@code RSA PRIVATE KEY}), SEC1 ({@code EC PRIVATE KEY},
     * with or without an {@code EC PARAMETERS} block), legacy OpenSSL-encrypted PEM
     * ({@code Proc-Type: 4,ENCRYPTED}), or the DER form of PKCS#8/PKCS#1/SEC1.
     */
    public static PrivateKey load(Path file, PasswordSource password) {
        requireNonNull(file, "file");
        requireNonNull(password, "password");
        byte[] content = Inputs.read(file, file.toString(), Fixes.MATERIAL_FILE);
        try {
            return read(content, Source.of(file), password);
        } finally {
            Arrays.fill(content, (byte) 0); // a key file: leave no copy behind
        }
    }

    /** {@link #load(Path, PasswordSource)} from bytes; {@code name} is used in messages. */
    public static PrivateKey parse(byte[] content, String name, PasswordSource password) {
        requireNonNull(password, "password");
        Source source = Source.named(name);
        Inputs.checkSize(content, source, Fixes.MATERIAL_FILE);
        return read(content, source, password);
    }

    /** Whether {@code key} is the private half of {@code certificate}'s public key (sign + verify). */
    public static boolean matches(PrivateKey key, X509Certificate certificate) {
        requireNonNull(key, "key");
        requireNonNull(certificate, "certificate");
        return matches(key, certificate.getPublicKey());
    }

    static boolean matches(PrivateKey key, PublicKey publicKey) {
        String algorithm = signatureAlgorithm(key);
        if (algorithm == null) {
            return false;
        }
        byte[] payload = new byte[32];
        RANDOM.nextBytes(payload);
        try {
            Signature signer = Signature.getInstance(algorithm);
            signer.initSign(key);
            signer.update(payload);
            byte[] signature = signer.sign();
            Signature verifier = Signature.getInstance(algorithm);
            verifier.initVerify(publicKey);
            verifier.update(payload);
            return verifier.verify(signature);
        } catch (GeneralSecurityException | RuntimeException e) {
            // E.g. an RSA public key given to an ECDSA verifier: not the same key.
            return false;
        }
    }

    private static String signatureAlgorithm(PrivateKey key) {
        switch (key.getAlgorithm().toUpperCase(Locale.ROOT)) {
            case "RSA":
                return "SHA256withRSA";
            case "EC":
            case "ECDSA":
                return "SHA256withECDSA";
            case "ED25519":
                return "Ed25519";
            case "ED448":
                return "Ed448";
            case "EDDSA":
                return key instanceof EdECKey edec ? edec.getParams().getName() : "Ed25519";
            case "DSA":
                return "SHA256withDSA";
            default:
                return null;
        }
    }

    /** Type and size for people: {@code "RSA 2048"}, {@code "EC P-256"}, {@code "Ed25519"}. */
    public static String describe(Key key) {
        requireNonNull(key, "key");
        if (key instanceof RSAKey rsa) {
            String name = key.getAlgorithm().toUpperCase(Locale.ROOT).contains("PSS") ? "RSA-PSS " : "RSA ";
            return name + rsa.getModulus().bitLength();
        }
        if (key instanceof ECKey ec) {
            return "EC " + curveName(key, ec.getParams());
        }
        if (key instanceof EdECKey edec) {
            return edec.getParams().getName();
        }
        if (key instanceof XECKey xec && xec.getParams() instanceof NamedParameterSpec named) {
            return named.getName();
        }
        if (key instanceof DSAKey dsa && dsa.getParams() != null) {
            return "DSA " + dsa.getParams().getP().bitLength();
        }
        return key.getAlgorithm();
    }

    /** "P-256" for the NIST curves, "(named curve OID)" for others, as far as the encoding tells. */
    private static String curveName(Key key, ECParameterSpec params) {
        ASN1ObjectIdentifier oid = curveOid(key);
        if (oid != null) {
            String nist = NIST_CURVES.get(oid.getId());
            return nist != null ? nist : "(named curve " + oid.getId() + ")";
        }
        // Explicit parameters: the order's size still tells the NIST curves apart.
        int bits = params == null ? 0 : params.getOrder().bitLength();
        return "(explicit parameters, " + bits + " bits)";
    }

    private static ASN1ObjectIdentifier curveOid(Key key) {
        byte[] encoded = key.getEncoded();
        if (encoded == null) {
            return null;
        }
        try {
            AlgorithmIdentifier algorithm = key instanceof PrivateKey
                    ? PrivateKeyInfo.getInstance(encoded).getPrivateKeyAlgorithm()
                    : SubjectPublicKeyInfo.getInstance(encoded).getAlgorithm();
            ASN1Encodable parameters = algorithm.getParameters();
            return parameters instanceof ASN1ObjectIdentifier oid ? oid : null;
        } catch (RuntimeException e) {
            return null;
        } finally {
            Arrays.fill(encoded, (byte) 0);
        }
    }

    // ---- reading ----

    static PrivateKey read(byte[] content, Source source, PasswordSource password) {
        String name = source.name();
        if (Inputs.isBlank(content)) {
            throw source.error(name + " holds no private key (the file is empty): pass the private key file");
        }
        if (FileKind.isJks(content)) {
            throw isKeyStore(source, FileKind.KEYSTORE_JKS);
        }
        ASN1Sequence der = Der.sequence(content);
        if (der != null) {
            return fromDer(der, source, password);
        }
        if (Pem.looksLikePem(content)) {
            return fromPem(Pem.blocks(content), source, password);
        }
        throw source.error(name + " holds no private key: no PEM block and not DER (expected -----BEGIN PRIVATE KEY-----)");
    }

    private static PrivateKey fromDer(ASN1Sequence der, Source source, PasswordSource password) {
        Der.Kind kind = Der.kind(der);
        String label;
        switch (kind) {
            case PKCS8:
                label = "PRIVATE KEY";
                break;
            case ENCRYPTED_PKCS8:
                label = "ENCRYPTED PRIVATE KEY";
                break;
            case PKCS1_RSA:
                label = "RSA PRIVATE KEY";
                break;
            case SEC1_EC:
                label = "EC PRIVATE KEY";
                break;
            case DSA:
                label = "DSA PRIVATE KEY";
                break;
            case PKCS12:
                throw isKeyStore(source, FileKind.KEYSTORE_PKCS12);
            case UNKNOWN:
                throw source.error(source.name() + " holds no private key (unrecognised DER structure): "
                        + "pass the private key file (PEM: -----BEGIN PRIVATE KEY-----)");
            default:
                throw notAKey(source, kind.fileKind(), List.of());
        }
        try {
            // The same path as PEM: DER is PEM without the armour.
            return fromBlock(new Pem.Block(label, Map.of(), der.getEncoded()), null, source, password);
        } catch (IOException e) {
            throw corrupted(source, e);
        }
    }

    private static PrivateKey fromPem(List<Pem.Block> blocks, Source source, PasswordSource password) {
        List<Pem.Block> keys = new ArrayList<>();
        byte[] ecParameters = null;
        for (Pem.Block block : blocks) {
            String label = block.label().toUpperCase(Locale.ROOT);
            if (label.endsWith("PRIVATE KEY")) {
                keys.add(block);
            } else if (label.equals("EC PARAMETERS") && !block.isCorrupted()) {
                ecParameters = block.der();
            }
        }
        if (keys.isEmpty()) {
            throw notAKey(source, FileKind.ofPem(blocks), blocks);
        }
        if (keys.size() > 1) {
            throw source.error(source.name() + " holds " + keys.size()
                    + " private keys: pass a file with only the key that belongs to the certificate");
        }
        Pem.Block key = keys.get(0);
        if (key.isCorrupted()) {
            throw corrupted(source, null);
        }
        return fromBlock(key, ecParameters, source, password);
    }

    private static PrivateKey fromBlock(Pem.Block block, byte[] ecParameters, Source source, PasswordSource password) {
        String label = block.label().toUpperCase(Locale.ROOT);
        PrivateKeyInfo info;
        switch (label) {
            case "PRIVATE KEY":
                info = parsePkcs8(block.der(), source);
                break;
            case "ENCRYPTED PRIVATE KEY":
                info = decryptPkcs8(block.der(), source, password);
                break;
            case "RSA PRIVATE KEY":
            case "EC PRIVATE KEY":
            case "DSA PRIVATE KEY":
                info = traditional(block, source, password);
                break;
            case "OPENSSH PRIVATE KEY":
                throw source.error(source.name() + " is an OpenSSH private key (for SSH, not TLS): "
                        + "pass the key that belongs to the certificate (-----BEGIN PRIVATE KEY-----)");
            default:
                // No command is offered: openssl itself reads none of the labels that end up here.
                throw source.error(source.name() + " holds a private key in a format not supported here (-----BEGIN "
                        + block.label() + "-----): export it again as PKCS#8 (-----BEGIN PRIVATE KEY-----) from the "
                        + "tool that made it");
        }
        return toJava(withCurve(info, ecParameters, source), source);
    }

    private static PrivateKeyInfo parsePkcs8(byte[] der, Source source) {
        try {
            return PrivateKeyInfo.getInstance(der);
        } catch (RuntimeException e) {
            throw corrupted(source, e);
        }
    }

    private static PrivateKeyInfo decryptPkcs8(byte[] der, Source source, PasswordSource password) {
        PKCS8EncryptedPrivateKeyInfo encrypted;
        try {
            encrypted = new PKCS8EncryptedPrivateKeyInfo(EncryptedPrivateKeyInfo.getInstance(der));
        } catch (RuntimeException e) {
            throw corrupted(source, e);
        }
        char[] secret = secret(source, password);
        try {
            InputDecryptorProvider decryptor = new JceOpenSSLPKCS8DecryptorProviderBuilder()
                    .setProvider(BouncyCastle.provider()).build(secret);
            return encrypted.decryptPrivateKeyInfo(decryptor);
        } catch (OperatorCreationException e) {
            throw unsupportedEncryption(source, encrypted.getEncryptionAlgorithm().getAlgorithm().getId(), e);
        } catch (PKCSException e) {
            if (Causes.has(e, OperatorCreationException.class) || Causes.has(e, java.security.NoSuchAlgorithmException.class)) {
                throw unsupportedEncryption(source, encrypted.getEncryptionAlgorithm().getAlgorithm().getId(), e);
            }
            throw wrongPassword(source, password, e);
        } finally {
            Arrays.fill(secret, '\0');
        }
    }

    /** PKCS#1, SEC1 and DSA keys, plain or with legacy OpenSSL encryption, through BouncyCastle's PEM parser. */
    private static PrivateKeyInfo traditional(Pem.Block block, Source source, PasswordSource password) {
        Object parsed;
        try (PEMParser parser = new PEMParser(new StringReader(block.text()))) {
            parsed = parser.readObject();
        } catch (IOException | RuntimeException e) {
            throw corrupted(source, e);
        }
        if (parsed instanceof PEMKeyPair pair) {
            return pair.getPrivateKeyInfo();
        }
        if (!(parsed instanceof PEMEncryptedKeyPair encrypted)) {
            throw corrupted(source, null);
        }
        char[] secret = secret(source, password);
        try {
            return encrypted.decryptKeyPair(new JcePEMDecryptorProviderBuilder()
                    .setProvider(BouncyCastle.provider()).build(secret)).getPrivateKeyInfo();
        } catch (EncryptionException e) {
            if (e.getMessage() != null && e.getMessage().startsWith("unknown")) {
                throw unsupportedEncryption(source, encrypted.getDekAlgName(), e);
            }
            throw wrongPassword(source, password, e);
        } catch (IOException | RuntimeException e) {
            // Decrypted with a wrong password, the padding may pass by chance but the key does not parse.
            throw wrongPassword(source, password, e);
        } finally {
            Arrays.fill(secret, '\0');
        }
    }

    /** SEC1 keys may leave the curve to a preceding {@code EC PARAMETERS} block. */
    private static PrivateKeyInfo withCurve(PrivateKeyInfo info, byte[] ecParameters, Source source) {
        AlgorithmIdentifier algorithm = info.getPrivateKeyAlgorithm();
        if (!algorithm.getAlgorithm().equals(X9ObjectIdentifiers.id_ecPublicKey)) {
            return info;
        }
        ASN1Encodable parameters = algorithm.getParameters();
        if (parameters != null && !(parameters instanceof DERNull)) {
            return info;
        }
        if (ecParameters == null) {
            // openssl cannot read such a key either: the curve must be put back, from what made the key.
            throw source.error(source.name() + ": the EC private key does not say which curve it is on: export it "
                    + "again with its curve, or put the curve before it, e.g. for P-256: (openssl ecparam -name prime256v1; "
                    + "cat " + source.name() + ") > key.pem");
        }
        try {
            return new PrivateKeyInfo(new AlgorithmIdentifier(X9ObjectIdentifiers.id_ecPublicKey,
                    ASN1Primitive.fromByteArray(ecParameters)), info.parsePrivateKey());
        } catch (IOException | RuntimeException e) {
            throw corrupted(source, e);
        }
    }

    /** Into a JDK key (not a BouncyCastle one), so that the JDK's TLS stack takes it. */
    static PrivateKey toJava(PrivateKeyInfo info, Source source) {
        PrivateKey key;
        try {
            key = new JcaPEMKeyConverter().getPrivateKey(info);
            // The JDK decodes keys on curves it can no longer sign with (secp256k1): find out now,
            // not at the first handshake.
            String algorithm = signatureAlgorithm(key);
            if (algorithm != null) {
                Signature signer = Signature.getInstance(algorithm);
                signer.initSign(key);
                signer.update((byte) 0);
                signer.sign();
            }
            return key;
        } catch (PEMException | GeneralSecurityException | RuntimeException e) {
            throw source.error(source.name() + " holds " + algorithmOf(info)
                    + ", which Java cannot use: use an RSA, EC P-256/P-384/P-521 or Ed25519 key", e);
        }
    }

    /** For messages: "an EC key on curve secp256k1", "an Ed448 key". */
    private static String algorithmOf(PrivateKeyInfo info) {
        AlgorithmIdentifier algorithm = info.getPrivateKeyAlgorithm();
        String oid = algorithm.getAlgorithm().getId();
        if (algorithm.getAlgorithm().equals(X9ObjectIdentifiers.id_ecPublicKey)) {
            if (algorithm.getParameters() instanceof ASN1ObjectIdentifier curve) {
                String curveName = ECNamedCurveTable.getName(curve);
                return "an EC key on curve " + (curveName != null ? curveName : curve.getId());
            }
            return "an EC key with explicit curve parameters";
        }
        return ALGORITHM_NAMES.getOrDefault(oid, "a key of algorithm " + oid);
    }

    // ---- messages ----

    private static char[] secret(Source source, PasswordSource password) {
        if (!password.isPresent()) {
            throw source.error(source.name() + " is encrypted: pass " + Fixes.passwordOptions(password.option()));
        }
        return password.password();
    }

    static MaterialException wrongPassword(Source source, PasswordSource password, Throwable cause) {
        return source.error(source.name() + ": wrong password (from " + password.describe() + ")", cause);
    }

    private static MaterialException unsupportedEncryption(Source source, String algorithm, Throwable cause) {
        return source.error(source.name() + " is encrypted with " + algorithm + ", which is not supported: "
                + "re-encrypt it, e.g. openssl pkcs8 -topk8 -v2 aes-256-cbc -in " + source.name() + " -out key.pem",
                cause);
    }

    private static MaterialException corrupted(Source source, Throwable cause) {
        return source.error(source.name()
                + ": the private key is corrupted (bad base64 or DER): re-download or re-export it", cause);
    }

    static MaterialException isKeyStore(Source source, FileKind kind) {
        String type = kind == FileKind.KEYSTORE_JKS ? "a JKS keystore" : "a PKCS#12 keystore";
        return source.error(source.name() + " is " + type + ", which holds the certificate and the key together: "
                + "pass it as the certificate (--cert " + source.name() + ") and leave out --key");
    }

    private static MaterialException notAKey(Source source, FileKind kind, List<Pem.Block> blocks) {
        String name = source.name();
        switch (kind) {
            case CERTIFICATE_PEM:
            case CERTIFICATE_DER:
                return source.error(name + " holds no private key (it looks like a certificate): "
                        + "pass the key file, not the certificate");
            case CSR:
                return source.error(name + " holds no private key (it looks like a certificate signing request): "
                        + "pass the key file the request was made with");
            case CRL:
                return source.error(name + " holds no private key (it looks like a certificate revocation list): "
                        + "pass the private key file");
            case PUBLIC_KEY:
                return source.error(name + " holds no private key (it looks like a public key): "
                        + "pass the private key file");
            case KEYSTORE_PKCS12:
            case KEYSTORE_JKS:
                return isKeyStore(source, kind);
            default:
                return source.error(name + " holds no private key (" + Pem.describeLabels(blocks)
                        + "): pass the private key file (-----BEGIN PRIVATE KEY-----)");
        }
    }
}
