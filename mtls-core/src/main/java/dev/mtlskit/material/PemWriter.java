package dev.mtlskit.material;

import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.Set;

import org.bouncycastle.openssl.jcajce.JcaPEMWriter;
import org.bouncycastle.openssl.jcajce.JcaPKCS8Generator;

/** Writes certificates and keys as PEM. Private keys are written PKCS#8 and readable by the owner only. */
public final class PemWriter {

    private static final Set<PosixFilePermission> OWNER_ONLY = PosixFilePermissions.fromString("rw-------");

    private PemWriter() {
    }

    /** PEM text of the certificates, in the given order. */
    public static String certificates(List<X509Certificate> certificates) {
        return pem(certificates.toArray());
    }

    /** PEM text of an unencrypted PKCS#8 private key ({@code BEGIN PRIVATE KEY}). */
    public static String privateKey(PrivateKey key) {
        try {
            return pem(new JcaPKCS8Generator(key, null).generate());
        } catch (org.bouncycastle.util.io.pem.PemGenerationException e) {
            throw new IllegalStateException("cannot encode private key: " + e.getMessage(), e);
        }
    }

    /** Any object BouncyCastle's PEM writer knows (certificates, CSRs, CRLs, PEM objects). */
    public static String pem(Object... objects) {
        StringWriter text = new StringWriter();
        try (JcaPEMWriter writer = new JcaPEMWriter(text)) {
            for (Object object : objects) {
                writer.writeObject(object);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return text.toString();
    }

    public static void writeCertificates(Path file, List<X509Certificate> certificates) throws IOException {
        Files.writeString(file, certificates(certificates), StandardCharsets.US_ASCII);
    }

    /** Writes the key so that it is never readable by others, not even for a moment. */
    public static void writePrivateKey(Path file, PrivateKey key) throws IOException {
        writeSecret(file, privateKey(key).getBytes(StandardCharsets.US_ASCII));
    }

    /** Writes bytes to a file created (or truncated) with mode 0600 before any byte is written. */
    public static void writeSecret(Path file, byte[] content) throws IOException {
        Files.deleteIfExists(file);
        try {
            Files.createFile(file, PosixFilePermissions.asFileAttribute(OWNER_ONLY));
        } catch (UnsupportedOperationException notPosix) {
            Files.createFile(file);
        }
        Files.write(file, content, StandardOpenOption.TRUNCATE_EXISTING, StandardOpenOption.WRITE);
    }
}
