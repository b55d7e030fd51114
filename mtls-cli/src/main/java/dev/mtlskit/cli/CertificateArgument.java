package dev.mtlskit.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

import dev.mtlskit.material.FileKind;
import dev.mtlskit.material.PasswordSource;

/**
 * curl's {@code --cert CERT[:PASSWORD]}: the file, and the password of its key or keystore when
 * given after a colon. A file whose whole name exists is taken as it is, colon and all, so a
 * Windows-style or colon-holding path needs no escaping.
 *
 * @param file the certificate, keystore, or PEM file with the key in it
 * @param password from after the colon, else from the --key-pass options
 */
record CertificateArgument(Path file, PasswordSource password) {

    static CertificateArgument parse(String value, KeyPasswordOptions options) {
        PasswordSource fromOptions = options.passwordSource();
        Path whole = Path.of(value);
        int colon = value.lastIndexOf(':');
        if (Files.exists(whole) || colon <= 0) {
            return new CertificateArgument(whole, fromOptions);
        }
        if (fromOptions.isPresent()) {
            throw new UserInputException("--cert " + value.substring(0, colon) + ":…: the password is given twice (after "
                    + "the colon and with " + fromOptions.option() + "): give it once");
        }
        return new CertificateArgument(Path.of(value.substring(0, colon)),
                PasswordSource.of(value.substring(colon + 1).toCharArray(), "--cert FILE:PASSWORD"));
    }

    /** Whether the file is a PKCS#12 or JKS keystore. */
    boolean isKeyStore() {
        String type = typeOf(file);
        return "P12".equals(type) || "JKS".equals(type);
    }

    /** curl's {@code --cert-type}: mtls reads the type from the file, and says when the two differ. */
    void checkType(String type) {
        String expected = type.trim().toUpperCase(Locale.ROOT);
        if (!expected.equals("PEM") && !expected.equals("DER") && !expected.equals("P12")) {
            throw new UserInputException("--cert-type " + type + ": expected PEM, DER or P12");
        }
        String actual = typeOf(file);
        if (actual != null && !actual.equals(expected)) {
            throw new UserInputException("--cert-type " + expected + ", but " + file + " is " + actual
                    + ": leave --cert-type out (mtls reads the type from the file) or pass the " + expected + " file");
        }
    }

    /** PEM, DER, P12 or JKS as read from the file; {@code null} when unreadable or something else (loading says what). */
    private static String typeOf(Path file) {
        byte[] content;
        try {
            content = Files.readAllBytes(file);
        } catch (java.io.IOException | RuntimeException e) {
            return null;
        }
        FileKind kind = FileKind.sniff(content);
        java.util.Arrays.fill(content, (byte) 0);
        return switch (kind) {
            case KEYSTORE_PKCS12 -> "P12";
            case KEYSTORE_JKS -> "JKS";
            case CERTIFICATE_DER -> "DER";
            default -> kind.name().endsWith("_PEM") ? "PEM" : null;
        };
    }
}
