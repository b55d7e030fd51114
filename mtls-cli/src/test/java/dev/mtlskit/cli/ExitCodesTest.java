package dev.mtlskit.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.api.parallel.ResourceLock;

import dev.mtlskit.pki.DevPki;
import dev.mtlskit.testing.Programs;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * Each exit code of the table in {@code mtls --help} and docs/configuration.md, produced by a real
 * command line, with the one line the user reads on standard error. Code 3 (cannot start) is
 * ServeConfigErrorsTest.aTakenPortIsOneLineAndAFailedZeroConfigStartLeavesNoDevPkiBehind and
 * TunnelCommandTest.aBusyPortIsNamed.
 */
@ResourceLock(ServeLogging.LOCK)
class ExitCodesTest {

    @TempDir
    Path temp;

    @Test
    void zeroIsSuccess() {
        PkiTestCli.Result result = PkiTestCli.run("pki", "init", "--dir", temp.resolve("pki").toString());
        assertThat(result.exitCode()).as(result.toString()).isZero();
        assertThat(result.err()).isEmpty();
    }

    @Test
    void oneIsACheckThatFailed() {
        DevPki one = DevPki.ensure(temp.resolve("one"));
        DevPki other = DevPki.ensure(temp.resolve("other"));
        PkiTestCli.Result result = PkiTestCli.run("verify", "--cert", one.client().certificate().toString(),
                "--ca", other.caCertificate().toString());
        assertThat(result.exitCode()).as(result.toString()).isEqualTo(ExitCodes.INVALID);
        assertThat(result.out()).startsWith("INVALID");
    }

    @Test
    void twoIsAMistypedOptionInOneLineWithTheNearestName() {
        PkiTestCli.Result result = PkiTestCli.run("serve", "--listne", "localhost:0");
        assertThat(result.exitCode()).as(result.toString()).isEqualTo(ExitCodes.BAD_INPUT);
        assertThat(result.out()).isEmpty();
        assertThat(result.err()).isEqualTo("error: Unknown options: '--listne', 'localhost:0' (did you mean --listen?); "
                + "run 'mtls serve --help' for the options\n");
    }

    @Test
    void twoIsAMissingOptionInOneLine() {
        PkiTestCli.Result result = PkiTestCli.run("tunnel", "--target", "https://api.example.com");
        assertThat(result.exitCode()).as(result.toString()).isEqualTo(ExitCodes.BAD_INPUT);
        assertThat(result.err()).isEqualTo("error: Missing required options: '--cert=CERT[:PASSWORD]', '--cacert=FILE'; "
                + "run 'mtls tunnel --help' for the options\n");
    }

    @Test
    void twoIsAConfigurationThatCannotBeRead() {
        Path missing = temp.resolve("gateway.yaml");
        PkiTestCli.Result result = PkiTestCli.run("serve", "--config", missing.toString());
        assertThat(result.exitCode()).as(result.toString()).isEqualTo(ExitCodes.BAD_INPUT);
        assertThat(result.out()).isEmpty();
        assertThat(result.err()).startsWith("error: " + missing).doesNotContain("\tat ", "Exception");
    }

    @Command(name = "broken")
    static final class Broken implements Callable<Integer> {
        @Override
        public Integer call() {
            throw new IllegalStateException("the gateway's state went wrong");
        }
    }

    @Test
    void seventyIsABugInOneLineAndItsStackTraceWithDebug() {
        StringWriter err = new StringWriter();
        CommandLine commandLine = MtlsCommand.commandLine(new PrintWriter(new StringWriter(), true), new PrintWriter(err, true));
        commandLine.addSubcommand(new Broken());
        commandLine.setErr(new PrintWriter(err, true));
        assertThat(commandLine.execute("broken")).isEqualTo(ExitCodes.INTERNAL_ERROR);
        assertThat(err.toString()).isEqualTo("error: unexpected failure: the gateway's state went wrong (a bug: run again "
                + "with --debug and report the stack trace)\n");

        StringWriter debugErr = new StringWriter();
        CommandLine debug = MtlsCommand.commandLine(new PrintWriter(new StringWriter(), true), new PrintWriter(debugErr, true));
        debug.addSubcommand(new Broken());
        debug.setErr(new PrintWriter(debugErr, true));
        assertThat(debug.execute("--debug", "broken")).isEqualTo(ExitCodes.INTERNAL_ERROR);
        assertThat(debugErr.toString()).contains("\tat dev.mtlskit.cli.ExitCodesTest$Broken.call(")
                .endsWith("error: unexpected failure: the gateway's state went wrong\n");
    }

    /**
     * A real process: Ctrl-C runs the shutdown hook, which stops the gateway gracefully (130); SIGTERM
     * drains first (here without a drain delay) and ends with 0, as a service manager expects.
     */
    @Test
    void ctrlCIsOneHundredThirtyAndSigtermADrainedZero() throws Exception {
        Programs.require("sh", "dash");
        assertThat(stopWith("INT")).isEqualTo(130);
        assertThat(stopWith("TERM")).isZero();
    }

    private int stopWith(String signal) throws Exception {
        Path out = temp.resolve(signal + ".out");
        Path err = temp.resolve(signal + ".err");
        Process serve = ServeProcess.start(List.of(), List.of(), out, err, List.of("serve", "--listen", "127.0.0.1:0",
                "--dev-dir", temp.resolve("dev-" + signal).toString(), "--threads", "1", "--admin", "off", "--drain-delay", "0"));
        try {
            long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
            while (!Files.readString(err, StandardCharsets.UTF_8).contains("Dev PKI in") && System.nanoTime() < deadline) {
                assertThat(serve.isAlive()).as(Files.readString(err)).isTrue();
                Thread.sleep(50);
            }
            Programs.run(List.of("sh", "-c", "kill -" + signal + " " + serve.pid()), Duration.ofSeconds(10)).successfulOutput();
            assertThat(serve.waitFor(30, TimeUnit.SECONDS)).as(Files.readString(err)).isTrue();
            assertThat(Files.readString(err)).contains("shutting down: finishing requests in flight");
            return serve.exitValue();
        } finally {
            serve.destroyForcibly();
        }
    }
}
