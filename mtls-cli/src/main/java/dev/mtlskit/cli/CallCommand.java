package dev.mtlskit.cli;

import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;

import dev.mtlskit.client.CallEvent;
import dev.mtlskit.client.CallRequest;
import dev.mtlskit.client.CallResult;
import dev.mtlskit.client.Caller;
import dev.mtlskit.client.RequestBody;
import dev.mtlskit.client.Transcript;
import dev.mtlskit.client.doctor.CallFailure;
import dev.mtlskit.validation.PeerRole;
import dev.mtlskit.validation.V1Certificates;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code mtls call}: an HTTPS request with a client certificate, in curl's vocabulary, with a readable handshake. */
@Command(name = "call",
        header = "Make an HTTPS request with a client certificate and show each step of the handshake.",
        description = {"Like curl, with the same option names, but strict about the server (no insecure",
                "option) and clear about the client side: -v shows each TLS handshake message in",
                "order, the server's certificate, the CA names the server accepts for client",
                "certificates and which certificate was sent, or why none was. --explain adds one",
                "plain sentence per step.%n"},
        sortOptions = false,
        footer = {"%nExamples:",
                "  mtls call https://localhost:8443/hello --cert mtls-dev/client.crt --key mtls-dev/client.key --cacert mtls-dev/ca.crt",
                "  mtls call -v --explain https://api.example.com/orders --cert me.crt --key me.key -d '{\"id\":1}' -H 'Content-Type: application/json'",
                "",
                "When a call fails, 'mtls doctor' with the same URL and files says why.",
                "Exit codes: 0 a response arrived (with --fail: a status below 400), 1 the connection,",
                "the handshake or (with --fail) the request failed, 2 bad input (files, options)."})
