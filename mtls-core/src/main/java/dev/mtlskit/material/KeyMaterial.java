package dev.mtlskit.material;

import static java.util.Objects.requireNonNull;

import java.nio.file.Path;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import javax.security.auth.x500.X500Principal;

import dev.mtlskit.material.Inputs.Source;

/**
 * A private key and the certificate chain it proves (leaf first), checked to belong together at
 * load time so that a mismatch is found now, not at the first handshake.
 *
 * @param privateKey the key
 * @param chain leaf first
 */
public record KeyMaterial(PrivateKey privateKey, List<X509Certificate> chain) {

    public KeyMaterial {
        requireNonNull(privateKey, "privateKey");
        chain = List.copyOf(chain);
        if (chain.isEmpty()) {
            throw new IllegalArgumentException("chain is empty (expected: at least the leaf certificate)");
        }
    }

    public X509Certificate leaf() {
        return chain.get(0);
    }

    /**
     * Loads a certificate (chain) file and a key file and checks that they belong together, e.g.
     * "client.key (RSA 2048) does not match client.crt (EC P-256)".
     */
    public static KeyMaterial load(Path certificateFile, Path keyFile, PasswordSource keyPassword) {
        requireNonNull(certificateFile, "certificateFile");
        requireNonNull(keyFile, "keyFile");
        requireNonNull(keyPassword, "keyPassword");
        // A PKCS#12 file given as the certificate is usually protected by the same password.
        CertificateBundle bundle = CertificateBundle.load(certificateFile, keyPassword);
        PrivateKey key = PrivateKeys.load(keyFile, keyPassword);
        X509Certificate leaf = bundle.leaf();
        if (!PrivateKeys.matches(key, leaf)) {
            throw mismatch(keyFile, certificateFile, key, bundle);
        }
        return new KeyMaterial(key, bundle.certificates());
    }

    private static MaterialException mismatch(Path keyFile, Path certificateFile, PrivateKey key, CertificateBundle bundle) {
        String message = keyFile + " (" + PrivateKeys.describe(key) + ") does not match " + certificateFile
                + " (" + PrivateKeys.describe(bundle.leaf().getPublicKey()) + ")";
        for (X509Certificate other : bundle.certificates()) {
            if (!other.equals(bundle.leaf()) && PrivateKeys.matches(key, other)) {
                return new MaterialException(keyFile, message + ": the key belongs to another certificate in "
                        + certificateFile + ", " + subject(other) + ", not to the leaf " + subject(bundle.leaf())
                        + "; the file order may be wrong, or this is the CA's key: pass the key of "
                        + subject(bundle.leaf()));
            }
        }
        return new MaterialException(keyFile, message
                + ": use the key generated with this certificate (or the certificate issued for this key)");
    }

    /**
     * A certificate given alone, as curl's {@code --cert} takes it: a PKCS#12/JKS keystore (its key
     * entry, protected by {@code password}), or a PEM file that holds the chain and the key together.
     * A file with a certificate and no key says to give the key.
     */
    public static KeyMaterial loadCertificateFile(Path file, PasswordSource password) {
        requireNonNull(file, "file");
        requireNonNull(password, "password");
        byte[] content = Inputs.read(file, file.toString(), Fixes.MATERIAL_FILE);
        try {
            FileKind kind = FileKind.sniff(content);
            if (kind == FileKind.KEYSTORE_PKCS12 || kind == FileKind.KEYSTORE_JKS) {
                return loadKeyStore(file, password, null);
            }
            if (!new String(content, java.nio.charset.StandardCharsets.ISO_8859_1).contains("PRIVATE KEY-----")) {
                throw new MaterialException(file, file + " holds a certificate but no private key: give its key with "
                        + "--key KEY, or pass a PKCS#12 file (or a PEM file) that holds both");
            }
            return load(file, file, password);
        } finally {
            java.util.Arrays.fill(content, (byte) 0);
        }
    }

    private static String subject(X509Certificate certificate) {
        String name = certificate.getSubjectX500Principal().getName(X500Principal.RFC2253);
        return name.isEmpty() ? "(empty subject)" : name;
    }

    /**
     * Loads the key entry of a PKCS#12 (.p12/.pfx) or JKS keystore; {@code alias} may be null when
     * the store has exactly one key entry. The key password defaults to the store password.
     */
    public static KeyMaterial loadKeyStore(Path keyStore, PasswordSource storePassword, String alias) {
        requireNonNull(keyStore, "keyStore");
        requireNonNull(storePassword, "storePassword");
        byte[] content = Inputs.read(keyStore, keyStore.toString(), Fixes.MATERIAL_FILE);
        Source source = Source.of(keyStore);
        KeyStores.Contents contents;
        try {
            FileKind kind = FileKind.sniff(content);
            if (kind != FileKind.KEYSTORE_PKCS12 && kind != FileKind.KEYSTORE_JKS) {
                throw source.error(keyStore + " is not a keystore (it holds " + kind.description()
                        + "): pass a PKCS#12 (.p12/.pfx) or JKS file, or give PEM files as certificate and key");
            }
            contents = KeyStores.read(content, kind, source, storePassword, true);
        } finally {
            Arrays.fill(content, (byte) 0);
        }
        KeyStores.KeyEntry entry = choose(contents, alias, source, storePassword);
        if (entry.chain().isEmpty()) {
            throw source.error(keyStore + ": the key '" + entry.alias() + "' has no certificate: "
                    + "re-export the keystore with the key's certificate");
        }
        if (!PrivateKeys.matches(entry.key(), entry.chain().get(0))) {
            throw source.error(keyStore + ": the key '" + entry.alias() + "' (" + PrivateKeys.describe(entry.key())
                    + ") does not match its certificate (" + PrivateKeys.describe(entry.chain().get(0).getPublicKey())
                    + "): re-export the keystore with the key and the certificate issued for it");
        }
        return new KeyMaterial(entry.key(), entry.chain());
    }

    private static KeyStores.KeyEntry choose(KeyStores.Contents contents, String alias, Source source,
                                             PasswordSource storePassword) {
        String name = source.name();
        List<KeyStores.KeyEntry> keys = contents.keys();
        if (keys.isEmpty()) {
            if (contents.locked()) {
                throw KeyStores.needsPassword(source, storePassword);
            }
            if (contents.certificates().isEmpty()) {
                throw source.error(name + " is an empty keystore: pass the keystore that holds your key and certificate");
            }
            throw source.error(name + " holds only certificates, no private key: pass the keystore that holds "
                    + "your key, or give the certificate and key as PEM files");
        }
        List<String> aliases = new ArrayList<>();
        for (KeyStores.KeyEntry key : keys) {
            aliases.add(key.alias());
        }
        if (alias == null) {
            if (keys.size() == 1) {
                return keys.get(0);
            }
            throw source.error(name + " holds " + keys.size() + " private keys (aliases: " + String.join(", ", aliases)
                    + "): say which one to use by its alias");
        }
        for (KeyStores.KeyEntry key : keys) {
            // Keystores treat aliases case-insensitively.
            if (key.alias().equalsIgnoreCase(alias)) {
                return key;
            }
        }
        throw source.error(name + " has no private key with alias '" + alias + "' (key aliases: "
                + String.join(", ", aliases) + "): pass one of these");
    }
}
