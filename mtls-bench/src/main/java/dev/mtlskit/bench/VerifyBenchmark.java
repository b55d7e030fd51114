package dev.mtlskit.bench;

import java.io.ByteArrayInputStream;
import java.security.KeyPair;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

import dev.mtlskit.pki.HeldCertificate;
import dev.mtlskit.pki.KeyType;
import dev.mtlskit.pki.Purpose;
import dev.mtlskit.validation.ChainValidator;
import dev.mtlskit.validation.PeerRole;
import dev.mtlskit.validation.ValidationRequest;
import dev.mtlskit.validation.Verdict;

/**
 * What the gateway pays per handshake when its verdict cache misses: strict validation of a
 * client chain of three certificates (leaf, intermediate, trusted root).
 *
 * <p>Each operation parses a presented chain from DER, as a TLS engine hands it over, and checks
 * both signatures for real: the JDK caches parsed certificates (750 of them) and each certificate's
 * last successful signature check, so the operations cycle through {@value #CHAINS} distinct
 * chains (distinct serial numbers, the same keys) and never hit those caches.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 5, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class VerifyBenchmark {

    @Param({"EC_P256", "RSA_2048"})
    public String keyType;

    static final int CHAINS = 2048;

    private final ChainValidator validator = new ChainValidator();
    private int next;
    private List<X509Certificate> anchors;
    private byte[][][] presentedDer;
    private CertificateFactory factory;

    @Setup(Level.Trial)
    public void setUp() {
        KeyType type = KeyType.valueOf(keyType);
        HeldCertificate root = HeldCertificate.builder().commonName("Bench Root").keyType(type).certificateAuthority(1).build();
        KeyPair intermediateKeys = type.generate();
        KeyPair clientKeys = type.generate();
        anchors = List.of(root.certificate());
        presentedDer = new byte[CHAINS][][];
        try {
            factory = CertificateFactory.getInstance("X.509");
            for (int n = 0; n < CHAINS; n++) {
                HeldCertificate intermediate = HeldCertificate.builder().commonName("Bench Intermediate")
                        .keyPair(intermediateKeys).certificateAuthority(0).signedBy(root).build();
                HeldCertificate client = HeldCertificate.builder().commonName("bench-client-" + n).keyPair(clientKeys)
                        .purpose(Purpose.CLIENT).addUri("spiffe://bench.example/client").signedBy(intermediate).build();
                List<X509Certificate> chain = client.chainWithoutRoot();
                presentedDer[n] = new byte[][] {chain.get(0).getEncoded(), chain.get(1).getEncoded()};
            }
        } catch (CertificateException e) {
            throw new IllegalStateException(e);
        }
        Verdict verdict = verifyThreeCertificateChain();
        if (!verdict.valid()) {
            throw new IllegalStateException("benchmark chain must be valid: " + verdict.message());
        }
    }

    @Benchmark
    public Verdict verifyThreeCertificateChain() {
        byte[][] chain = presentedDer[next];
        next = (next + 1) % CHAINS;
        List<X509Certificate> presented = new ArrayList<>(chain.length);
        try {
            for (byte[] der : chain) {
                presented.add((X509Certificate) factory.generateCertificate(new ByteArrayInputStream(der)));
            }
        } catch (CertificateException e) {
            throw new IllegalStateException(e);
        }
        return validator.validate(ValidationRequest.builder().chain(presented).trustAnchors(anchors)
                .role(PeerRole.CLIENT).at(Instant.now()).build());
    }
}
