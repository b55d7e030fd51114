package dev.mtlskit.pki;

import static java.util.Objects.requireNonNull;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import dev.mtlskit.material.Shell;

/**
 * Where a dev CA keeps its files: {@code ca.crt} and {@code ca.key} for the root, and
 * {@code intermediate.crt} and {@code intermediate.key} when leaves are issued by an intermediate.
 *
 * @param directory the dev PKI directory, {@code mtls-dev} by default
 */
public record DevCaFiles(Path directory) {

    /** The directory {@code mtls pki} and {@code mtls serve} use unless told otherwise. */
    public static final Path DEFAULT_DIRECTORY = Path.of("mtls-dev");

    public DevCaFiles {
        requireNonNull(directory, "directory");
    }

    public Path caCertificate() {
        return directory.resolve("ca.crt");
    }

    public Path caKey() {
        return directory.resolve("ca.key");
    }

    public Path intermediateCertificate() {
        return directory.resolve("intermediate.crt");
    }

    public Path intermediateKey() {
        return directory.resolve("intermediate.key");
    }

    /** The CA files that exist now, root first. */
    public List<Path> existing() {
        return Stream.of(caCertificate(), caKey(), intermediateCertificate(), intermediateKey())
                .filter(Files::exists).toList();
    }

    public boolean hasIntermediate() {
        return Files.exists(intermediateCertificate()) || Files.exists(intermediateKey());
    }

    /** The directory for messages, with a trailing slash: {@code mtls-dev/}. */
    public String displayName() {
        String name = directory.toString();
        return name.endsWith("/") ? name : name + "/";
    }

    /** The command that creates a CA here, e.g. {@code mtls pki init} or {@code mtls pki init --dir certs}. */
    public String initCommand() {
        return directory.equals(DEFAULT_DIRECTORY) ? "mtls pki init" : "mtls pki init --dir " + Shell.quote(directory.toString());
    }
}