final class CallCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Mixin
    HelpOption help;

    @Parameters(index = "0", paramLabel = "URL", description = "An https:// URL.")
    String url;

    @Mixin
    ConnectionOptions connection;

    @Option(names = {"-d", "--data"}, paramLabel = "DATA",
            description = "Send DATA as the body (POST); @FILE reads it from FILE. Repeated: joined with '&'.")
    List<String> data = new ArrayList<>();

    @Option(names = "--data-binary", paramLabel = "DATA", description = "Send DATA as is; @FILE streams FILE.")
    String dataBinary;

    @Option(names = {"-X", "--request"}, paramLabel = "METHOD", description = "The HTTP method (default GET, POST with a body).")
    String method;

    @Option(names = {"-H", "--header"}, paramLabel = "'NAME: VALUE'",
            description = "An extra request header (repeatable); 'NAME:' removes a default header.")
    List<String> headers = new ArrayList<>();

    @Option(names = {"-o", "--output"}, paramLabel = "FILE", description = "Write the response body to FILE instead of stdout.")
    Path output;

    @Option(names = {"-i", "--include"}, description = "Print the response status line and headers before the body.")
    boolean include;

    @Option(names = {"-v", "--verbose"}, description = "Show each step on stderr: TCP, every TLS handshake message, certificates, HTTP.")
    boolean verbose;

    @Option(names = "--explain", description = "With each step, one plain sentence on what it means (implies -v).")
    boolean explain;

    @Option(names = {"-f", "--fail"}, description = "Exit 1 when the status is 400 or above.")
    boolean fail;

    @Override
    public Integer call() {
        CallRequest request = request();
        PrintWriter err = spec.commandLine().getErr();
        PrintWriter out = spec.commandLine().getOut();
        Transcript transcript = new Transcript(explain);
        boolean trace = verbose || explain;
        try (OutputStream body = output != null ? Files.newOutputStream(output) : standardOutput(out)) {
            CallResult result = new Caller().call(request, event -> {
                if (trace) {
                    transcript.lines(event).forEach(err::println);
                    err.flush();
                }
                if (include && event instanceof CallEvent.ResponseReceived response) {
                    out.println(response.httpVersion() + " " + response.status());
                    response.headers().forEach(h -> out.println(h.name() + ": " + h.value()));
                    out.println();
                    out.flush();
                }
            }, body);
            out.flush();
            return exitCode(result, err);
        } catch (IOException e) {
            throw new UserInputException(output + ": cannot write the response (" + e.getMessage() + ")");
        } catch (UncheckedIOException e) {
            throw new UserInputException(e.getMessage());
        }
    }

    /** The body goes to stdout as bytes (binary bodies stay intact), or to the captured writer in tests. */
    private static OutputStream standardOutput(PrintWriter out) {
        java.io.OutputStream raw = MtlsCommand.rawStandardOutput;
        if (raw == null) {
            return new WriterOutputStream(out);
        }
        return new java.io.FilterOutputStream(raw) {
            @Override
            public void write(byte[] bytes, int offset, int length) throws IOException {
                out.flush(); // what -i printed comes first
                raw.write(bytes, offset, length);
            }

            @Override
            public void close() throws IOException {
                raw.flush(); // stdout stays open for what follows
            }
        };
    }

    private int exitCode(CallResult result, PrintWriter err) {
        if (result.response().isEmpty()) {
            Optional<CallFailure> cause = CallFailure.of(result);
            if (cause.isPresent()) {
                // The same code, sentence and fix as mtls doctor's for this failure.
                err.println("mtls call: " + cause.get().reason() + " (side: " + cause.get().side().label() + "): "
                        + cause.get().message());
                err.println("  fix: " + cause.get().fix());
                return ExitCodes.INVALID;
            }
            err.println("mtls call: " + failure(result));
            err.println("Run 'mtls doctor " + url + "' with the same --cert/--key/--cacert to find out why.");
            return ExitCodes.INVALID;
        }
        int status = result.response().get().status();
        if (fail && status >= 400) {
            err.println("mtls call: the server answered " + status);
            return ExitCodes.INVALID;
        }
        return ExitCodes.OK;
    }

    private static String failure(CallResult result) {
        if (result.alert().isPresent()) {
            String stage = result.stage() == CallResult.Stage.CONNECTION_FAILED ? "after the handshake" : "during the handshake";
            return "the server ended the connection " + stage + " with alert " + result.alert().get() + v1Hint(result);
        }
        return switch (result.stage()) {
            case CONNECT_FAILED -> "cannot connect";
            case HANDSHAKE_FAILED -> "TLS handshake failed: " + result.handshakeFailure().map(CallEvent.HandshakeFailed::message)
                    .orElse("the connection closed during the handshake");
            case CONNECTION_FAILED -> "the connection failed after the handshake: "
                    + result.connectionFailure().map(CallEvent.ConnectionFailed::message).orElse("closed");
            default -> "no response";
        };
    }

    /** A refused v1 client certificate is the likely cause: say so here, with the fix (the doctor says the same). */
    private static String v1Hint(CallResult result) {
        return result.clientCertificateSent()
                .filter(sent -> !sent.chain().isEmpty() && sent.chain().get(0).getVersion() == 1)
                .map(sent -> "; your client certificate " + sent.chain().get(0).getSubjectX500Principal().getName() + " is "
                        + V1Certificates.clientSentence() + ". Fix: " + V1Certificates.leafFix(PeerRole.CLIENT, null))
                .orElse("");
    }

    private CallRequest request() {
        CallRequest.Builder builder = connection.builder(url);
        RequestBody body = body();
        if (body != null) {
            builder.body(body);
        }
        if (method != null) {
            builder.method(method);
        }
        for (String header : headers) {
            int colon = header.indexOf(':');
            if (colon <= 0) {
                throw new UserInputException("-H " + header + ": expected 'Name: value'");
            }
            builder.header(header.substring(0, colon).trim(), header.substring(colon + 1).trim());
        }
        return builder.build();
    }

    private RequestBody body() {
        if (dataBinary != null && !data.isEmpty()) {
            throw new UserInputException("-d and --data-binary exclude each other: pick one");
        }
        if (dataBinary != null) {
            return dataBinary.startsWith("@") ? new RequestBody.FromFile(readable(dataBinary.substring(1), "--data-binary"))
                    : new RequestBody.Bytes(dataBinary.getBytes(StandardCharsets.UTF_8));
        }
        if (data.isEmpty()) {
            return null;
        }
        List<String> parts = new ArrayList<>();
        for (String part : data) {
            if (part.startsWith("@")) {
                Path file = readable(part.substring(1), "-d");
                try {
                    // As curl: -d @file drops carriage returns and newlines.
                    parts.add(Files.readString(file).replace("\r", "").replace("\n", ""));
                } catch (IOException e) {
                    throw new UserInputException(file + ": cannot read the request body (" + e.getMessage() + ")");
                }
            } else {
                parts.add(part);
            }
        }
        return new RequestBody.Bytes(String.join("&", parts).getBytes(StandardCharsets.UTF_8));
    }

    private static Path readable(String name, String option) {
        Path file = Path.of(name);
        if (!Files.isRegularFile(file) || !Files.isReadable(file)) {
            throw new UserInputException(option + " @" + name + ": no such readable file");
        }
        return file;
    }
}
