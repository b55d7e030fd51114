package dev.mtlskit.material;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.security.GeneralSecurityException;
import java.security.Key;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.UnrecoverableKeyException;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;

import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.ASN1OctetString;
import org.bouncycastle.asn1.DERBMPString;
import org.bouncycastle.asn1.pkcs.Attribute;
import org.bouncycastle.asn1.pkcs.ContentInfo;
import org.bouncycastle.asn1.pkcs.PKCSObjectIdentifiers;
import org.bouncycastle.asn1.pkcs.PrivateKeyInfo;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.operator.InputDecryptorProvider;
import org.bouncycastle.operator.bc.BcDefaultDigestProvider;
import org.bouncycastle.pkcs.PKCS12PfxPdu;
import org.bouncycastle.pkcs.PKCS12SafeBag;
import org.bouncycastle.pkcs.PKCS12SafeBagFactory;
import org.bouncycastle.pkcs.PKCS8EncryptedPrivateKeyInfo;
import org.bouncycastle.pkcs.PKCSException;
import org.bouncycastle.pkcs.bc.BcPKCS12MacCalculatorBuilderProvider;
import org.bouncycastle.pkcs.jcajce.JcePKCSPBEInputDecryptorProviderBuilder;

import dev.mtlskit.material.Inputs.Source;
import dev.mtlskit.reason.Causes;

/**
 * Reads PKCS#12 and JKS keystores. PKCS#12 is read bag by bag with BouncyCastle rather than with
 * the JDK's {@code KeyStore}, because the JDK drops certificates that OpenSSL stores without a
 * trust attribute ({@code openssl pkcs12 -export -nokeys}), and those are exactly the CA bundles
 * people hand over.
 */
final class KeyStores {

    private KeyStores() {
    }

    /** A private key with its certificate chain, leaf first. */
    record KeyEntry(String alias, PrivateKey key, List<X509Certificate> chain) {
        KeyEntry {
            chain = List.copyOf(chain);
        }

        @Override
        public String toString() {
            return "KeyEntry[" + alias + ", " + PrivateKeys.describe(key) + ", " + chain.size() + " certificate(s)]";
        }
    }

    /**
     * What a keystore holds.
     *
     * @param keys the key entries that could be read
     * @param certificates every certificate, in store order
     * @param locked whether something stayed encrypted because no password was given
     */
    record Contents(List<KeyEntry> keys, List<X509Certificate> certificates, boolean locked) {
        Contents {
            keys = List.copyOf(keys);
            certificates = List.copyOf(certificates);
        }
    }

    static Contents read(byte[] content, FileKind kind, Source source, PasswordSource password, boolean wantKeys) {
        return kind == FileKind.KEYSTORE_JKS
                ? readJks(content, source, password, wantKeys)
                : readPkcs12(content, source, password, wantKeys);
    }

    static MaterialException needsPassword(Source source, PasswordSource password) {
        return source.error(source.name() + " is protected by a password: pass " + Fixes.passwordOptions(password.option()));
    }

    // ---- PKCS#12 ----

    private record Bag(String friendlyName, byte[] localKeyId, Object value) {
        @Override
        public String toString() {
            return "Bag[" + friendlyName + "]";
        }
    }

