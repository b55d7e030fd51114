package dev.mtlskit.policy;

import static java.util.Objects.requireNonNull;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.StringJoiner;

import dev.mtlskit.identity.PeerIdentity;

/**
 * One way in: every condition that is set must hold; unset conditions are {@code null}. A rule
 * with no condition is refused, so that a typo cannot turn into "allow everyone".
 *
 * <pre>{@code
 * AllowRule partner = AllowRule.builder().dnsName("partner.example").issuer("CN=R10,O=Let's Encrypt,C=US").build();
 * }</pre>
 *
 * <p>Values are checked and normalized when the rule is built (see {@link Condition}): DNS names
 * and e-mail domains lower case, fingerprints as lower-case hex, SPKI pins as plain base64, IP
 * ranges in canonical text.
 *
 * @param commonName the subject CN, exactly
 * @param organizationalUnit one of the subject's OUs, exactly
 * @param organization one of the subject's Os, exactly
 * @param dnsName a subjectAltName DNS name (case-insensitive); {@code *.example.org} matches one label
 * @param uri a subjectAltName URI, exactly; {@code spiffe://example.org/*} matches every path below
 * @param email a subjectAltName e-mail address (the domain case-insensitive)
 * @param ipAddress a subjectAltName IP address, or a CIDR range ({@code 10.0.0.0/8}, {@code fd00::/8})
 * @param issuer the leaf's issuer DN, compared as names (attribute order, case and spacing aside)
 * @param sha256Fingerprint SHA-256 of the client certificate, hex
 * @param spkiPin base64 SHA-256 of the client certificate's public key (survives renewals with the same key)
 */
