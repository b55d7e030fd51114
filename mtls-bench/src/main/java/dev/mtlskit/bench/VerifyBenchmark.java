package dev.mtlskit.bench;

import java.security.cert.X509Certificate;
import java.time.Instant;
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

    private final ChainValidator validator = new ChainValidator();
    private ValidationRequest request;

    @Setup(Level.Trial)
    public void setUp() {
        KeyType type = KeyType.valueOf(keyType);
        HeldCertificate root = HeldCertificate.builder().commonName("Bench Root").keyType(type).certificateAuthority(1).build();
        HeldCertificate intermediate = HeldCertificate.builder().commonName("Bench Intermediate").keyType(type)
                .certificateAuthority(0).signedBy(root).build();
        HeldCertificate client = HeldCertificate.builder().commonName("bench-client").keyType(type)
                .purpose(Purpose.CLIENT).addUri("spiffe://bench.example/client").signedBy(intermediate).build();
        List<X509Certificate> chain = client.chainWithoutRoot();
        request = ValidationRequest.builder().chain(chain).trustAnchors(List.of(root.certificate()))
                .role(PeerRole.CLIENT).at(Instant.now()).build();
        if (!validator.validate(request).valid()) {
            throw new IllegalStateException("benchmark chain must be valid: " + validator.validate(request).message());
        }
    }

    @Benchmark
    public Verdict verifyThreeCertificateChain() {
        return validator.validate(request);
    }
}
