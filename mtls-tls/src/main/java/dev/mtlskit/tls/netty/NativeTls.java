package dev.mtlskit.tls.netty;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

import io.netty.handler.ssl.OpenSsl;

/**
 * Why BoringSSL (netty-tcnative) cannot be used here, in words a person can act on. Netty unpacks
 * the native library into a work directory ({@code io.netty.native.workdir}, by default the
 * temporary directory) and loads it from there, so a read-only or {@code noexec} temporary
 * directory (common in hardened containers) is the usual cause on a supported platform.
 */
public final class NativeTls {

    private NativeTls() {
    }

    /**
     * Why BoringSSL cannot be used and what would make it possible, without naming the fallback
     * engine (each caller names it in its own terms), e.g. {@code "BoringSSL (netty-tcnative) cannot
     * be used here: its native library cannot be unpacked into the directory /tmp (Read-only file
     * system): make it writable, or point Netty to a writable directory with
     * -Dio.netty.native.workdir=DIR"}.
     *
     * @param workdirSetting how the reader sets Netty's work directory, e.g.
     *     {@code -Dio.netty.native.workdir=DIR}, or through a launcher's variable
     */
    public static String unavailable(String workdirSetting) {
        return "BoringSSL (netty-tcnative) cannot be used here: " + why(workdirSetting);
    }

    private static String why(String workdirSetting) {
        String os = System.getProperty("os.name", "").toLowerCase(Locale.ROOT);
        String arch = System.getProperty("os.arch", "").toLowerCase(Locale.ROOT);
        if (!os.contains("linux") || !List.of("amd64", "x86_64").contains(arch)) {
            return "this build carries its native library for Linux on x86_64 only, and this is "
                    + System.getProperty("os.name") + " on " + System.getProperty("os.arch");
        }
        Path workdir = workDirectory();
        String unwritable = unwritable(workdir);
        if (unwritable != null) {
            return "its native library cannot be unpacked into the directory " + workdir + " (" + unwritable
                    + "): make it writable, or point Netty to a writable directory with " + workdirSetting;
        }
        if (mountedNoexec(workdir)) {
            return "its native library cannot be loaded from the directory " + workdir + ", which is on a file system "
                    + "mounted noexec: point Netty to a directory on another with " + workdirSetting;
        }
        return "its native library did not load (" + innermostMessage(OpenSsl.unavailabilityCause(), "no reason given") + ")";
    }

    /** Where Netty unpacks native libraries, as its loader decides: its work directory, else its temporary one. */
    static Path workDirectory() {
        String workdir = System.getProperty("io.netty.native.workdir");
        return (workdir != null ? Path.of(workdir) : io.netty.util.internal.PlatformDependent.tmpdir().toPath())
                .toAbsolutePath();
    }

    /** Why no file can be created in {@code directory}, or null when one can (a real attempt: root ignores modes). */
    private static String unwritable(Path directory) {
        try {
            Path probe = Files.createTempFile(directory, "mtls-native-probe", ".tmp");
            Files.deleteIfExists(probe);
            return null;
        } catch (java.nio.file.AccessDeniedException e) {
            return "permission denied";
        } catch (java.nio.file.FileSystemException e) {
            return e.getReason() != null ? e.getReason() : "no file can be created there";
        } catch (IOException | SecurityException | UnsupportedOperationException e) {
            return "no file can be created there";
        }
    }

    /** Whether the file system holding {@code directory} is mounted noexec (Linux: /proc/self/mounts). */
    private static boolean mountedNoexec(Path directory) {
        try {
            String best = "";
            boolean noexec = false;
            String target = directory.toRealPath().toString();
            for (String line : Files.readAllLines(Path.of("/proc/self/mounts"))) {
                String[] fields = line.split(" ");
                if (fields.length < 4) {
                    continue;
                }
                String mountPoint = fields[1].replace("\\040", " ");
                boolean contains = target.equals(mountPoint) || mountPoint.equals("/")
                        || target.startsWith(mountPoint + "/");
                if (contains && mountPoint.length() >= best.length()) {
                    best = mountPoint;
                    noexec = List.of(fields[3].split(",")).contains("noexec");
                }
            }
            return noexec;
        } catch (IOException | RuntimeException e) {
            return false;
        }
    }

    /** The innermost message of a chain of causes (no class names), or {@code otherwise} when it has none. */
    public static String innermostMessage(Throwable cause, String otherwise) {
        Throwable inner = cause;
        while (inner != null && inner.getCause() != null && inner.getCause() != inner) {
            inner = inner.getCause();
        }
        String message = inner == null ? null : inner.getMessage();
        return message == null || message.isBlank() ? otherwise : message.strip();
    }
}
