package dev.mtlskit.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.Callable;

import dev.mtlskit.pki.DevCaFiles;
import dev.mtlskit.pki.KeyType;
import dev.mtlskit.pki.PkiException;
import dev.mtlskit.material.Shell;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** What the {@code mtls pki} subcommands share: refusals become one-line errors (exit 2), and option parsing helpers. */
@Command(exitCodeListHeading = ExitCodes.HEADING, exitCodeList = {ExitCodes.LIST_OK, ExitCodes.LIST_USAGE})
abstract class PkiSubcommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Mixin
    HelpOption help;

    /** "Now" for validity periods; tests may replace it. */
    Clock clock = Clock.systemUTC();

    @Override
    public final Integer call() {
        try {
            execute(spec.commandLine().getOut());
            return ExitCodes.OK;
        } catch (PkiException e) {
            throw new UserInputException(e.getMessage());
        }
    }

    abstract void execute(PrintWriter out);

    /** ECDSA P-256 unless {@code --rsa BITS} was given. */
    static KeyType keyType(Integer rsaBits) {
        if (rsaBits == null) {
            return KeyType.EC_P256;
        }
        try {
            return KeyType.rsa(rsaBits);
        } catch (IllegalArgumentException e) {
            throw new UserInputException("--rsa " + rsaBits + " is not offered: use 2048, 3072 or 4096 "
                    + "(or leave --rsa out for ECDSA P-256, which is smaller and faster)");
        }
    }

    static Duration days(int days) {
        if (days < 1) {
            throw new UserInputException("--days " + days + " is not a validity: give a number of days, 1 or more");
        }
        return Duration.ofDays(days);
    }

    /** What suggested commands need to address {@code dir}: nothing for the default, else {@code " --dir DIR"}. */
    static String dirOption(Path dir) {
        return dir.equals(DevCaFiles.DEFAULT_DIRECTORY) ? "" : " --dir " + Shell.quote(dir.toString());
    }
}
