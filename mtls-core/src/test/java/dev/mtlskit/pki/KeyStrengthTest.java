package dev.mtlskit.pki;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.security.KeyPairGenerator;
import java.security.PublicKey;
import java.security.spec.ECGenParameterSpec;

import org.bouncycastle.jce.provider.BouncyCastleProvider;
import org.junit.jupiter.api.Test;

class KeyStrengthTest {

    @Test
    void acceptsTheKeysMtlsKitGenerates() {
        for (KeyType type : new KeyType[] {KeyType.EC_P256, KeyType.EC_P384, KeyType.RSA_2048}) {
            assertThat(KeyStrength.weakness(type.generate().getPublic())).as(type.label()).isEmpty();
        }
    }

    @Test
    void acceptsEd25519() throws Exception {
        assertThat(KeyStrength.weakness(KeyPairGenerator.getInstance("Ed25519").generateKeyPair().getPublic())).isEmpty();
    }

    @Test
    void refusesShortRsaKeys() throws Exception {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
        generator.initialize(1024);
        PublicKey key = generator.generateKeyPair().getPublic();

        assertThat(KeyStrength.weakness(key)).contains("RSA 1024 (below 2048 bits)");
        assertThatThrownBy(() -> KeyStrength.require(key, "the CSR"))
                .isInstanceOf(PkiException.class)
                .hasMessage("the CSR has RSA 1024 (below 2048 bits): use an ECDSA P-256 key or RSA 2048 or more");
    }

    @Test
    void refusesOtherCurves() throws Exception {
        // The JDK dropped secp256k1; BouncyCastle still makes such keys.
        KeyPairGenerator generator = KeyPairGenerator.getInstance("EC", new BouncyCastleProvider());
        generator.initialize(new ECGenParameterSpec("secp256k1"));
        assertThat(KeyStrength.weakness(generator.generateKeyPair().getPublic()))
                .hasValueSatisfying(problem -> assertThat(problem).contains("1.3.132.0.10").contains("P-256"));
    }

    @Test
    void refusesDsa() throws Exception {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("DSA");
        generator.initialize(2048);
        assertThat(KeyStrength.weakness(generator.generateKeyPair().getPublic())).hasValueSatisfying(
                problem -> assertThat(problem).contains("DSA"));
    }
}
