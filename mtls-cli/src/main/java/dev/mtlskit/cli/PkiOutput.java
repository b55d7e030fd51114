package dev.mtlskit.cli;

import static java.util.Objects.requireNonNull;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import dev.mtlskit.material.Shell;
import dev.mtlskit.pki.WrittenFile;

/**
 * What a {@code mtls pki} command tells at its end: a few facts, the files it wrote (one per line,
 * with what each is) and what to do next, in aligned columns.
 */
final class PkiOutput {

    private final String headline;
    private final List<String[]> facts = new ArrayList<>();
    private final List<WrittenFile> written = new ArrayList<>();
    private final List<String[]> nextSteps = new ArrayList<>();

    PkiOutput(String headline) {
        this.headline = requireNonNull(headline, "headline");
    }

    PkiOutput fact(String label, String value) {
        facts.add(new String[] {label, value});
        return this;
    }

    PkiOutput written(List<WrittenFile> files) {
        written.addAll(files);
        return this;
    }

    /** A command to run, with what it does. */
    PkiOutput next(String explanation, String command) {
        nextSteps.add(new String[] {explanation, command});
        return this;
    }

    void print(PrintWriter out) {
        out.println(headline);
        int labelWidth = facts.stream().mapToInt(fact -> fact[0].length()).max().orElse(0);
        for (String[] fact : facts) {
            out.printf("  %-" + labelWidth + "s  %s%n", fact[0], fact[1]);
        }
        if (!written.isEmpty()) {
            out.println();
            out.println("Wrote:");
            int pathWidth = written.stream().mapToInt(file -> file.path().toString().length()).max().orElse(0);
            for (WrittenFile file : written) {
                out.printf("  %-" + pathWidth + "s  %s%n", file.path(), file.description());
            }
        }
        if (!nextSteps.isEmpty()) {
            out.println();
            out.println("Next:");
            for (String[] step : nextSteps) {
                out.println("  # " + step[0]);
                out.println("  " + step[1]);
            }
        }
        out.flush();
    }

    /** A path for a suggested command, quoted when the shell needs it. */
    static String arg(Path path) {
        return Shell.quote(path.toString());
    }
}
