package dev.mtlskit.tls.wire;

import static java.util.Objects.requireNonNull;

import java.util.Optional;

/**
 * Something the {@link TlsWireTracer} saw on the wire. Events of one direction arrive in wire
 * order. {@code version} is the negotiated version once the ServerHello was read, before that the
 * highest version the client offered (as OpenSSL, and so curl, report it).
 */
public sealed interface TlsEvent {

    Direction direction();

    /**
     * One handshake message.
     *
     * @param type the type ({@link HandshakeType#UNKNOWN} for codes without a name; see {@code code})
     * @param code the type byte
     * @param length the body length; for a message that stayed encrypted, the record's length
     * @param protection whether it was in the clear, decrypted or unreadable
     * @param details what was parsed out of it, or null for other types and unreadable messages
     */
    record HandshakeMessage(Direction direction, TlsVersion version, HandshakeType type, int code, int length,
                            Protection protection, HandshakeDetails details) implements TlsEvent {

        public HandshakeMessage {
            requireNonNull(direction, "direction");
            requireNonNull(version, "version");
            requireNonNull(type, "type");
            requireNonNull(protection, "protection");
        }

        /** The details if they are of the given kind. */
        public <T extends HandshakeDetails> Optional<T> details(Class<T> kind) {
            return kind.isInstance(details) ? Optional.of(kind.cast(details)) : Optional.empty();
        }
    }

    /** A ChangeCipherSpec record (in TLS 1.3 only sent for middlebox compatibility). */
    record ChangeCipherSpec(Direction direction, TlsVersion version) implements TlsEvent {

        public ChangeCipherSpec {
            requireNonNull(direction, "direction");
            requireNonNull(version, "version");
        }
    }

    /**
     * An alert.
     *
     * @param level 1 warning, 2 fatal, -1 when it stayed encrypted
     * @param description what it says ({@link AlertDescription#UNKNOWN} for codes without a name), null
     *     when it stayed encrypted
     * @param code the description byte, -1 when it stayed encrypted
     */
    record Alert(Direction direction, TlsVersion version, Protection protection, int level,
                 AlertDescription description, int code) implements TlsEvent {

        public Alert {
            requireNonNull(direction, "direction");
            requireNonNull(version, "version");
            requireNonNull(protection, "protection");
        }

        /** An alert that was sent encrypted and could not be decrypted. */
        static Alert encrypted(Direction direction, TlsVersion version) {
            return new Alert(direction, version, Protection.ENCRYPTED, -1, null, -1);
        }

        public boolean fatal() {
            return level == 2;
        }

        /** E.g. {@code unknown_ca(48)}, or {@code encrypted alert}. */
        public String label() {
            if (description == null) {
                return "encrypted alert";
            }
            String name = description == AlertDescription.UNKNOWN ? "unknown" : description.rfcName();
            return name + "(" + code + ")";
        }
    }

    /**
     * Application data. Only the first record per direction is reported.
     *
     * @param length the plaintext length when decrypted, the record length otherwise
     */
    record ApplicationData(Direction direction, TlsVersion version, int length, Protection protection)
            implements TlsEvent {

        public ApplicationData {
            requireNonNull(direction, "direction");
            requireNonNull(version, "version");
            requireNonNull(protection, "protection");
        }
    }

    /**
     * Consecutive TLS 1.3 records of one direction the tracer could not decrypt.
     *
     * @param reason why, e.g. that the key log had no secret for them
     */
    record EncryptedRecords(Direction direction, TlsVersion version, int records, long bytes, String reason)
            implements TlsEvent {

        public EncryptedRecords {
            requireNonNull(direction, "direction");
            requireNonNull(version, "version");
            requireNonNull(reason, "reason");
        }
    }

    /**
     * The peer does not speak TLS, e.g. a plain HTTP server answering {@code HTTP/1.1 400 Bad Request}.
     * Nothing more is reported for this direction.
     *
     * @param preview the first line (at most 64 bytes), non-printable bytes shown as {@code .}
     * @param hex the same bytes in hex
     */
    record NotTls(Direction direction, String preview, String hex) implements TlsEvent {

        public NotTls {
            requireNonNull(direction, "direction");
            requireNonNull(preview, "preview");
            requireNonNull(hex, "hex");
        }
    }

    /**
     * Something that is not valid TLS, or that the tracer cannot follow.
     *
     * @param offset where in this direction's byte stream the record holding the problem starts
     * @param what the problem
     */
    record Malformed(Direction direction, long offset, String what) implements TlsEvent {

        public Malformed {
            requireNonNull(direction, "direction");
            requireNonNull(what, "what");
        }
    }
}
