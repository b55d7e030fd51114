package dev.mtlskit.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.mtlskit.testing.Programs;

/**
 * The command lines the tools print as advice are run, as printed (a stand-in for a file the tool
 * cannot know is named in the test), and do what the advice says. The advice printed with a
 * running server (the curl commands of serve, pki issue and pki sign, doctor's inspect on a 403)
 * is run in ServeZeroConfigTest.
 */
class PrintedCommandsTest {

    private static final Pattern NEXT_STEP = Pattern.compile("(?m)^  ((?:mtls|openssl|curl) .+)$");

    @TempDir
    Path temp;

    @Test
    void theNextStepsOfPkiInitRun() {
        Path dir = temp.resolve("dev");
        PkiTestCli.Result init = PkiTestCli.run("pki", "init", "--dir", dir.toString());
        List<String> steps = steps(init.out());
        assertThat(steps).containsExactly("mtls pki issue server localhost --dir " + dir,
                "mtls pki issue client acme --dir " + dir, "mtls inspect " + dir.resolve("ca.crt"));
        for (String step : steps) {
            PkiTestCli.Result result = runMtls(step);
            assertThat(result.exitCode()).as(step + "\n" + result).isZero();
        }
    }

    @Test
    void theNextStepsOfPkiCsrRun() {
        Path dir = temp.resolve("dev");
        assertThat(PkiTestCli.run("pki", "init", "--dir", dir.toString()).exitCode()).isZero();
        PkiTestCli.Result csr = PkiTestCli.run("pki", "csr", "api.example.com", "--out-dir", temp.toString());
        Path file = temp.resolve("api.example.com.csr");
        List<String> steps = steps(csr.out());
        assertThat(steps).containsExactly("mtls pki sign " + file + " --purpose server", "mtls inspect " + file);

        // The CA's default directory is where the CA runs it; here it is --dir.
        PkiTestCli.Result sign = runMtls(steps.get(0) + " --dir " + dir);
        assertThat(sign.exitCode()).as(sign.toString()).isZero();
        PkiTestCli.Result inspect = runMtls(steps.get(1));
        assertThat(inspect.exitCode()).as(inspect.toString()).isZero();
        assertThat(inspect.out()).contains("Names (SAN)     DNS:api.example.com", "valid: signed with the key it contains");
    }

    @Test
    void theOpensslChecksOfPkiIssueRun() throws Exception {
        Path dir = temp.resolve("dev");
        assertThat(PkiTestCli.run("pki", "init", "--dir", dir.toString(), "--intermediate").exitCode()).isZero();
        for (String kind : List.of("server", "client")) {
            PkiTestCli.Result issue = PkiTestCli.run("pki", "issue", kind, kind.equals("server") ? "localhost" : "acme",
                    "--dir", dir.toString());
            String verify = steps(issue.out()).stream().filter(step -> step.startsWith("openssl verify")).findFirst()
                    .orElseThrow(() -> new AssertionError(issue.out()));
            Programs.Result result = runProgram(verify);
            assertThat(result.exitCode()).as(verify + "\n" + result.describe()).isZero();
            assertThat(result.stdout()).endsWith(": OK\n");
        }
    }

    @Test
    void theInspectAdviceOfDoctorOnAKeyThatIsNotTheCertificatesRuns() {
        Path dir = temp.resolve("dev");
        assertThat(PkiTestCli.run("pki", "init", "--dir", dir.toString()).exitCode()).isZero();
        assertThat(PkiTestCli.run("pki", "issue", "client", "acme", "--dir", dir.toString()).exitCode()).isZero();
        assertThat(PkiTestCli.run("pki", "issue", "client", "other", "--dir", dir.toString()).exitCode()).isZero();
        PkiTestCli.Result doctor = PkiTestCli.run("doctor", "https://localhost:1/", "--cert", dir.resolve("acme.crt").toString(),
                "--key", dir.resolve("other.key").toString(), "--cacert", dir.resolve("ca.crt").toString());
        assertThat(doctor.exitCode()).as(doctor.toString()).isEqualTo(ExitCodes.INVALID);
        Matcher advice = Pattern.compile("check with: (mtls inspect \\S+ \\S+)").matcher(doctor.out());
        assertThat(advice.find()).as(doctor.toString()).isTrue();

        PkiTestCli.Result inspect = runMtls(advice.group(1));
        assertThat(inspect.exitCode()).as(inspect.toString()).isZero();
        assertThat(inspect.out()).contains("Belongs to      matches none of the certificates given");
    }

