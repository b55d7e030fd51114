package dev.mtlskit.material;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.util.List;

import org.bouncycastle.asn1.nist.NISTObjectIdentifiers;
import org.bouncycastle.pkcs.PKCS8EncryptedPrivateKeyInfo;
import org.bouncycastle.pkcs.jcajce.JcaPKCS8EncryptedPrivateKeyInfoBuilder;
import org.bouncycastle.pkcs.jcajce.JcePKCSPBEOutputEncryptorBuilder;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import dev.mtlskit.pki.HeldCertificate;
import dev.mtlskit.pki.KeyType;
import dev.mtlskit.testing.TestPki;

class FileKindTest {

    private static HeldCertificate ca;
    private static KeyPair keys;

    @BeforeAll
    static void material() {
        ca = HeldCertificate.builder().commonName("Sniff CA").certificateAuthority(0).build();
        keys = ca.keyPair();
    }

    private static FileKind sniff(String text) {
        return FileKind.sniff(text.getBytes(StandardCharsets.US_ASCII));
    }

    private static String block(String label, String... headers) {
        StringBuilder text = new StringBuilder("-----BEGIN " + label + "-----\n");
        for (String header : headers) {
            text.append(header).append('\n');
        }
        if (headers.length > 0) {
            text.append('\n');
        }
        return text.append("MIIBAAAA\n-----END ").append(label).append("-----\n").toString();
    }

    @Test
    void pemLabels() {
        assertThat(sniff(PemWriter.certificates(List.of(ca.certificate())))).isEqualTo(FileKind.CERTIFICATE_PEM);
        assertThat(sniff(block("TRUSTED CERTIFICATE"))).isEqualTo(FileKind.CERTIFICATE_PEM);
        assertThat(sniff(block("X509 CRL"))).isEqualTo(FileKind.CRL);
        assertThat(sniff(block("CERTIFICATE REQUEST"))).isEqualTo(FileKind.CSR);
        assertThat(sniff(block("NEW CERTIFICATE REQUEST"))).isEqualTo(FileKind.CSR);
        assertThat(sniff(block("PRIVATE KEY"))).isEqualTo(FileKind.PRIVATE_KEY);
        assertThat(sniff(block("RSA PRIVATE KEY"))).isEqualTo(FileKind.PRIVATE_KEY);
        assertThat(sniff(block("EC PRIVATE KEY"))).isEqualTo(FileKind.PRIVATE_KEY);
        assertThat(sniff(block("DSA PRIVATE KEY"))).isEqualTo(FileKind.PRIVATE_KEY);
        assertThat(sniff(block("ENCRYPTED PRIVATE KEY"))).isEqualTo(FileKind.ENCRYPTED_PRIVATE_KEY);
        assertThat(sniff(block("RSA PRIVATE KEY", "Proc-Type: 4,ENCRYPTED", "DEK-Info: AES-256-CBC,00112233445566778899AABBCCDDEEFF")))
                .isEqualTo(FileKind.ENCRYPTED_PRIVATE_KEY);
        assertThat(sniff(block("PUBLIC KEY"))).isEqualTo(FileKind.PUBLIC_KEY);
        assertThat(sniff(block("RSA PUBLIC KEY"))).isEqualTo(FileKind.PUBLIC_KEY);
        assertThat(sniff(block("SOMETHING ELSE"))).isEqualTo(FileKind.UNKNOWN);
    }

    @Test
    void realPemObjects() throws Exception {
        assertThat(sniff(PemWriter.pem(Samples.csr(keys, "acme")))).isEqualTo(FileKind.CSR);
        assertThat(sniff(PemWriter.pem(Samples.crl(ca)))).isEqualTo(FileKind.CRL);
        assertThat(sniff(PemWriter.pem(keys.getPublic()))).isEqualTo(FileKind.PUBLIC_KEY);
        assertThat(sniff(PemWriter.privateKey(keys.getPrivate()))).isEqualTo(FileKind.PRIVATE_KEY);
    }

    @Test
    void certificatesWinOverKeysAndParametersSayNothing() {
        String combined = PemWriter.privateKey(keys.getPrivate()) + PemWriter.certificates(List.of(ca.certificate()));
        assertThat(sniff(combined)).isEqualTo(FileKind.CERTIFICATE_PEM);
        assertThat(sniff(block("EC PARAMETERS") + block("EC PRIVATE KEY"))).isEqualTo(FileKind.PRIVATE_KEY);
        assertThat(sniff(block("EC PARAMETERS"))).isEqualTo(FileKind.UNKNOWN);
        assertThat(sniff(block("SOMETHING ELSE") + block("CERTIFICATE REQUEST"))).isEqualTo(FileKind.CSR);
    }

