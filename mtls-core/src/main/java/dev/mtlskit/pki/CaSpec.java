package dev.mtlskit.pki;

import static java.util.Objects.requireNonNull;

import java.time.Duration;

/**
 * What {@link DevCa#init} creates: a root CA named {@code "<name> Root CA"} and, optionally, an
 * intermediate CA below it that then issues the leaves (as public PKIs do).
 *
 * @param name the CA's name, e.g. {@code "mtls-kit dev"}
 * @param keyType the key type of the CA(s)
 * @param validity how long the CA(s) are valid
 * @param intermediate whether leaves are issued by an intermediate CA
 */
public record CaSpec(String name, KeyType keyType, Duration validity, boolean intermediate) {

    public static final String DEFAULT_NAME = "mtls-kit dev";
    public static final Duration DEFAULT_VALIDITY = Duration.ofDays(3650);

    public CaSpec {
        requireNonNull(name, "name");
        requireNonNull(keyType, "keyType");
        requireNonNull(validity, "validity");
        if (name.isBlank()) {
            throw new PkiException("the CA name is empty: give a name such as \"Acme dev\"");
        }
        if (validity.isNegative() || validity.isZero()) {
            throw new PkiException("the CA validity must be at least one day, not " + validity.toDays() + " days");
        }
    }

    public static Builder builder() {
        return new Builder();
    }

    /** The defaults: an ECDSA P-256 root CA "mtls-kit dev Root CA", valid 10 years, no intermediate. */
    public static CaSpec defaults() {
        return builder().build();
    }

    public String rootCommonName() {
        return name + " Root CA";
    }

    public String intermediateCommonName() {
        return name + " Intermediate CA";
    }

    /** Builds a {@link CaSpec}; every setting has a default. */
    public static final class Builder {
        private String name = DEFAULT_NAME;
        private KeyType keyType = KeyType.EC_P256;
        private Duration validity = DEFAULT_VALIDITY;
        private boolean intermediate;

        private Builder() {
        }

        public Builder name(String name) {
            this.name = requireNonNull(name, "name");
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

        public Builder intermediate(boolean intermediate) {
            this.intermediate = intermediate;
            return this;
        }

        public CaSpec build() {
            return new CaSpec(name, keyType, validity, intermediate);
        }
    }
}
