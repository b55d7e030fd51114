package dev.mtlskit.tls.netty;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

import dev.mtlskit.pki.HeldCertificate;
import dev.mtlskit.pki.KeyType;

class SignatureSchemesTest {

    @Test
    void theTestsRunWithTheListTheGatewaySets() {
        // this module's pom (and the gateway's) sets it for the tests (the JDK reads it once): it must stay the gateway's list.
        assertThat(System.getProperty(SignatureSchemes.JDK_SERVER_PROPERTY)).isEqualTo(SignatureSchemes.jdkList());
        assertThat(SignatureSchemes.jdkList()).doesNotContain("sha1").doesNotContain("sha224")
                .doesNotContainPattern("\\bdsa_");
    }

    @Test
    void eachKeyTypeSignsWithItsOwnSchemesOnly() {
        assertThat(SignatureSchemes.usableWith(HeldCertificate.builder().commonName("ec").build().keyPair().getPrivate()))
                .containsExactlyInAnyOrder(0x0403, 0x0503, 0x0603);
        assertThat(SignatureSchemes.usableWith(HeldCertificate.builder().commonName("rsa").keyType(KeyType.RSA_2048)
                .build().keyPair().getPrivate()))
                .containsExactlyInAnyOrder(0x0401, 0x0501, 0x0601, 0x0804, 0x0805, 0x0806);
    }
}
