package dev.mtlskit.bench;

import java.security.cert.X509Certificate;
import java.util.concurrent.TimeUnit;

import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

import dev.mtlskit.gateway.metrics.GatewayMetrics;
import dev.mtlskit.gateway.metrics.ListenerMetrics;
import dev.mtlskit.pki.HeldCertificate;
import dev.mtlskit.pki.Purpose;

/**
 * What counting the metrics costs the gateway per request and per handshake: the calls the event
 * loops make (a request's counter and duration histogram, a handshake's counter, duration and the
 * client seen), with metrics on (an admin listener) and off (none). Compared with the CPU per
 * keep-alive request and per full handshake that bench/run measures, this is the overhead: the
 * end-to-end bench cannot resolve a few per cent on this machine (its spread is wider).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class MetricsBenchmark {

    @Param({"on", "off"})
    String metrics;

    private ListenerMetrics listener;
    private X509Certificate client;

    @Setup
    public void setUp() {
        GatewayMetrics gateway = new GatewayMetrics(100);
        gateway.enabled("on".equals(metrics));
        listener = gateway.listener("public");
        client = HeldCertificate.builder().commonName("partner").purpose(Purpose.CLIENT).build().certificate();
    }

    /** Per request: the counter by route and status, and the duration histogram. */
    @Benchmark
    public void request() {
        listener.request("/orders/", 200, 18_000);
    }

    /** Per full handshake: the counter by result and reason, the duration histogram, the client seen. */
    @Benchmark
    public void handshake() {
        listener.accepted(ListenerMetrics.VERIFIED, false, 300_000, client);
    }
}
