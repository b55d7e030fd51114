package dev.mtlskit.gateway.config;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;

import dev.mtlskit.pki.HeldCertificate;
import dev.mtlskit.pki.Purpose;
import dev.mtlskit.testing.TestPki;

/** The configuration tests' certificates, with fixed dates throughout; their files are written with {@link TestPki}. */
final class Fixtures {

    static final Instant NOT_BEFORE = Instant.parse("2025-01-01T00:00:00Z");
    static final Instant NOT_AFTER = Instant.parse("2035-01-01T00:00:00Z");
    static final HeldCertificate CLIENTS_CA = ca("Clients CA");
    static final HeldCertificate INTERNAL_CA = ca("Internal CA");
    static final HeldCertificate SERVER = HeldCertificate.builder().commonName("gateway.example").purpose(Purpose.SERVER)
            .addDnsName("gateway.example").validity(NOT_BEFORE, NOT_AFTER).signedBy(INTERNAL_CA).build();
    static final HeldCertificate OTHER_SERVER = HeldCertificate.builder().commonName("other.example")
            .purpose(Purpose.SERVER).addDnsName("other.example").validity(NOT_BEFORE, NOT_AFTER).signedBy(INTERNAL_CA)
            .build();
    static final HeldCertificate GATEWAY_CLIENT = HeldCertificate.builder().commonName("gateway")
            .purpose(Purpose.CLIENT).validity(NOT_BEFORE, NOT_AFTER).signedBy(INTERNAL_CA).build();

    private Fixtures() {
    }

    private static HeldCertificate ca(String name) {
        return HeldCertificate.builder().organization("Example").commonName(name).certificateAuthority(0)
                .validity(NOT_BEFORE, NOT_AFTER).build();
    }

    static Path text(Path file, String text) throws IOException {
        Files.writeString(file, text, StandardCharsets.UTF_8);
        return file;
    }

    /** An empty CRL of {@code ca}, valid over the fixed dates. */
    static Path crl(Path file, HeldCertificate ca) throws Exception {
        return TestPki.writeCrls(file, TestPki.crl(ca, NOT_BEFORE, NOT_AFTER));
    }
}
