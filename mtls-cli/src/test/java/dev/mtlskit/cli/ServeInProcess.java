package dev.mtlskit.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import picocli.CommandLine;

/**
 * {@code mtls serve} running in the test's JVM on 127.0.0.1 (an ephemeral port, one event loop, no
 * access log) with the server certificate, key and client CA of a {@code pki} directory made by
 * {@code mtls pki}: its port and start log, and a stop that checks it exits 0. Tests that use it hold
 * {@link ServeLogging#LOCK} (the start log is captured from the shared logger).
 */
record ServeInProcess(ServeCommand serve, Future<Integer> exit, ExecutorService executor, int port, String log) {

    static ServeInProcess start(Path pki, String... options) throws Exception {
        CommandLine commandLine = MtlsCommand.commandLine(new PrintWriter(new StringWriter(), true),
                new PrintWriter(new StringWriter(), true));
        ServeCommand serve = commandLine.getSubcommands().get("serve").getCommand();
        List<String> arguments = new ArrayList<>(arguments(pki));
        arguments.add("--access-log");
        arguments.add("off");
        arguments.addAll(List.of(options));
        ExecutorService executor = Executors.newSingleThreadExecutor();
        try (CapturedLog out = CapturedLog.of("mtls.serve")) {
            Future<Integer> exit = executor.submit(() -> commandLine.execute(arguments.toArray(String[]::new)));
            assertThat(serve.started.await(60, TimeUnit.SECONDS)).as("gateway started: " + out.text()).isTrue();
            Matcher port = Pattern.compile("https://127\\.0\\.0\\.1:(\\d+)").matcher(out.text());
            assertThat(port.find()).as(out.text()).isTrue();
            return new ServeInProcess(serve, exit, executor, Integer.parseInt(port.group(1)), out.text());
        }
    }

    /** {@code serve} on 127.0.0.1 (an ephemeral port, one event loop) with the files of {@code pki}. */
    static List<String> arguments(Path pki) {
        return List.of("serve", "--listen", "127.0.0.1:0", "--threads", "1",
                "--cert", pki.resolve("localhost-chain.crt").toString(), "--key", pki.resolve("localhost.key").toString(),
                "--client-ca", pki.resolve("ca.crt").toString());
    }

    void stop() throws Exception {
        serve.stop();
        assertThat(exit.get(30, TimeUnit.SECONDS)).isZero();
        executor.shutdownNow();
    }
}