    @Test
    void textAroundPemIsIgnored() {
        String text = "Bag Attributes\n    friendlyName: acme\nsubject=CN = acme\n"
                + PemWriter.certificates(List.of(ca.certificate())) + "trailing words\n";
        assertThat(sniff(text)).isEqualTo(FileKind.CERTIFICATE_PEM);
    }

    @Test
    void derStructures() throws Exception {
        assertThat(FileKind.sniff(ca.certificate().getEncoded())).isEqualTo(FileKind.CERTIFICATE_DER);
        assertThat(FileKind.sniff(keys.getPrivate().getEncoded())).isEqualTo(FileKind.PRIVATE_KEY);
        assertThat(FileKind.sniff(keys.getPublic().getEncoded())).isEqualTo(FileKind.PUBLIC_KEY);
        assertThat(FileKind.sniff(Samples.csr(keys, "acme").getEncoded())).isEqualTo(FileKind.CSR);
        assertThat(FileKind.sniff(Samples.crl(ca).getEncoded())).isEqualTo(FileKind.CRL);
        PKCS8EncryptedPrivateKeyInfo encrypted = new JcaPKCS8EncryptedPrivateKeyInfoBuilder(keys.getPrivate())
                .build(new JcePKCSPBEOutputEncryptorBuilder(NISTObjectIdentifiers.id_aes256_CBC)
                        .setProvider(BouncyCastle.provider()).build("pw".toCharArray()));
        assertThat(FileKind.sniff(encrypted.getEncoded())).isEqualTo(FileKind.ENCRYPTED_PRIVATE_KEY);
    }

    @Test
    void derKeyStructuresOfOtherFormats() throws Exception {
        KeyPair rsa = KeyType.RSA_2048.generate();
        byte[] pkcs1 = org.bouncycastle.asn1.pkcs.PrivateKeyInfo.getInstance(rsa.getPrivate().getEncoded())
                .parsePrivateKey().toASN1Primitive().getEncoded();
        assertThat(Der.kind(pkcs1)).isEqualTo(Der.Kind.PKCS1_RSA);
        assertThat(FileKind.sniff(pkcs1)).isEqualTo(FileKind.PRIVATE_KEY);
        byte[] sec1 = org.bouncycastle.asn1.pkcs.PrivateKeyInfo.getInstance(keys.getPrivate().getEncoded())
                .parsePrivateKey().toASN1Primitive().getEncoded();
        assertThat(Der.kind(sec1)).isEqualTo(Der.Kind.SEC1_EC);
        assertThat(FileKind.sniff(sec1)).isEqualTo(FileKind.PRIVATE_KEY);
    }

    @Test
    void keyStores() throws Exception {
        char[] password = "changeit".toCharArray();
        assertThat(FileKind.sniff(TestPki.keyStore("PKCS12", password, "a", ca))).isEqualTo(FileKind.KEYSTORE_PKCS12);
        assertThat(FileKind.sniff(TestPki.keyStore("JKS", password, "a", ca))).isEqualTo(FileKind.KEYSTORE_JKS);
        assertThat(FileKind.sniff(TestPki.keyStore("JCEKS", password, "a", ca))).isEqualTo(FileKind.KEYSTORE_JKS);
    }

    @Test
    void emptyAndUnknown() {
        assertThat(FileKind.sniff(new byte[0])).isEqualTo(FileKind.EMPTY);
        assertThat(sniff(" \r\n\t\n")).isEqualTo(FileKind.EMPTY);
        assertThat(sniff("hello, this is not a key\n")).isEqualTo(FileKind.UNKNOWN);
        assertThat(FileKind.sniff(new byte[] {0x30, 0x03, 0x02, 0x01})).isEqualTo(FileKind.UNKNOWN); // truncated DER
        assertThat(FileKind.sniff(new byte[] {(byte) 0xFE, (byte) 0xED})).isEqualTo(FileKind.UNKNOWN);
        assertThat(FileKind.UNKNOWN.description()).isEqualTo("no recognisable key material");
    }

    @Test
    void forgedDerLengthDoesNotAllocate() {
        // SEQUENCE claiming 2 GB of content.
        byte[] forged = {0x30, (byte) 0x84, 0x7f, (byte) 0xff, (byte) 0xff, (byte) 0xff, 0x02, 0x01, 0x00};
        assertThat(FileKind.sniff(forged)).isEqualTo(FileKind.UNKNOWN);
    }
}
