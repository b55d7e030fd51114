package dev.mtlskit.material;

import static dev.mtlskit.material.Tools.write;
import static dev.mtlskit.material.Tools.writeCertificates;
import static dev.mtlskit.material.Tools.writeKey;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.mtlskit.pki.HeldCertificate;
import dev.mtlskit.pki.KeyType;
import dev.mtlskit.pki.Purpose;
import dev.mtlskit.testing.TestPki;

/** Certificate + key pairs and keystores made in Java; OpenSSL- and keytool-made stores are in {@link KeyStoreToolsTest}. */
class KeyMaterialTest {

    private static HeldCertificate root;
    private static HeldCertificate intermediate;
    private static HeldCertificate client;
    private static HeldCertificate rsaClient;
    private static final char[] STORE_PASSWORD = "changeit".toCharArray();

    @TempDir
    Path tmp;

    @BeforeAll
    static void pki() {
        root = HeldCertificate.builder().commonName("Material Root CA").certificateAuthority(1).build();
        intermediate = HeldCertificate.builder().commonName("Material Issuing CA").certificateAuthority(0)
                .signedBy(root).build();
        client = HeldCertificate.builder().commonName("acme").purpose(Purpose.CLIENT).signedBy(intermediate).build();
        rsaClient = HeldCertificate.builder().commonName("acme-rsa").keyType(KeyType.RSA_2048)
                .purpose(Purpose.CLIENT).signedBy(intermediate).build();
    }

    // ---- certificate file + key file ----

    @Test
    void loadsMatchingCertificateAndKey() throws Exception {
        Path crt = writeCertificates(tmp.resolve("client.crt"), client.certificate(), intermediate.certificate());
        Path key = writeKey(tmp.resolve("client.key"), client.keyPair().getPrivate());
        KeyMaterial material = KeyMaterial.load(crt, key, PasswordSource.none());
        assertThat(material.leaf()).isEqualTo(client.certificate());
        assertThat(material.chain()).containsExactly(client.certificate(), intermediate.certificate());
        assertThat(material.privateKey().getEncoded()).isEqualTo(client.keyPair().getPrivate().getEncoded());
    }

    @Test
    void chainInWrongOrderComesBackLeafFirst() throws Exception {
        Path crt = writeCertificates(tmp.resolve("client.crt"), root.certificate(), intermediate.certificate(),
                rsaClient.certificate());
        Path key = writeKey(tmp.resolve("client.key"), rsaClient.keyPair().getPrivate());
        KeyMaterial material = KeyMaterial.load(crt, key, PasswordSource.none());
        assertThat(material.chain()).containsExactly(rsaClient.certificate(), intermediate.certificate(), root.certificate());
    }

    @Test
    void oneFileWithKeyAndCertificates() throws Exception {
        Path both = write(tmp.resolve("client.pem"), PemWriter.certificates(client.fullChain())
                + PemWriter.privateKey(client.keyPair().getPrivate()));
        KeyMaterial material = KeyMaterial.load(both, both, PasswordSource.none());
        assertThat(material.chain()).containsExactlyElementsOf(client.fullChain());
    }

    @Test
    void rsaKeyForEcCertificate() throws Exception {
        Path crt = writeCertificates(tmp.resolve("client.crt"), client.certificate());
        Path key = writeKey(tmp.resolve("client.key"), rsaClient.keyPair().getPrivate());
        assertThatThrownBy(() -> KeyMaterial.load(crt, key, PasswordSource.none()))
                .isInstanceOf(MaterialException.class)
                .hasMessage(key + " (RSA 2048) does not match " + crt + " (EC P-256): use the key generated with "
                        + "this certificate (or the certificate issued for this key)")
                .satisfies(e -> assertThat(((MaterialException) e).file()).isEqualTo(key));
    }

    @Test
    void otherKeyOfTheSameType() throws Exception {
        HeldCertificate other = HeldCertificate.builder().commonName("other").signedBy(intermediate).build();
        Path crt = writeCertificates(tmp.resolve("client.crt"), client.certificate());
        Path key = writeKey(tmp.resolve("client.key"), other.keyPair().getPrivate());
        assertThatThrownBy(() -> KeyMaterial.load(crt, key, PasswordSource.none()))
                .isInstanceOf(MaterialException.class)
                .hasMessage(key + " (EC P-256) does not match " + crt + " (EC P-256): use the key generated with "
                        + "this certificate (or the certificate issued for this key)");
    }

    @Test
    void keyOfTheCaInTheSameChainFile() throws Exception {
        Path crt = writeCertificates(tmp.resolve("chain.pem"), intermediate.certificate(), client.certificate());
        Path key = writeKey(tmp.resolve("ca.key"), intermediate.keyPair().getPrivate());
        assertThatThrownBy(() -> KeyMaterial.load(crt, key, PasswordSource.none()))
                .isInstanceOf(MaterialException.class)
                .hasMessage(key + " (EC P-256) does not match " + crt + " (EC P-256): the key belongs to another "
                        + "certificate in " + crt + ", CN=Material Issuing CA, not to the leaf CN=acme; the file order "
                        + "may be wrong, or this is the CA's key: pass the key of CN=acme");
    }

