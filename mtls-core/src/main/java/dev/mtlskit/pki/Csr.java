package dev.mtlskit.pki;

import static java.util.Objects.requireNonNull;

import java.io.IOException;
import java.io.InputStreamReader;
import java.io.Reader;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.PublicKey;

import org.bouncycastle.asn1.ASN1Set;
import org.bouncycastle.asn1.pkcs.Attribute;
import org.bouncycastle.asn1.pkcs.PKCSObjectIdentifiers;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x500.X500NameBuilder;
import org.bouncycastle.asn1.x500.style.BCStyle;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.Extensions;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.openssl.PEMParser;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.bouncycastle.operator.jcajce.JcaContentVerifierProviderBuilder;
import org.bouncycastle.pkcs.PKCS10CertificationRequest;
import org.bouncycastle.pkcs.PKCSException;
import org.bouncycastle.pkcs.jcajce.JcaPKCS10CertificationRequest;
import org.bouncycastle.pkcs.jcajce.JcaPKCS10CertificationRequestBuilder;

import dev.mtlskit.material.PemWriter;

/**
 * A PKCS#10 certificate signing request whose signature has been verified (so its requester holds
 * the private key), with the facts a CA needs. Only the subject and the subject alternative names
 * are taken from a CSR; anything else it asks for (CA rights, key usages) is ignored on purpose.
 *
 * @param request the request as BouncyCastle parsed it
 * @param subject the requested subject DN
 * @param publicKey the key to certify
 * @param names the requested subject alternative names
 */
public record Csr(PKCS10CertificationRequest request, X500Name subject, PublicKey publicKey, SubjectAltNames names) {

    public Csr {
        requireNonNull(request, "request");
        requireNonNull(subject, "subject");
        requireNonNull(publicKey, "publicKey");
        requireNonNull(names, "names");
    }

    /** Creates and signs a CSR for {@code keyPair} with CN {@code commonName} and the given names. */
    public static Csr create(String commonName, SubjectAltNames names, KeyPair keyPair) {
        requireNonNull(commonName, "commonName");
        requireNonNull(names, "names");
        requireNonNull(keyPair, "keyPair");
        if (commonName.isBlank()) {
            throw new PkiException("the CSR name is empty: give a name such as 'api.example.com' or 'acme'");
        }
        X500Name subject = new X500NameBuilder(BCStyle.INSTANCE).addRDN(BCStyle.CN, commonName).build();
        JcaPKCS10CertificationRequestBuilder builder = new JcaPKCS10CertificationRequestBuilder(subject, keyPair.getPublic());
        if (!names.isEmpty()) {
            builder.addAttribute(PKCSObjectIdentifiers.pkcs_9_at_extensionRequest, new Extensions(
                    new Extension(Extension.subjectAlternativeName, false, toDer(names.toGeneralNames()))));
        }
        try {
            PKCS10CertificationRequest request = builder.build(
                    new JcaContentSignerBuilder(KeyType.signatureAlgorithmFor(keyPair.getPrivate())).build(keyPair.getPrivate()));
            return new Csr(request, subject, keyPair.getPublic(), names);
        } catch (OperatorCreationException e) {
            throw new IllegalStateException("cannot sign a CSR with a " + keyPair.getPrivate().getAlgorithm()
                    + " key: " + e.getMessage(), e);
        }
    }

    /** Reads a CSR file (PEM or DER) and verifies its signature. */
    public static Csr read(Path file) {
        requireNonNull(file, "file");
        byte[] content;
        try {
            content = Files.readAllBytes(file);
        } catch (NoSuchFileException e) {
            throw new PkiException(file + " does not exist: give the path of a CSR (.csr) file");
        } catch (IOException e) {
            throw new PkiException("cannot read " + file + ": " + e.getMessage(), e);
        }
        return parse(content, file.toString());
    }

    /**
     * Parses a PEM ({@code BEGIN CERTIFICATE REQUEST}) or DER CSR and verifies its signature;
     * {@code name} is used in messages.
     */
    public static Csr parse(byte[] content, String name) {
        requireNonNull(content, "content");
        requireNonNull(name, "name");
        PKCS10CertificationRequest request = decode(content, name);
        JcaPKCS10CertificationRequest jca = new JcaPKCS10CertificationRequest(request);
        PublicKey publicKey;
        try {
            publicKey = jca.getPublicKey();
            if (!request.isSignatureValid(new JcaContentVerifierProviderBuilder().build(publicKey))) {
                throw new PkiException(name + " has an invalid signature: it was altered or not signed with the key it "
                        + "contains; create a new CSR");
            }
        } catch (PKCSException | OperatorCreationException | java.security.GeneralSecurityException e) {
            throw new PkiException(name + " cannot be verified (" + e.getMessage() + "): create a new CSR with "
                    + "an ECDSA or RSA key", e);
        }
        SubjectAltNames names;
        try {
            names = requestedNames(request);
        } catch (PkiException e) {
            throw new PkiException(name + ": " + e.getMessage(), e);
        }
        return new Csr(request, request.getSubject(), publicKey, names);
    }

    /** The CSR as PEM ({@code BEGIN CERTIFICATE REQUEST}). */
    public String pem() {
        return PemWriter.pem(request);
    }

    /**
     * Decodes a PEM or DER CSR without judging it (its signature is not verified); {@code name} is
     * used in messages.
     */
    public static PKCS10CertificationRequest decode(byte[] content, String name) {
        String text = new String(content, StandardCharsets.US_ASCII);
        if (text.contains("-----BEGIN")) {
            try (Reader reader = new InputStreamReader(new ByteArrayInputStream(content), StandardCharsets.US_ASCII);
                 PEMParser parser = new PEMParser(reader)) {
                for (Object object = parser.readObject(); object != null; object = parser.readObject()) {
                    if (object instanceof PKCS10CertificationRequest request) {
                        return request;
                    }
                }
            } catch (IOException | RuntimeException e) {
                throw new PkiException(name + " holds a malformed PEM block (" + e.getMessage()
                        + "): it must contain -----BEGIN CERTIFICATE REQUEST-----", e);
            }
            throw new PkiException(name + " holds no certificate signing request (no -----BEGIN CERTIFICATE REQUEST----- "
                    + "block): give the .csr file, not a certificate or key");
        }
        try {
            return new PKCS10CertificationRequest(content);
        } catch (IOException | RuntimeException e) {
            throw new PkiException(name + " is not a certificate signing request (neither PEM nor DER): give the .csr "
                    + "file created with 'mtls pki csr' or 'openssl req -new'", e);
        }
    }

    private static SubjectAltNames requestedNames(PKCS10CertificationRequest request) {
        SubjectAltNames.Builder all = SubjectAltNames.builder();
        for (Attribute attribute : request.getAttributes(PKCSObjectIdentifiers.pkcs_9_at_extensionRequest)) {
            ASN1Set values = attribute.getAttrValues();
            for (int i = 0; i < values.size(); i++) {
                GeneralNames names = GeneralNames.fromExtensions(Extensions.getInstance(values.getObjectAt(i)),
                        Extension.subjectAlternativeName);
                if (names != null) {
                    all.addAll(SubjectAltNames.fromGeneralNames(names.getNames()));
                }
            }
        }
        return all.build();
    }

    private static byte[] toDer(GeneralNames names) {
        try {
            return names.getEncoded();
        } catch (IOException e) {
            throw new IllegalStateException("cannot encode subject alternative names", e);
        }
    }
}