    private static Contents readPkcs12(byte[] content, Source source, PasswordSource password, boolean wantKeys) {
        PKCS12PfxPdu pfx;
        try {
            pfx = new PKCS12PfxPdu(content);
        } catch (IOException | RuntimeException e) {
            throw corrupted(source, "PKCS#12", e);
        }
        char[] secret = password.isPresent() ? password.password() : null;
        try {
            if (secret != null && pfx.hasMac() && !macValid(pfx, secret)) {
                throw PrivateKeys.wrongPassword(source, password, new GeneralSecurityException("PKCS#12 MAC mismatch"));
            }
            // Without a password, try the empty one: "openssl pkcs12 -passout pass:" is common.
            InputDecryptorProvider decryptor = new JcePKCSPBEInputDecryptorProviderBuilder()
                    .setProvider(BouncyCastle.provider()).setTryWrongPKCS12Zero(true)
                    .build(secret != null ? secret : new char[0]);
            List<Bag> keyBags = new ArrayList<>();
            List<Bag> certificateBags = new ArrayList<>();
            boolean locked = false;
            for (ContentInfo info : pfx.getContentInfos()) {
                PKCS12SafeBag[] bags;
                try {
                    bags = info.getContentType().equals(PKCSObjectIdentifiers.encryptedData)
                            ? new PKCS12SafeBagFactory(info, decryptor).getSafeBags()
                            : new PKCS12SafeBagFactory(info).getSafeBags();
                } catch (PKCSException | RuntimeException e) {
                    if (secret == null) {
                        locked = true;
                        continue;
                    }
                    throw PrivateKeys.wrongPassword(source, password, e);
                }
                for (PKCS12SafeBag bag : bags) {
                    ASN1ObjectIdentifier type = bag.getType();
                    if (type.equals(PKCSObjectIdentifiers.certBag) && bag.getBagValue() instanceof X509CertificateHolder holder) {
                        certificateBags.add(new Bag(friendlyName(bag), localKeyId(bag), certificate(holder, source)));
                    } else if (wantKeys && type.equals(PKCSObjectIdentifiers.keyBag)) {
                        keyBags.add(new Bag(friendlyName(bag), localKeyId(bag), bag.getBagValue()));
                    } else if (wantKeys && type.equals(PKCSObjectIdentifiers.pkcs8ShroudedKeyBag)) {
                        try {
                            PrivateKeyInfo key = ((PKCS8EncryptedPrivateKeyInfo) bag.getBagValue()).decryptPrivateKeyInfo(decryptor);
                            keyBags.add(new Bag(friendlyName(bag), localKeyId(bag), key));
                        } catch (PKCSException e) {
                            if (secret == null) {
                                locked = true;
                                continue;
                            }
                            throw PrivateKeys.wrongPassword(source, password, e);
                        }
                    }
                }
            }
            List<X509Certificate> certificates = new ArrayList<>();
            for (Bag bag : certificateBags) {
                certificates.add((X509Certificate) bag.value());
            }
            List<KeyEntry> keys = new ArrayList<>();
            for (Bag keyBag : keyBags) {
                keys.add(keyEntry(keyBag, keys.size() + 1, certificateBags, certificates, source));
            }
            Contents contents = new Contents(keys, certificates, locked);
            return locked ? withEmptyPassword(content, source, wantKeys, contents) : contents;
        } finally {
            if (secret != null) {
                Arrays.fill(secret, '\0');
            }
        }
    }

    private static KeyEntry keyEntry(Bag keyBag, int number, List<Bag> certificateBags,
                                     List<X509Certificate> certificates, Source source) {
        PrivateKey key = PrivateKeys.toJava((PrivateKeyInfo) keyBag.value(), source);
        Bag leafBag = null;
        for (Bag candidate : certificateBags) {
            if (keyBag.localKeyId() != null && Arrays.equals(keyBag.localKeyId(), candidate.localKeyId())) {
                leafBag = candidate;
                break;
            }
        }
        if (leafBag == null) {
            // No local key IDs: find the certificate by its public key.
            for (Bag candidate : certificateBags) {
                if (PrivateKeys.matches(key, (X509Certificate) candidate.value())) {
                    leafBag = candidate;
                    break;
                }
            }
        }
        String alias = keyBag.friendlyName() != null ? keyBag.friendlyName()
                : leafBag != null && leafBag.friendlyName() != null ? leafBag.friendlyName()
                : String.valueOf(number);
        List<X509Certificate> chain = leafBag == null ? List.of()
                : ChainOrder.chainFrom((X509Certificate) leafBag.value(), certificates);
        return new KeyEntry(alias, key, chain);
    }

    private static boolean macValid(PKCS12PfxPdu pfx, char[] secret) {
        try {
            return pfx.isMacValid(new BcPKCS12MacCalculatorBuilderProvider(BcDefaultDigestProvider.INSTANCE), secret);
        } catch (PKCSException | RuntimeException e) {
            // A MAC algorithm BouncyCastle does not know: decryption will tell whether the password is right.
            return true;
        }
    }

    private static String friendlyName(PKCS12SafeBag bag) {
        Attribute attribute = attribute(bag, PKCSObjectIdentifiers.pkcs_9_at_friendlyName);
        try {
            return attribute == null ? null : DERBMPString.getInstance(attribute.getAttrValues().getObjectAt(0)).getString();
        } catch (RuntimeException e) {
            return null;
        }
    }

    private static byte[] localKeyId(PKCS12SafeBag bag) {
        Attribute attribute = attribute(bag, PKCSObjectIdentifiers.pkcs_9_at_localKeyId);
        try {
            return attribute == null ? null : ASN1OctetString.getInstance(attribute.getAttrValues().getObjectAt(0)).getOctets();
        } catch (RuntimeException e) {
            return null;
        }
    }

    private static Attribute attribute(PKCS12SafeBag bag, ASN1ObjectIdentifier type) {
        Attribute[] attributes = bag.getAttributes();
        if (attributes != null) {
            for (Attribute attribute : attributes) {
                if (attribute.getAttrType().equals(type) && attribute.getAttrValues().size() > 0) {
                    return attribute;
                }
            }
        }
        return null;
    }

