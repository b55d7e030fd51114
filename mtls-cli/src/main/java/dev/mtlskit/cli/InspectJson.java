package dev.mtlskit.cli;

import java.io.PrintWriter;
import java.time.Instant;
import java.util.List;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.ser.std.ToStringSerializer;

import dev.mtlskit.inspect.BundleReport;
import dev.mtlskit.inspect.CsrReport;
import dev.mtlskit.inspect.FileReport;
import dev.mtlskit.inspect.KeyReport;

/**
 * The JSON form of {@code mtls inspect}: {@code {"inspectedAt": ..., "files": [...]}}, one object
 * per file with {@code "file"} and {@code "kind"} first, then the report's fields under their record
 * component names (documented in docs/inspect.md). Instants are ISO-8601 strings.
 */
final class InspectJson {

    private static final ObjectMapper MAPPER = new ObjectMapper()
            .registerModule(new SimpleModule("instants").addSerializer(Instant.class, ToStringSerializer.instance))
            .enable(SerializationFeature.INDENT_OUTPUT);

    private InspectJson() {
    }

    static void write(PrintWriter out, Instant inspectedAt, List<FileReport> reports) {
        ObjectNode root = MAPPER.createObjectNode();
        root.put("inspectedAt", inspectedAt.toString());
        ArrayNode files = root.putArray("files");
        for (FileReport report : reports) {
            files.add(file(report));
        }
        try {
            out.println(MAPPER.writeValueAsString(root));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write JSON: " + e.getMessage(), e);
        }
    }

    private static ObjectNode file(FileReport report) {
        ObjectNode node = MAPPER.createObjectNode();
        node.put("file", report.source());
        if (report instanceof BundleReport bundle) {
            node.put("kind", "certificates");
            node.put("reordered", bundle.reordered());
            node.put("chain", bundle.isChain());
            node.set("certificates", MAPPER.valueToTree(bundle.certificates()));
            ArrayNode links = node.putArray("links");
            bundle.links().forEach(link -> links.addObject()
                    .put("position", link.position())
                    .put("nameMatches", link.nameMatches())
                    .put("signatureVerifies", link.signatureVerifies())
                    .put("signedByNext", link.signedByNext()));
        } else if (report instanceof KeyReport key) {
            node.put("kind", "privateKey");
            node.set("key", MAPPER.valueToTree(key.key()));
            node.put("certificatesCompared", key.certificatesCompared());
            node.set("matches", MAPPER.valueToTree(key.matches()));
        } else if (report instanceof CsrReport csr) {
            node.put("kind", "csr");
            ObjectNode fields = MAPPER.valueToTree(csr);
            fields.remove("source");
            node.setAll(fields);
        }
        return node;
    }
}
