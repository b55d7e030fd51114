package dev.mtlskit.tls.wire;

import java.util.Arrays;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Secrets from NSS key log lines ({@code SSLKEYLOGFILE} format: label, client random, secret, all
 * hex), kept by label and client random: the TLS 1.3 traffic secrets and the TLS 1.2 master
 * secret ({@code CLIENT_RANDOM}). A key log file may be shared by many connections, so only
 * the most recent lines are kept.
 */
final class KeyLog {

    static final String CLIENT_HANDSHAKE = "CLIENT_HANDSHAKE_TRAFFIC_SECRET";
    static final String SERVER_HANDSHAKE = "SERVER_HANDSHAKE_TRAFFIC_SECRET";
    static final String CLIENT_TRAFFIC_0 = "CLIENT_TRAFFIC_SECRET_0";
    static final String SERVER_TRAFFIC_0 = "SERVER_TRAFFIC_SECRET_0";
    static final String CLIENT_RANDOM = "CLIENT_RANDOM";

    private static final Set<String> LABELS = Set.of(CLIENT_HANDSHAKE, SERVER_HANDSHAKE, CLIENT_TRAFFIC_0,
            SERVER_TRAFFIC_0, CLIENT_RANDOM);
    private static final int MAX_ENTRIES = 512;
    private static final int MAX_SECRET_HEX = 2 * 64;

    private final Map<String, byte[]> secrets = new LinkedHashMap<>() {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, byte[]> eldest) {
            return size() > MAX_ENTRIES;
        }
    };

    /** Keeps the secret of a line this tracer can use; returns false for anything else. */
    boolean accept(String line) {
        String[] fields = line.trim().split("\\s+");
        if (fields.length != 3 || !LABELS.contains(fields[0]) || fields[1].length() != 64
                || fields[2].length() > MAX_SECRET_HEX || fields[2].length() % 2 != 0) {
            return false;
        }
        try {
            byte[] secret = HexFormat.of().parseHex(fields[2]);
            HexFormat.of().parseHex(fields[1]);
            secrets.put(key(fields[0], fields[1].toLowerCase(Locale.ROOT)), secret);
            return true;
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    /** The secret for a label and a client random (lowercase hex), or null. */
    byte[] secret(String label, String clientRandom) {
        byte[] secret = secrets.get(key(label, clientRandom));
        return secret == null ? null : secret.clone();
    }

    void clear() {
        secrets.values().forEach(secret -> Arrays.fill(secret, (byte) 0));
        secrets.clear();
    }

    private static String key(String label, String clientRandom) {
        return label + ' ' + clientRandom;
    }
}
