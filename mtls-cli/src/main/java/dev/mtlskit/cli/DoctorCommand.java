package dev.mtlskit.cli;

import java.io.PrintWriter;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;

import dev.mtlskit.client.CallRequest;
import dev.mtlskit.client.CallResult;
import dev.mtlskit.client.Transcript;
import dev.mtlskit.client.doctor.Diagnosis;
import dev.mtlskit.client.doctor.Doctor;
import dev.mtlskit.tls.wire.TlsVersion;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code mtls doctor}: why an mTLS connection fails, in one sentence, with the side at fault and the fix. */
@Command(name = "doctor",
        header = "Find out why an mTLS connection fails, and how to fix it.",
        description = {"Checks the local files, connects (again with other settings where that narrows the cause) and "
                + "names one cause: a reason code, the side at fault (client, server, ca, network), a sentence and the fix. "
                + "Works against any server: nginx, HAProxy, Envoy, Java servers, mtls serve. Sends a GET to the URL, and "
                + "asks the OCSP responders and CRL distribution points that both sides' certificates name.%n"},
        sortOptions = false,
        exitCodeListHeading = ExitCodes.HEADING,
        exitCodeList = {"0:an mTLS-authenticated request succeeded",
                "1:it did not: the reason code says why",
                ExitCodes.LIST_USAGE},
        footer = {"%nExamples:",
                "  mtls doctor https://localhost:8443/ --cert mtls-dev/client.crt \\",
                "      --key mtls-dev/client.key --cacert mtls-dev/ca.crt",
                "  mtls doctor https://api.example.com/ --cert me.crt --key me.key --json",
                "",
                "Reason codes are explained in docs/reasons.md."})
final class DoctorCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Mixin
    HelpOption help;

    @Parameters(index = "0", paramLabel = "URL", description = "An https:// URL.")
    String url;

    @Mixin
    ConnectionOptions connection;

    @Option(names = "--json", description = "Print one JSON object: ok, reason, side, message, fix, findings, attempts.")
    boolean json;

    @Option(names = {"-v", "--verbose"}, description = "Also show the transcript of each connection attempt.")
    boolean verbose;

    @Override
    public Integer call() {
        CallRequest request = connection.builder(url).build();
        Diagnosis diagnosis = new Doctor().diagnose(request);
        PrintWriter out = spec.commandLine().getOut();
        if (json) {
            out.println(json(diagnosis));
        } else {
            text(diagnosis, out);
        }
        out.flush();
        return diagnosis.ok() ? ExitCodes.OK : ExitCodes.INVALID;
    }

    private void text(Diagnosis diagnosis, PrintWriter out) {
        if (verbose) {
            int number = 1;
            for (CallResult attempt : diagnosis.attempts()) {
                out.println("--- attempt " + number++ + describe(attempt.request()) + " ---");
                Transcript transcript = new Transcript(false);
                attempt.events().forEach(event -> transcript.lines(event).forEach(out::println));
            }
            out.println();
        }
        out.println((diagnosis.ok() ? "OK" : "FAIL") + "  " + diagnosis.reason()
                + (diagnosis.ok() ? "" : "  (side: " + diagnosis.side().label() + ")"));
        out.println("  " + diagnosis.message());
        if (!diagnosis.ok()) {
            out.println("  fix: " + diagnosis.fix());
        }
        for (String finding : diagnosis.findings()) {
            out.println("  note: " + finding);
        }
    }

    private static String describe(CallRequest request) {
        StringBuilder text = new StringBuilder();
        text.append(request.hasClientCertificate() ? " with client certificate" : " without client certificate");
        if (request.serverCheck() == CallRequest.ServerCheck.RECORD_ONLY) {
            text.append(", server certificate recorded, not enforced, no request");
        }
        if (TlsVersion.TLS_1_2.equals(request.tlsMax())) {
            text.append(", TLS 1.2 at most");
        }
        return text.toString();
    }

    static String json(Diagnosis diagnosis) {
        Map<String, Object> object = new LinkedHashMap<>();
        object.put("ok", diagnosis.ok());
        object.put("reason", diagnosis.reason());
        object.put("side", diagnosis.side().label());
        object.put("message", diagnosis.message());
        object.put("fix", diagnosis.fix());
        object.put("findings", diagnosis.findings());
        object.put("attempts", diagnosis.attempts().size());
        try {
            return new ObjectMapper().disable(SerializationFeature.INDENT_OUTPUT).writeValueAsString(object);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
