package dev.mtlskit.cli;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code mtls serve} (or another command) in a JVM of its own, as the launcher would start it: for
 * what only a process shows (signals, JVM options, native libraries). Its standard output and
 * error go to files.
 */
final class ServeProcess {

    private ServeProcess() {
    }

    /**
     * @param prefix what runs the JVM (e.g. {@code env --ignore-signal=HUP}), or nothing
     * @param jvmOptions options for the JVM, as MTLS_JAVA_OPTS would pass them
     * @param args the command line after {@code mtls}
     */
    static Process start(List<String> prefix, List<String> jvmOptions, Path out, Path err, List<String> args)
            throws IOException {
        List<String> command = new ArrayList<>(prefix);
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(jvmOptions);
        command.addAll(List.of("-cp", System.getProperty("java.class.path"),
                "-Dlogback.configurationFile=" + Path.of("target", "classes", "logback.xml").toAbsolutePath(),
                MtlsCommand.class.getName()));
        command.addAll(args);
        return new ProcessBuilder(command).redirectOutput(out.toFile()).redirectError(err.toFile()).start();
    }
}
