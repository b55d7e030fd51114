package dev.mtlskit.tls.wire;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The RFC 8448 §3 trace from {@code rfc8448-simple-1rtt.txt}. */
final class Rfc8448 {

    private final Map<String, byte[]> blocks;

    private Rfc8448(Map<String, byte[]> blocks) {
        this.blocks = blocks;
    }

    static Rfc8448 load() {
        try (InputStream in = Rfc8448.class.getResourceAsStream("rfc8448-simple-1rtt.txt")) {
            String text = new String(in.readAllBytes(), StandardCharsets.US_ASCII);
            Map<String, byte[]> blocks = new LinkedHashMap<>();
            String name = null;
            StringBuilder hex = new StringBuilder();
            for (String line : (text + "\n").split("\n", -1)) {
                if (line.startsWith("#")) {
                    continue;
                }
                if (line.isBlank()) {
                    if (name != null) {
                        blocks.put(name, HexFormat.of().parseHex(hex.toString()));
                    }
                    name = null;
                    hex.setLength(0);
                } else if (line.endsWith(":")) {
                    name = line.substring(0, line.length() - 1);
                } else {
                    hex.append(line.replaceAll("\\s", ""));
                }
            }
            return new Rfc8448(blocks);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    byte[] get(String name) {
        byte[] value = blocks.get(name);
        if (value == null) {
            throw new IllegalArgumentException("no block " + name + " in rfc8448-simple-1rtt.txt");
        }
        return value.clone();
    }

    /** The records in wire order. */
    List<Wire.Chunk> records() {
        List<Wire.Chunk> records = new ArrayList<>();
        blocks.forEach((name, bytes) -> {
            if (name.startsWith("OUT ") || name.startsWith("IN ")) {
                records.add(new Wire.Chunk(Direction.valueOf(name.substring(0, name.indexOf(' '))), bytes.clone()));
            }
        });
        return records;
    }

    /** The four traffic secrets as key log lines. */
    List<String> keyLog() {
        String random = HexFormat.of().formatHex(get("client_random"));
        List<String> lines = new ArrayList<>();
        for (String label : List.of("CLIENT_HANDSHAKE_TRAFFIC_SECRET", "SERVER_HANDSHAKE_TRAFFIC_SECRET",
                "CLIENT_TRAFFIC_SECRET_0", "SERVER_TRAFFIC_SECRET_0")) {
            lines.add(label + " " + random + " " + HexFormat.of().formatHex(get(label)));
        }
        return lines;
    }
}
