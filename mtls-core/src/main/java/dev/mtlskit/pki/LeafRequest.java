package dev.mtlskit.pki;

import static java.util.Objects.requireNonNull;

import java.time.Duration;
import java.util.Optional;

/**
 * What {@link DevCa#issue} certifies: a new key pair for a server, a client or both.
 *
 * @param purpose decides the extended key usage (serverAuth, clientAuth or both)
 * @param commonName the subject CN
 * @param names the subject alternative names
 * @param keyType the key type of the new key pair
 * @param validity how long the certificate is valid; empty for 397 days (clipped to the CA's own validity)
 */
public record LeafRequest(Purpose purpose, String commonName, SubjectAltNames names, KeyType keyType,
                          Optional<Duration> validity) {

    /** The longest validity public CAs may issue for a TLS certificate, and the default here. */
    public static final Duration DEFAULT_VALIDITY = Duration.ofDays(397);

    public LeafRequest {
        requireNonNull(purpose, "purpose");
        requireNonNull(commonName, "commonName");
        requireNonNull(names, "names");
        requireNonNull(keyType, "keyType");
        requireNonNull(validity, "validity");
        if (commonName.isBlank()) {
            throw new PkiException("the certificate name is empty: give a name such as 'api.example.com' or 'acme'");
        }
        if (purpose.serverAuth() && !names.hasHostNames()) {
            throw new PkiException("a " + purpose.name().toLowerCase(java.util.Locale.ROOT) + " certificate for '"
                    + commonName + "' needs a DNS name or IP address, since TLS clients check only those: add --dns or --ip");
        }
        validity.ifPresent(days -> {
            if (days.isNegative() || days.isZero()) {
                throw new PkiException("the validity must be at least one day, not " + days.toDays() + " days");
            }
        });
    }

    /**
     * A request as {@code mtls pki issue} makes it: for a server (or dual) certificate, {@code name}
     * is also a DNS name (or IP address, for an IP literal); for a client it is only the CN.
     */
    public static Builder forName(Purpose purpose, String name) {
        return new Builder(purpose, name);
    }

    /** Builds a {@link LeafRequest}. */
    public static final class Builder {
        private final Purpose purpose;
        private final String name;
        private SubjectAltNames names = SubjectAltNames.none();
        private KeyType keyType = KeyType.EC_P256;
        private Duration validity;

        private Builder(Purpose purpose, String name) {
            this.purpose = requireNonNull(purpose, "purpose");
            this.name = requireNonNull(name, "name");
        }

        public Builder names(SubjectAltNames names) {
            this.names = requireNonNull(names, "names");
            return this;
        }

        public Builder keyType(KeyType keyType) {
            this.keyType = requireNonNull(keyType, "keyType");
            return this;
        }

        public Builder validity(Duration validity) {
            this.validity = requireNonNull(validity, "validity");
            return this;
        }

        public LeafRequest build() {
            if (name.isBlank()) {
                throw new PkiException("the certificate name is empty: give a name such as 'api.example.com' or 'acme'");
            }
            SubjectAltNames allNames = names;
            if (purpose == Purpose.SERVER) {
                try {
                    allNames = names.withHost(name);
                } catch (PkiException e) {
                    throw new PkiException("a server certificate's name is also its DNS name or IP address: "
                            + e.getMessage(), e);
                }
            } else if (purpose == Purpose.DUAL && SubjectAltNames.isHost(name)) {
                allNames = names.withHost(name);
            }
            return new LeafRequest(purpose, name, allNames, keyType, Optional.ofNullable(validity));
        }
    }
}
