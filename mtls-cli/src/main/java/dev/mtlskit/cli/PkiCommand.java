package dev.mtlskit.cli;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code mtls pki}: the dev PKI. Without a subcommand it shows its help. */
@Command(name = "pki",
        description = {"A dev PKI for mutual TLS: a CA, server and client certificates, CSRs. Files go to mtls-dev/ "
                + "unless --dir says otherwise; keys are written readable by you only (0600).%n"},
        exitCodeListHeading = ExitCodes.HEADING,
        exitCodeList = {ExitCodes.LIST_OK, ExitCodes.LIST_USAGE},
        subcommands = {PkiInitCommand.class, PkiIssueCommand.class, PkiCsrCommand.class, PkiSignCommand.class,
                PkiRevokeCommand.class, PkiCrlCommand.class},
        footer = {"%nStart with:",
                "  mtls pki init",
                "  mtls pki issue server localhost",
                "  mtls pki issue client acme"})
final class PkiCommand implements Runnable {

    @Spec
    CommandSpec spec;

    @Mixin
    HelpOption help;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }
}
