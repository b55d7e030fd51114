package dev.mtlskit.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;

import org.bouncycastle.asn1.nist.NISTObjectIdentifiers;
import org.bouncycastle.jce.provider.BouncyCastleProvider;
import org.bouncycastle.openssl.jcajce.JcaPKCS8Generator;
import org.bouncycastle.openssl.jcajce.JceOpenSSLPKCS8EncryptorBuilder;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.mtlskit.material.PasswordSource;
import dev.mtlskit.material.PemWriter;
import dev.mtlskit.material.PrivateKeys;

/** Messages about an encrypted CA key name the CA key's options, not the leaf key's. */
class CaKeyPasswordTest {

    @TempDir
    Path temp;

    @Test
    void encryptedCaKeyAsksForTheCaKeyPassword() throws Exception {
        Path dir = temp.resolve("ca");
        assertThat(PkiTestCli.run("pki", "init", "--dir", dir.toString()).exitCode()).isZero();
        Path encrypted = temp.resolve("ca-encrypted.key");
        Files.writeString(encrypted, PemWriter.pem(new JcaPKCS8Generator(
                PrivateKeys.load(dir.resolve("ca.key"), PasswordSource.none()),
                new JceOpenSSLPKCS8EncryptorBuilder(NISTObjectIdentifiers.id_aes256_CBC).setProvider(new BouncyCastleProvider())
                        .setPassword("s3cret".toCharArray()).build()).generate()));
        assertThat(PkiTestCli.run("pki", "csr", "acme", "--out-dir", temp.toString()).exitCode()).isZero();
        String[] sign = {"pki", "sign", temp.resolve("acme.csr").toString(), "--purpose", "client",
                "--ca-cert", dir.resolve("ca.crt").toString(), "--ca-key", encrypted.toString()};

        PkiTestCli.Result without = PkiTestCli.run(sign);
        assertThat(without.exitCode()).isEqualTo(2);
        assertThat(without.err()).isEqualTo("error: " + encrypted
                + " is encrypted: pass --ca-key-pass-file FILE (or --ca-key-pass-env VAR / --ca-key-pass)\n");

        String[] wrong = java.util.Arrays.copyOf(sign, sign.length + 2);
        wrong[sign.length] = "--ca-key-pass";
        wrong[sign.length + 1] = "nope";
        PkiTestCli.Result wrongPassword = PkiTestCli.run(wrong);
        assertThat(wrongPassword.exitCode()).isEqualTo(2);
        assertThat(wrongPassword.err()).isEqualTo("error: " + encrypted + ": wrong password (from --ca-key-pass)\n");

        Path passwordFile = temp.resolve("ca-pass.txt");
        Files.writeString(passwordFile, "s3cret\n");
        String[] right = java.util.Arrays.copyOf(sign, sign.length + 2);
        right[sign.length] = "--ca-key-pass-file";
        right[sign.length + 1] = passwordFile.toString();
        PkiTestCli.Result signed = PkiTestCli.run(right);
        assertThat(signed.exitCode()).as(signed.toString()).isZero();
    }
}