    @Test
    void encryptedKeyNeedsItsPassword() throws Exception {
        Path crt = writeCertificates(tmp.resolve("client.crt"), client.certificate());
        Path key = write(tmp.resolve("client.key"), PemWriter.pem(new org.bouncycastle.pkcs.jcajce
                .JcaPKCS8EncryptedPrivateKeyInfoBuilder(client.keyPair().getPrivate())
                .build(new org.bouncycastle.pkcs.jcajce.JcePKCSPBEOutputEncryptorBuilder(
                        org.bouncycastle.asn1.nist.NISTObjectIdentifiers.id_aes128_CBC)
                        .setProvider(BouncyCastle.provider()).build("pw".toCharArray()))));
        assertThatThrownBy(() -> KeyMaterial.load(crt, key, PasswordSource.none()))
                .isInstanceOf(MaterialException.class)
                .hasMessage(key + " is encrypted: pass --key-pass-file FILE (or --key-pass-env VAR / --key-pass)");
        Path pw = write(tmp.resolve("pw.txt"), "pw\n");
        assertThat(KeyMaterial.load(crt, key, PasswordSource.fromFile(pw)).leaf()).isEqualTo(client.certificate());
    }

    @Test
    void swappedArgumentsAreExplained() throws Exception {
        Path crt = writeCertificates(tmp.resolve("client.crt"), client.certificate());
        Path key = writeKey(tmp.resolve("client.key"), client.keyPair().getPrivate());
        assertThatThrownBy(() -> KeyMaterial.load(key, crt, PasswordSource.none()))
                .isInstanceOf(MaterialException.class)
                .hasMessage(key + " holds no certificate (it looks like a private key): pass the certificate file, not the key");
    }

    @Test
    void certificateFileMayBeAPkcs12WithTheKeyPassword() throws Exception {
        Path p12 = Files.write(tmp.resolve("client.p12"), TestPki.keyStore("PKCS12", STORE_PASSWORD, "client", client));
        Path key = writeKey(tmp.resolve("client.key"), client.keyPair().getPrivate());
        KeyMaterial material = KeyMaterial.load(p12, key, PasswordSource.of(STORE_PASSWORD));
        assertThat(material.chain()).containsExactlyElementsOf(client.fullChain());
    }