public record AllowRule(String commonName, String organizationalUnit, String organization, String dnsName,
                        String uri, String email, String ipAddress, String issuer, String sha256Fingerprint,
                        String spkiPin) {

    public AllowRule {
        commonName = normalize(Condition.CN, commonName);
        organizationalUnit = normalize(Condition.OU, organizationalUnit);
        organization = normalize(Condition.O, organization);
        dnsName = normalize(Condition.DNS, dnsName);
        uri = normalize(Condition.URI, uri);
        email = normalize(Condition.EMAIL, email);
        ipAddress = normalize(Condition.IP, ipAddress);
        issuer = normalize(Condition.ISSUER, issuer);
        sha256Fingerprint = normalize(Condition.SHA256, sha256Fingerprint);
        spkiPin = normalize(Condition.SPKI, spkiPin);
        if (commonName == null && organizationalUnit == null && organization == null && dnsName == null
                && uri == null && email == null && ipAddress == null && issuer == null && sha256Fingerprint == null
                && spkiPin == null) {
            throw new IllegalArgumentException(NO_CONDITION);
        }
    }

    /** The message for a rule without conditions, naming what could be set. */
    public static final String NO_CONDITION = "an allow rule needs at least one condition (one of "
            + Condition.keys() + "): a rule without conditions would let every client in; to allow any "
            + "verified client, give the route no allow rules";

    public static Builder builder() {
        return new Builder();
    }

    /** The value of one condition, or {@code null} when it is not set. */
    public String value(Condition condition) {
        return switch (requireNonNull(condition, "condition")) {
            case CN -> commonName;
            case OU -> organizationalUnit;
            case O -> organization;
            case DNS -> dnsName;
            case URI -> uri;
            case EMAIL -> email;
            case IP -> ipAddress;
            case ISSUER -> issuer;
            case SHA256 -> sha256Fingerprint;
            case SPKI -> spkiPin;
        };
    }

    /** The conditions that are set, in {@link Condition} order. */
    public Map<Condition, String> conditions() {
        Map<Condition, String> set = new EnumMap<>(Condition.class);
        for (Condition condition : Condition.values()) {
            String value = value(condition);
            if (value != null) {
                set.put(condition, value);
            }
        }
        return set;
    }

    /** Whether every condition that is set holds for {@code identity}. */
    public boolean matches(PeerIdentity identity) {
        requireNonNull(identity, "identity");
        // Cheap exact comparisons first; issuer and IP ranges parse text.
        for (Condition condition : Condition.values()) {
            String value = value(condition);
            if (value != null && !condition.holds(value, identity)) {
                return false;
            }
        }
        return true;
    }

    /**
     * Whether the rule admits one partner only even when a public CA is trusted, which certifies
     * anyone who controls a domain: it pins the certificate or its key ({@code sha256},
     * {@code spki}), or it requires a subjectAltName the CA verified ({@code dns}, {@code uri} or
     * {@code email}) in a certificate from one named CA ({@code issuer}). Subject CN, O and OU are
     * not enough: they are not what a public CA vouches for.
     */
    public boolean singlesOutPartner() {
        return pinsCertificate() || (namesSubjectAltName() && issuer != null);
    }

    /** Whether it requires one certificate ({@code sha256}) or one key ({@code spki}). */
    public boolean pinsCertificate() {
        return sha256Fingerprint != null || spkiPin != null;
    }

    /** Whether it requires a subjectAltName identity a public CA verifies: {@code dns}, {@code uri} or {@code email}. */
    public boolean namesSubjectAltName() {
        return dnsName != null || uri != null || email != null;
    }

    /** For messages and the policy listing: {@code uri=spiffe://example.org/* and issuer=CN=Partner CA}. */
    public String describe() {
        StringJoiner text = new StringJoiner(" and ");
        conditions().forEach((condition, value) -> text.add(condition.key() + "=" + value));
        return text.toString();
    }

    @Override
    public String toString() {
        return "AllowRule[" + describe() + "]";
    }

    private static String normalize(Condition condition, String value) {
        if (value == null) {
            return null;
        }
        try {
            return condition.normalize(value);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(condition.key() + ": " + e.getMessage(), e);
        }
    }

    /** The kinds of conditions, named by their configuration keys. */
    public enum Condition {
        CN("cn"),
        OU("ou"),
        O("o"),
        DNS("dns"),
        URI("uri"),
        EMAIL("email"),
        IP("ip"),
        ISSUER("issuer"),
        SHA256("sha256"),
        SPKI("spki");

        private final String key;

        Condition(String key) {
            this.key = key;
        }

        /** The configuration key, e.g. {@code dns}. */
        public String key() {
            return key;
        }

        /** The condition with this configuration key, or {@code null}. */
        public static Condition forKey(String key) {
            for (Condition condition : values()) {
                if (condition.key.equals(key)) {
                    return condition;
                }
            }
            return null;
        }

        /** All keys, for messages: {@code cn, ou, o, dns, uri, email, ip, issuer, sha256, spki}. */
        public static String keys() {
            List<String> keys = new ArrayList<>();
            for (Condition condition : values()) {
                keys.add(condition.key);
            }
            return String.join(", ", keys);
        }

        /**
         * Checks a value and returns its normal form.
         *
         * @throws IllegalArgumentException with a message that quotes the value and says what is expected
         */
        public String normalize(String value) {
            requireNonNull(value, "value");
            if (value.isBlank()) {
                throw new IllegalArgumentException("is empty (expected: " + expected() + ")");
            }
            return switch (this) {
                case CN, OU, O -> value;
                case DNS -> RuleValues.dnsPattern(value);
                case URI -> RuleValues.uriPattern(value);
                case EMAIL -> RuleValues.email(value);
                case IP -> RuleValues.ipRange(value).toString();
                case ISSUER -> RuleValues.distinguishedName(value);
                case SHA256 -> RuleValues.sha256(value);
                case SPKI -> RuleValues.spkiPin(value);
            };
        }

        private String expected() {
            return switch (this) {
                case CN -> "a common name, e.g. acme";
                case OU -> "an organizational unit, e.g. Payments";
                case O -> "an organization, e.g. Acme Corp";
                case DNS -> "a DNS name, e.g. partner.example or *.partner.example";
                case URI -> "a URI, e.g. spiffe://example.org/ns/prod/sa/api or spiffe://example.org/*";
                case EMAIL -> "an e-mail address, e.g. ops@example.org";
                case IP -> "an IP address or CIDR range, e.g. 10.0.0.0/8";
                case ISSUER -> "a distinguished name, e.g. CN=Partner CA,O=Partner";
                case SHA256 -> "a SHA-256 fingerprint, 64 hex digits";
                case SPKI -> "a base64 SHA-256 SPKI pin";
            };
        }

        private boolean holds(String value, PeerIdentity identity) {
            return switch (this) {
                case CN -> value.equals(identity.commonName());
                case OU -> identity.organizationalUnits().contains(value);
                case O -> identity.organizations().contains(value);
                case DNS -> identity.dnsNames().stream().anyMatch(name -> RuleValues.dnsMatches(value, name));
                case URI -> identity.uris().stream().anyMatch(uri -> RuleValues.uriMatches(value, uri));
                case EMAIL -> identity.emails().stream().anyMatch(email -> RuleValues.emailMatches(value, email));
                case IP -> {
                    IpRange range = RuleValues.ipRange(value);
                    yield identity.ipAddresses().stream().anyMatch(range::contains);
                }
                case ISSUER -> RuleValues.sameIssuer(value, identity);
                case SHA256 -> value.equals(identity.sha256Fingerprint());
                case SPKI -> value.equals(identity.spkiPin());
            };
        }
    }

    /** Builds a rule; unset conditions stay {@code null}. */
    public static final class Builder {
        private final Map<Condition, String> values = new EnumMap<>(Condition.class);

        private Builder() {
        }

        public Builder set(Condition condition, String value) {
            values.put(requireNonNull(condition, "condition"), requireNonNull(value, condition.key()));
            return this;
        }

        public Builder commonName(String commonName) {
            return set(Condition.CN, commonName);
        }

        public Builder organizationalUnit(String organizationalUnit) {
            return set(Condition.OU, organizationalUnit);
        }

        public Builder organization(String organization) {
            return set(Condition.O, organization);
        }

        public Builder dnsName(String dnsName) {
            return set(Condition.DNS, dnsName);
        }

        public Builder uri(String uri) {
            return set(Condition.URI, uri);
        }

        public Builder email(String email) {
            return set(Condition.EMAIL, email);
        }

        public Builder ipAddress(String ipAddress) {
            return set(Condition.IP, ipAddress);
        }

        public Builder issuer(String issuer) {
            return set(Condition.ISSUER, issuer);
        }

        public Builder sha256Fingerprint(String sha256Fingerprint) {
            return set(Condition.SHA256, sha256Fingerprint);
        }

        public Builder spkiPin(String spkiPin) {
            return set(Condition.SPKI, spkiPin);
        }

        /** @throws IllegalArgumentException for an invalid value or no condition at all */
        public AllowRule build() {
            return new AllowRule(values.get(Condition.CN), values.get(Condition.OU), values.get(Condition.O),
                    values.get(Condition.DNS), values.get(Condition.URI), values.get(Condition.EMAIL),
                    values.get(Condition.IP), values.get(Condition.ISSUER), values.get(Condition.SHA256),
                    values.get(Condition.SPKI));
        }
    }
}
