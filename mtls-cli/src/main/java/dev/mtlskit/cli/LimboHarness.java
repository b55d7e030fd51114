package dev.mtlskit.cli;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509CRL;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import dev.mtlskit.validation.ChainValidator;
import dev.mtlskit.validation.ExpectedName;
import dev.mtlskit.validation.PeerRole;
import dev.mtlskit.validation.ValidationRequest;
import dev.mtlskit.validation.Verdict;

/**
 * Runs an x509-limbo test file through mtls-kit's validator, following the suite's harness protocol:
 * reads {@code limbo.json}, writes {@code {"version":1,"harness":"mtls-kit","results":[…]}} to stdout.
 * Started by {@code harness/x509-limbo FILE}.
 */
public final class LimboHarness {

    private static final ObjectMapper JSON = new ObjectMapper();

    private LimboHarness() {
    }

    public static void main(String[] args) throws IOException {
        if (args.length != 1) {
            System.err.println("usage: harness/x509-limbo LIMBO_JSON  (writes the results JSON to stdout)");
            System.exit(2);
        }
        write(run(Files.readAllBytes(Path.of(args[0]))), System.out);
    }

    /** The results document for a limbo file's content. */
    public static ObjectNode run(byte[] limboJson) throws IOException {
        JsonNode limbo = JSON.readTree(limboJson);
        ChainValidator validator = new ChainValidator();
        ObjectNode output = JSON.createObjectNode();
        output.put("version", 1);
        output.put("harness", "mtls-kit");
        ArrayNode results = output.putArray("results");
        for (JsonNode testcase : limbo.get("testcases")) {
            ObjectNode result = results.addObject();
            result.put("id", testcase.get("id").asText());
            Outcome outcome = evaluate(validator, testcase);
            result.put("actual_result", outcome.result);
            result.put("context", outcome.context);
        }
        return output;
    }

    static void write(ObjectNode results, OutputStream out) throws IOException {
        PrintStream print = new PrintStream(out, true, StandardCharsets.UTF_8);
        print.println(JSON.writerWithDefaultPrettyPrinter().writeValueAsString(results));
    }

    private record Outcome(String result, String context) {
    }

    private static Outcome evaluate(ChainValidator validator, JsonNode testcase) {
        String kind = testcase.get("validation_kind").asText();
        PeerRole role;
        if ("SERVER".equals(kind)) {
            role = PeerRole.SERVER;
        } else if ("CLIENT".equals(kind)) {
            role = PeerRole.CLIENT;
        } else {
            return new Outcome("SKIPPED", "unsupported validation kind " + kind);
        }
        List<X509Certificate> chain = new ArrayList<>();
        List<X509Certificate> anchors = new ArrayList<>();
        List<X509CRL> crls = new ArrayList<>();
        try {
            chain.add(certificate(testcase.get("peer_certificate").asText()));
            for (JsonNode pem : testcase.get("untrusted_intermediates")) {
                chain.add(certificate(pem.asText()));
            }
            for (JsonNode pem : testcase.get("trusted_certs")) {
                anchors.add(certificate(pem.asText()));
            }
            JsonNode crlNodes = testcase.get("crls");
            if (crlNodes != null) {
                for (JsonNode pem : crlNodes) {
                    crls.add(crl(pem.asText()));
                }
            }
        } catch (CertificateException | java.security.cert.CRLException | RuntimeException e) {
            // The JDK refuses to parse it at all: as malformed as it gets.
            return new Outcome("FAILURE", "MALFORMED: cannot be parsed: " + e.getMessage());
        }
        ValidationRequest.Builder request = ValidationRequest.builder()
                .chain(chain)
                .trustAnchors(anchors)
                .role(role)
                .crls(crls);
        JsonNode time = testcase.get("validation_time");
        request.at(time == null || time.isNull() ? Instant.now() : OffsetDateTime.parse(time.asText()).toInstant());
        JsonNode depth = testcase.get("max_chain_depth");
        if (depth != null && !depth.isNull()) {
            request.maxIntermediates(depth.asInt());
        }
        JsonNode peerName = testcase.get("expected_peer_name");
        if (role == PeerRole.SERVER && peerName != null && !peerName.isNull()) {
            String value = peerName.get("value").asText();
            String nameKind = peerName.get("kind").asText();
            if ("IP".equals(nameKind)) {
                request.expectedName(ExpectedName.of(value));
            } else if ("DNS".equals(nameKind)) {
                request.expectedName(ExpectedName.dns(value));
            } else {
                return new Outcome("SKIPPED", "unsupported peer name kind " + nameKind);
            }
        }
        Verdict verdict;
        try {
            verdict = validator.validate(request.build());
        } catch (RuntimeException e) {
            // One broken case must not end the run; a validator that throws accepts nothing.
            return new Outcome("FAILURE", "ERROR: " + e);
        }
        return verdict.valid() ? new Outcome("SUCCESS", verdict.message())
                : new Outcome("FAILURE", verdict.reason() + ": " + verdict.message());
    }

    private static X509Certificate certificate(String pem) throws CertificateException {
        return (X509Certificate) CertificateFactory.getInstance("X.509")
                .generateCertificate(new ByteArrayInputStream(pem.getBytes(StandardCharsets.US_ASCII)));
    }

    private static X509CRL crl(String pem) throws CertificateException, java.security.cert.CRLException {
        return (X509CRL) CertificateFactory.getInstance("X.509")
                .generateCRL(new ByteArrayInputStream(pem.getBytes(StandardCharsets.US_ASCII)));
    }
}
