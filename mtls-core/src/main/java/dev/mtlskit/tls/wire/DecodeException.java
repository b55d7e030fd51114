package dev.mtlskit.tls.wire;

/** A message that does not have the structure its type requires; the message says where. */
final class DecodeException extends Exception {

    DecodeException(String message) {
        super(message);
    }
}
