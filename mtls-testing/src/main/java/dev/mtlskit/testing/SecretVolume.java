package dev.mtlskit.testing;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.concurrent.atomic.AtomicInteger;

import dev.mtlskit.pki.HeldCertificate;
import dev.mtlskit.reload.TlsFiles;

/**
 * A directory laid out as the kubelet writes a Secret volume: the files are symlinks
 * ({@code tls.crt -> ..data/tls.crt}), {@code ..data} is a symlink to a timestamped directory, and
 * an update writes a new timestamped directory, swaps {@code ..data} to it by renaming a new link
 * over it (one atomic step for all files) and deletes the old directory.
 */
public final class SecretVolume {

    private static final String[] NAMES = {"tls.crt", "tls.key", "ca.crt"};

    private final Path directory;
    private final AtomicInteger generation = new AtomicInteger();
    private Path current;

    private SecretVolume(Path directory) {
        this.directory = directory;
    }

    public static SecretVolume create(Path directory, HeldCertificate client) throws IOException {
        SecretVolume volume = new SecretVolume(directory);
        volume.current = volume.writeGeneration(client);
        Files.createSymbolicLink(directory.resolve("..data"), volume.current.getFileName());
        for (String name : NAMES) {
            Files.createSymbolicLink(directory.resolve(name), Path.of("..data", name));
        }
        return volume;
    }

    public TlsFiles tlsFiles() {
        return TlsFiles.builder().certificateChain(directory.resolve("tls.crt")).privateKey(directory.resolve("tls.key"))
                .addTrustedCertificates(directory.resolve("ca.crt")).build();
    }

    public Path file(String name) {
        return directory.resolve(name);
    }

    /** What the kubelet does when the Secret changes. */
    public void update(HeldCertificate client) throws IOException {
        Path next = writeGeneration(client);
        Path newLink = directory.resolve("..data_tmp");
        Files.createSymbolicLink(newLink, next.getFileName());
        Files.move(newLink, directory.resolve("..data"), StandardCopyOption.ATOMIC_MOVE);
        for (String name : NAMES) {
            Files.delete(current.resolve(name));
        }
        Files.delete(current);
        current = next;
    }

    private Path writeGeneration(HeldCertificate client) throws IOException {
        Path generationDirectory = Files.createDirectory(
                directory.resolve("..2026_11_27_01_00_00." + generation.incrementAndGet()));
        Files.writeString(generationDirectory.resolve("tls.crt"), TestPki.pem(client));
        Files.writeString(generationDirectory.resolve("tls.key"), TestPki.keyPem(client));
        Files.writeString(generationDirectory.resolve("ca.crt"), TestPki.pem(TestPki.ROOT));
        return generationDirectory;
    }
}
