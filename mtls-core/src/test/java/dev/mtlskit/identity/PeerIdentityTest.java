package dev.mtlskit.identity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.security.MessageDigest;
import java.time.Instant;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;

import org.junit.jupiter.api.Test;

import dev.mtlskit.pki.HeldCertificate;
import dev.mtlskit.pki.Purpose;

class PeerIdentityTest {

    static final Instant NOT_BEFORE = Instant.parse("2025-01-01T00:00:00Z");
    static final Instant NOT_AFTER = Instant.parse("2035-01-01T00:00:00Z");
    static final HeldCertificate CA = HeldCertificate.builder().organization("Acme").commonName("Acme Issuing CA")
            .certificateAuthority(0).validity(NOT_BEFORE, NOT_AFTER).build();

    @Test
    void readsEveryComponentOfTheLeaf() throws Exception {
        HeldCertificate leaf = HeldCertificate.builder().subject("O=Acme,OU=Ops,OU=Payments,CN=acme")
                .purpose(Purpose.CLIENT).validity(NOT_BEFORE, NOT_AFTER)
                .addDnsName("acme.example").addUri("spiffe://example.org/acme").addEmail("ops@acme.example")
                .addIpAddress("10.0.0.1").addIpAddress("0:0:0:0:0:0:0:1").addIpAddress("2001:db8:0:0:1:0:0:1")
                .signedBy(CA).build();

        PeerIdentity identity = PeerIdentity.of(List.of(leaf.certificate(), CA.certificate()));

        assertThat(identity.chain()).containsExactly(leaf.certificate(), CA.certificate());
        assertThat(identity.leaf()).isEqualTo(leaf.certificate());
        assertThat(identity.subject()).isEqualTo("CN=acme,OU=Payments,OU=Ops,O=Acme");
        assertThat(identity.commonName()).isEqualTo("acme");
        assertThat(identity.organizationalUnits()).containsExactlyInAnyOrder("Payments", "Ops");
        assertThat(identity.organizations()).containsExactly("Acme");
        assertThat(identity.issuer()).isEqualTo("CN=Acme Issuing CA,O=Acme");
        assertThat(identity.dnsNames()).containsExactly("acme.example");
        assertThat(identity.uris()).containsExactly("spiffe://example.org/acme");
        assertThat(identity.emails()).containsExactly("ops@acme.example");
        assertThat(identity.ipAddresses()).containsExactly("10.0.0.1", "::1", "2001:db8::1:0:0:1");
        assertThat(identity.sha256Fingerprint()).isEqualTo(HexFormat.of().formatHex(
                MessageDigest.getInstance("SHA-256").digest(leaf.certificate().getEncoded())));
        assertThat(identity.spkiPin()).isEqualTo(Base64.getEncoder().encodeToString(
                MessageDigest.getInstance("SHA-256").digest(leaf.certificate().getPublicKey().getEncoded())));
    }

    @Test
    void aLeafWithoutCommonNameOrNamesHasEmptyComponents() {
        HeldCertificate leaf = HeldCertificate.builder().subject("O=Acme").purpose(Purpose.CLIENT)
                .validity(NOT_BEFORE, NOT_AFTER).signedBy(CA).build();

        PeerIdentity identity = PeerIdentity.of(List.of(leaf.certificate()));

        assertThat(identity.commonName()).isNull();
        assertThat(identity.organizationalUnits()).isEmpty();
        assertThat(identity.dnsNames()).isEmpty();
        assertThat(identity.uris()).isEmpty();
        assertThat(identity.describe()).isEqualTo("O=Acme");
    }

    @Test
    void describesSubjectAndNamesForLogs() {
        HeldCertificate leaf = HeldCertificate.builder().organization("Acme").commonName("acme").purpose(Purpose.CLIENT)
                .validity(NOT_BEFORE, NOT_AFTER).addUri("spiffe://example.org/acme").signedBy(CA).build();

        assertThat(PeerIdentity.of(List.of(leaf.certificate())).describe())
                .isEqualTo("CN=acme,O=Acme (spiffe://example.org/acme)");
    }

    @Test
    void describeShowsUrisFirstAndCountsWhatItLeavesOut() {
        HeldCertificate leaf = HeldCertificate.builder().commonName("many").purpose(Purpose.CLIENT)
                .validity(NOT_BEFORE, NOT_AFTER).addDnsName("a.example").addDnsName("b.example")
                .addIpAddress("10.0.0.1").addUri("spiffe://example.org/many").addEmail("m@example.org")
                .signedBy(CA).build();

        assertThat(PeerIdentity.of(List.of(leaf.certificate())).describe())
                .isEqualTo("CN=many (spiffe://example.org/many, a.example, b.example and 2 more)");
    }

    @Test
    void describeEscapesControlCharactersSoThatNoCertificateForgesALogLine() {
        HeldCertificate leaf = HeldCertificate.builder().commonName("evil").purpose(Purpose.CLIENT)
                .validity(NOT_BEFORE, NOT_AFTER).addDnsName("x.example\r\nlevel=INFO msg=forged").signedBy(CA).build();

        assertThat(PeerIdentity.of(List.of(leaf.certificate())).describe())
                .isEqualTo("CN=evil (x.example\\x0D\\x0Alevel=INFO msg=forged)");
    }

    @Test
    void anEmptySubjectIsSaidSo() {
        HeldCertificate leaf = HeldCertificate.builder().subject("").purpose(Purpose.CLIENT)
                .validity(NOT_BEFORE, NOT_AFTER).addUri("spiffe://example.org/x").signedBy(CA).build();

        assertThat(PeerIdentity.of(List.of(leaf.certificate())).describe())
                .isEqualTo("(empty subject) (spiffe://example.org/x)");
    }

    @Test
    void refusesAnEmptyChain() {
        assertThatThrownBy(() -> PeerIdentity.of(List.of()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("chain is empty (expected: at least the leaf certificate)");
    }
}
