package dev.mtlskit.inspect;

import static java.util.Objects.requireNonNull;

/**
 * One subject alternative name.
 *
 * @param type what kind of name
 * @param value the name as text; IPv6 addresses in their short form ({@code ::1})
 */
public record SubjectAltName(Type type, String value) {

    public SubjectAltName {
        requireNonNull(type, "type");
        requireNonNull(value, "value");
    }

    /** The kinds of names; {@code OTHER} covers otherName, directoryName and the rare rest. */
    public enum Type {
        DNS, IP, URI, EMAIL, OTHER
    }

    /** For people: {@code DNS:localhost}, {@code email:alice@example.com}. */
    @Override
    public String toString() {
        return (type == Type.EMAIL ? "email" : type.name()) + ":" + value;
    }
}
