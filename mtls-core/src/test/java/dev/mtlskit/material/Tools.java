package dev.mtlskit.material;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PublicKey;
import java.security.spec.X509EncodedKeySpec;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import dev.mtlskit.pki.HeldCertificate;
import dev.mtlskit.pki.KeyType;
import dev.mtlskit.testing.Programs;

/** Runs the real openssl and keytool to make fixtures in formats mtls-kit does not write itself. */
final class Tools {

    private Tools() {
    }

    static void assumeOpenssl() {
        Programs.require("openssl", "openssl");
    }

    static void assumeKeytool() {
        Programs.require("keytool", "a JDK (default-jdk-headless)");
    }

    /** Runs a command in {@code directory}; fails the test with its output when it fails. */
    static String run(Path directory, String... command) {
        try {
            Programs.Result result = Programs.run(List.of(command), directory, null, Duration.ofSeconds(60));
            return result.successfulOutput() + result.stderr();
        } catch (IOException e) {
            throw new AssertionError("cannot run " + command[0] + ": " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted: " + String.join(" ", command), e);
        }
    }

    static String openssl(Path directory, String... arguments) {
        List<String> command = new ArrayList<>();
        command.add("openssl");
        command.addAll(List.of(arguments));
        return run(directory, command.toArray(String[]::new));
    }

    static String keytool(Path directory, String... arguments) {
        List<String> command = new ArrayList<>();
        command.add("keytool");
        command.addAll(List.of(arguments));
        return run(directory, command.toArray(String[]::new));
    }

    /** The public key of a key file, as openssl sees it: an independent check of what we loaded. */
    static PublicKey opensslPublicKey(Path directory, String keyFile, String... passArguments) throws Exception {
        List<String> arguments = new ArrayList<>(List.of("pkey", "-in", keyFile, "-pubout", "-outform", "DER", "-out", keyFile + ".pub"));
        arguments.addAll(List.of(passArguments));
        openssl(directory, arguments.toArray(String[]::new));
        byte[] der = Files.readAllBytes(directory.resolve(keyFile + ".pub"));
        String oid = org.bouncycastle.asn1.x509.SubjectPublicKeyInfo.getInstance(der).getAlgorithm().getAlgorithm().getId();
        String algorithm = switch (oid) {
            case "1.2.840.113549.1.1.1" -> "RSA";
            case "1.2.840.10045.2.1" -> "EC";
            case "1.3.101.112" -> "Ed25519";
            case "1.2.840.10040.4.1" -> "DSA";
            default -> throw new AssertionError("unexpected public key algorithm " + oid);
        };
        return KeyFactory.getInstance(algorithm).generatePublic(new X509EncodedKeySpec(der));
    }

    static Path write(Path file, String text) throws IOException {
        Files.createDirectories(file.toAbsolutePath().getParent());
        return Files.writeString(file, text, StandardCharsets.US_ASCII);
    }

    static Path writeKey(Path file, java.security.PrivateKey key) throws IOException {
        return write(file, PemWriter.privateKey(key));
    }

    static Path writeCertificates(Path file, java.security.cert.X509Certificate... certificates) throws IOException {
        return write(file, PemWriter.certificates(List.of(certificates)));
    }

    static HeldCertificate selfSigned(String commonName, KeyType keyType) {
        return HeldCertificate.builder().commonName(commonName).keyType(keyType).build();
    }

    static KeyPair generate(String algorithm, String curveOrNull) throws Exception {
        KeyPairGenerator generator = KeyPairGenerator.getInstance(algorithm);
        if (curveOrNull != null) {
            generator.initialize(new java.security.spec.ECGenParameterSpec(curveOrNull));
        }
        return generator.generateKeyPair();
    }

    static void assertSameKey(java.security.PrivateKey loaded, PublicKey expected) {
        assertThat(PrivateKeys.matches(loaded, expected)).as("loaded key matches the expected public key").isTrue();
    }
}