    @Test
    void theInitCommandNamedWhenThereIsNoCaRuns() {
        Path dir = temp.resolve("no-ca-yet");
        PkiTestCli.Result issue = PkiTestCli.run("pki", "issue", "client", "acme", "--dir", dir.toString());
        assertThat(issue.exitCode()).isEqualTo(ExitCodes.BAD_INPUT);
        Matcher advice = Pattern.compile("(mtls pki init --dir \\S+?)'").matcher(issue.err());
        assertThat(advice.find()).as(issue.toString()).isTrue();

        assertThat(runMtls(advice.group(1)).exitCode()).isZero();
        assertThat(PkiTestCli.run("pki", "issue", "client", "acme", "--dir", dir.toString()).exitCode()).isZero();
    }

    @Test
    void theForceCommandNamedForAHalfCaRuns() throws Exception {
        Path dir = temp.resolve("half");
        assertThat(PkiTestCli.run("pki", "init", "--dir", dir.toString()).exitCode()).isZero();
        java.nio.file.Files.delete(dir.resolve("ca.key"));
        PkiTestCli.Result issue = PkiTestCli.run("pki", "issue", "client", "acme", "--dir", dir.toString());
        Matcher advice = Pattern.compile("create a new CA with '(mtls pki init --dir \\S+ --force)'").matcher(issue.err());
        assertThat(advice.find()).as(issue.toString()).isTrue();

        assertThat(runMtls(advice.group(1)).exitCode()).isZero();
        assertThat(PkiTestCli.run("pki", "issue", "client", "acme", "--dir", dir.toString()).exitCode()).isZero();
    }

    @Test
    void theForceIntermediateCommandNamedForAMismatchedIntermediateRuns() throws Exception {
        Path dir = temp.resolve("mixed");
        Path other = temp.resolve("other");
        assertThat(PkiTestCli.run("pki", "init", "--dir", dir.toString(), "--intermediate").exitCode()).isZero();
        assertThat(PkiTestCli.run("pki", "init", "--dir", other.toString(), "--intermediate").exitCode()).isZero();
        java.nio.file.Files.copy(other.resolve("intermediate.crt"), dir.resolve("intermediate.crt"),
                java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        java.nio.file.Files.copy(other.resolve("intermediate.key"), dir.resolve("intermediate.key"),
                java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        PkiTestCli.Result issue = PkiTestCli.run("pki", "issue", "client", "acme", "--dir", dir.toString());
        Matcher advice = Pattern.compile("create a new CA with '(mtls pki init --dir \\S+ --force --intermediate)'")
                .matcher(issue.err());
        assertThat(advice.find()).as(issue.toString()).isTrue();

        assertThat(runMtls(advice.group(1)).exitCode()).isZero();
        assertThat(PkiTestCli.run("pki", "issue", "client", "acme", "--dir", dir.toString()).exitCode()).isZero();
    }

    /** Signed by a CA given without its root: openssl needs -partial_chain to accept the CA as the anchor. */
    @Test
    void theOpensslCheckOfPkiSignWithAnIntermediateRuns() throws Exception {
        Path dir = temp.resolve("dev");
        assertThat(PkiTestCli.run("pki", "init", "--dir", dir.toString(), "--intermediate").exitCode()).isZero();
        assertThat(PkiTestCli.run("pki", "csr", "db.internal", "--out-dir", temp.toString()).exitCode()).isZero();
        PkiTestCli.Result sign = PkiTestCli.run("pki", "sign", temp.resolve("db.internal.csr").toString(), "--purpose",
                "server", "--ca-cert", dir.resolve("intermediate.crt").toString(), "--ca-key",
                dir.resolve("intermediate.key").toString());
        String verify = steps(sign.out()).stream().filter(step -> step.startsWith("openssl verify -partial_chain"))
                .findFirst().orElseThrow(() -> new AssertionError(sign.out()));
        Programs.Result result = runProgram(verify);
        assertThat(result.exitCode()).as(verify + "\n" + result.describe()).isZero();
        assertThat(result.stdout()).endsWith(": OK\n");
    }

    /** The command lines of a "Next:" section (mtls, openssl and curl), in order. */
    static List<String> steps(String out) {
        List<String> steps = new ArrayList<>();
        Matcher step = NEXT_STEP.matcher(out);
        while (step.find()) {
            steps.add(step.group(1));
        }
        return steps;
    }

    /** A printed {@code mtls ...} line, run in-process (the paths in tests have no spaces). */
    private static PkiTestCli.Result runMtls(String commandLine) {
        String[] words = commandLine.split(" ");
        assertThat(words[0]).isEqualTo("mtls");
        return PkiTestCli.run(Arrays.copyOfRange(words, 1, words.length));
    }

    private static Programs.Result runProgram(String commandLine) throws Exception {
        String[] words = commandLine.split(" ");
        Programs.require(words[0], words[0]);
        return Programs.run(List.of(words), Duration.ofSeconds(60));
    }
}