    private static X509Certificate certificate(X509CertificateHolder holder, Source source) {
        try {
            return new JcaX509CertificateConverter().getCertificate(holder);
        } catch (java.security.cert.CertificateException e) {
            throw corrupted(source, "PKCS#12", e);
        }
    }

    // ---- JKS ----

    private static Contents readJks(byte[] content, Source source, PasswordSource password, boolean wantKeys) {
        String type = (content[0] & 0xff) == 0xCE ? "JCEKS" : "JKS";
        char[] secret = wantKeys && password.isPresent() ? password.password() : null;
        try {
            KeyStore store = KeyStore.getInstance(type);
            try {
                // Without a password the JDK skips the integrity check: enough to read certificates.
                store.load(new ByteArrayInputStream(content), secret);
            } catch (IOException e) {
                if (Causes.has(e, UnrecoverableKeyException.class)) {
                    throw PrivateKeys.wrongPassword(source, password, e);
                }
                throw corrupted(source, type, e);
            }
            return contentsOf(store, secret, wantKeys, source);
        } catch (GeneralSecurityException e) {
            throw corrupted(source, type, e);
        } finally {
            if (secret != null) {
                Arrays.fill(secret, '\0');
            }
        }
    }

    /**
     * OpenSSL's "no password" ({@code -passout pass:}) is an empty password, which BouncyCastle's
     * PBKDF2 refuses; the JDK's PKCS12 KeyStore accepts it. Falls back to {@code locked} when the
     * JDK cannot open the store with the empty password either.
     */
    private static Contents withEmptyPassword(byte[] content, Source source, boolean wantKeys, Contents locked) {
        char[] empty = new char[0];
        Contents contents;
        try {
            KeyStore store = KeyStore.getInstance("PKCS12");
            store.load(new ByteArrayInputStream(content), empty);
            contents = contentsOf(store, empty, wantKeys, source);
        } catch (IOException | GeneralSecurityException | RuntimeException e) {
            return locked;
        }
        List<X509Certificate> certificates = new ArrayList<>(locked.certificates());
        for (X509Certificate certificate : contents.certificates()) {
            if (!certificates.contains(certificate)) {
                certificates.add(certificate);
            }
        }
        return new Contents(contents.keys(), certificates, contents.locked());
    }

    /** Key entries and certificates of a keystore the JDK opened; keys only with {@code wantKeys} and a password. */
    private static Contents contentsOf(KeyStore store, char[] secret, boolean wantKeys, Source source)
            throws GeneralSecurityException {
        List<String> aliases = Collections.list(store.aliases());
        Collections.sort(aliases); // JKS keeps no order; sorted at least is stable
        List<KeyEntry> keys = new ArrayList<>();
        List<X509Certificate> certificates = new ArrayList<>();
        boolean locked = false;
        for (String alias : aliases) {
            if (store.entryInstanceOf(alias, KeyStore.PrivateKeyEntry.class)) {
                List<X509Certificate> chain = x509(store.getCertificateChain(alias));
                certificates.addAll(chain);
                if (!wantKeys) {
                    continue;
                }
                if (secret == null) {
                    locked = true;
                    continue;
                }
                keys.add(new KeyEntry(alias, jdkKey(store, alias, secret, source), chain));
            } else if (store.entryInstanceOf(alias, KeyStore.TrustedCertificateEntry.class)) {
                certificates.addAll(x509(new Certificate[] {store.getCertificate(alias)}));
            }
        }
        return new Contents(keys, certificates, locked);
    }

    private static PrivateKey jdkKey(KeyStore store, String alias, char[] secret, Source source)
            throws GeneralSecurityException {
        try {
            Key key = store.getKey(alias, secret);
            return (PrivateKey) key;
        } catch (UnrecoverableKeyException e) {
            throw source.error(source.name() + ": the key '" + alias + "' has another password than the keystore: "
                    + "give it the keystore's password, e.g. keytool -keypasswd -alias " + alias
                    + " -keystore " + source.name(), e);
        }
    }

    private static List<X509Certificate> x509(Certificate[] certificates) {
        List<X509Certificate> result = new ArrayList<>();
        if (certificates != null) {
            for (Certificate certificate : certificates) {
                if (certificate instanceof X509Certificate x509) {
                    result.add(x509);
                }
            }
        }
        return result;
    }

    private static MaterialException corrupted(Source source, String type, Throwable cause) {
        return source.error(source.name() + ": the " + type + " keystore is corrupted: re-download or re-export it", cause);
    }
}