    @Test
    void recordChecksItsParts() {
        assertThatThrownBy(() -> new KeyMaterial(client.keyPair().getPrivate(), List.of()))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new KeyMaterial(null, client.fullChain())).isInstanceOf(NullPointerException.class);
    }

    // ---- keystores written by the JDK ----

    @Test
    void pkcs12WithOneKey() throws Exception {
        Path p12 = Files.write(tmp.resolve("client.p12"), TestPki.keyStore("PKCS12", STORE_PASSWORD, "client", client,
                "root", root.certificate()));
        KeyMaterial material = KeyMaterial.loadKeyStore(p12, PasswordSource.of(STORE_PASSWORD), null);
        assertThat(material.chain()).containsExactlyElementsOf(client.fullChain());
        assertThat(PrivateKeys.matches(material.privateKey(), client.certificate())).isTrue();
    }

    @Test
    void jksWithOneKey() throws Exception {
        Path jks = Files.write(tmp.resolve("client.jks"), TestPki.keyStore("JKS", STORE_PASSWORD, "client", rsaClient));
        KeyMaterial material = KeyMaterial.loadKeyStore(jks, PasswordSource.of(STORE_PASSWORD), null);
        assertThat(material.chain()).containsExactlyElementsOf(rsaClient.fullChain());
        assertThat(material.privateKey().getEncoded()).isEqualTo(rsaClient.keyPair().getPrivate().getEncoded());
    }

    @Test
    void severalKeysNeedAnAlias() throws Exception {
        for (String type : new String[] {"PKCS12", "JKS"}) {
            Path store = Files.write(tmp.resolve("both." + type), TestPki.keyStore(type, STORE_PASSWORD,
                    "ec-client", client, "rsa-client", rsaClient));
            assertThatThrownBy(() -> KeyMaterial.loadKeyStore(store, PasswordSource.of(STORE_PASSWORD), null))
                    .isInstanceOf(MaterialException.class)
                    .hasMessage(store + " holds 2 private keys (aliases: ec-client, rsa-client): say which one to use by its alias");
            KeyMaterial rsa = KeyMaterial.loadKeyStore(store, PasswordSource.of(STORE_PASSWORD), "RSA-Client");
            assertThat(rsa.leaf()).isEqualTo(rsaClient.certificate());
            assertThatThrownBy(() -> KeyMaterial.loadKeyStore(store, PasswordSource.of(STORE_PASSWORD), "server"))
                    .isInstanceOf(MaterialException.class)
                    .hasMessage(store + " has no private key with alias 'server' (key aliases: ec-client, rsa-client): "
                            + "pass one of these");
        }
    }

    @Test
    void wrongStorePassword() throws Exception {
        Path p12 = Files.write(tmp.resolve("store.p12"), TestPki.keyStore("PKCS12", STORE_PASSWORD, "client", client));
        Path pw = write(tmp.resolve("pw.txt"), "letmein\n");
        assertThatThrownBy(() -> KeyMaterial.loadKeyStore(p12, PasswordSource.fromFile(pw), null))
                .isInstanceOf(MaterialException.class)
                .hasMessage(p12 + ": wrong password (from --key-pass-file " + pw + ")");
        Path jks = Files.write(tmp.resolve("store.jks"), TestPki.keyStore("JKS", STORE_PASSWORD, "client", client));
        assertThatThrownBy(() -> KeyMaterial.loadKeyStore(jks, PasswordSource.fromFile(pw), null))
                .isInstanceOf(MaterialException.class)
                .hasMessage(jks + ": wrong password (from --key-pass-file " + pw + ")");
    }

    @Test
    void missingStorePassword() throws Exception {
        for (String type : new String[] {"PKCS12", "JKS"}) {
            Path store = Files.write(tmp.resolve("store." + type), TestPki.keyStore(type, STORE_PASSWORD, "client", client));
            assertThatThrownBy(() -> KeyMaterial.loadKeyStore(store, PasswordSource.none(), null))
                    .isInstanceOf(MaterialException.class)
                    .hasMessage(store + " is protected by a password: pass --key-pass-file FILE (or --key-pass-env VAR / --key-pass)");
        }
    }

    @Test
    void storeWithOnlyCertificates() throws Exception {
        Path jks = Files.write(tmp.resolve("truststore.jks"), TestPki.keyStore("JKS", STORE_PASSWORD, "root", root.certificate()));
        assertThatThrownBy(() -> KeyMaterial.loadKeyStore(jks, PasswordSource.of(STORE_PASSWORD), null))
                .isInstanceOf(MaterialException.class)
                .hasMessage(jks + " holds only certificates, no private key: pass the keystore that holds your key, "
                        + "or give the certificate and key as PEM files");
    }

    @Test
    void emptyStore() throws Exception {
        Path p12 = Files.write(tmp.resolve("empty.p12"), TestPki.keyStore("PKCS12", STORE_PASSWORD));
        assertThatThrownBy(() -> KeyMaterial.loadKeyStore(p12, PasswordSource.of(STORE_PASSWORD), null))
                .isInstanceOf(MaterialException.class)
                .hasMessage(p12 + " is an empty keystore: pass the keystore that holds your key and certificate");
    }

    @Test
    void notAKeyStore() throws Exception {
        Path pem = writeCertificates(tmp.resolve("client.crt"), client.certificate());
        assertThatThrownBy(() -> KeyMaterial.loadKeyStore(pem, PasswordSource.none(), null))
                .isInstanceOf(MaterialException.class)
                .hasMessage(pem + " is not a keystore (it holds PEM certificate(s)): pass a PKCS#12 (.p12/.pfx) or JKS "
                        + "file, or give PEM files as certificate and key");
        Path missing = tmp.resolve("nope.p12");
        assertThatThrownBy(() -> KeyMaterial.loadKeyStore(missing, PasswordSource.none(), null))
                .isInstanceOf(MaterialException.class).hasMessage(missing + " does not exist: check the path");
    }

    @Test
    void corruptedKeyStore() throws Exception {
        byte[] p12 = TestPki.keyStore("PKCS12", STORE_PASSWORD, "client", client);
        Path cut = Files.write(tmp.resolve("cut.p12"), java.util.Arrays.copyOf(p12, p12.length - 10));
        // Cut short, it no longer parses as DER at all.
        assertThatThrownBy(() -> KeyMaterial.loadKeyStore(cut, PasswordSource.of(STORE_PASSWORD), null))
                .isInstanceOf(MaterialException.class)
                .hasMessageStartingWith(cut + " is not a keystore (it holds ");
        byte[] jks = TestPki.keyStore("JKS", STORE_PASSWORD, "client", client);
        Path cutJks = Files.write(tmp.resolve("cut.jks"), java.util.Arrays.copyOf(jks, jks.length / 2));
        assertThatThrownBy(() -> KeyMaterial.loadKeyStore(cutJks, PasswordSource.of(STORE_PASSWORD), null))
                .isInstanceOf(MaterialException.class)
                .hasMessage(cutJks + ": the JKS keystore is corrupted: re-download or re-export it");
    }
}
