package dev.mtlskit.validation;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.cert.CertificateFactory;
import java.security.cert.X509CRL;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import org.junit.jupiter.api.Test;

/**
 * The revocation sections of NIST PKITS (4.4 basic revocation, 4.5 self-issued certificates and
 * CRL signing keys, 4.14 distribution points, 4.15 delta CRLs) through the validator: every case
 * gives the result recorded and explained in nist-pkits/results.tsv, whatever the order of its CRLs,
 * and every case where that result differs from PKITS's is listed with its reason in
 * nist-pkits/deviations.tsv (as conformance/x509-limbo does).
 */
class PkitsRevocationTest {

    /** Inside every PKITS certificate's and CRL's validity (2010 to 2030), after the delta CRLs' thisUpdate (2011). */
    private static final Instant AT = Instant.parse("2020-06-01T00:00:00Z");

    @Test
    void everyCaseGivesItsRecordedResultInEitherCrlOrder() {
        Map<String, String> pkits = new LinkedHashMap<>();
        Map<String, String> actual = new LinkedHashMap<>();
        Map<String, String> orderDependent = new TreeMap<>();
        for (String[] fields : table("cases.tsv", 5)) {
            List<X509Certificate> path = new ArrayList<>();
            for (String name : fields[3].split(",")) {
                path.add(certificate(name));
            }
            List<X509CRL> crls = new ArrayList<>();
            for (String name : fields[4].split(",")) {
                crls.add(crl(name));
            }
            String forward = result(path, crls);
            Collections.reverse(crls);
            String reversed = result(path, crls);
            if (!forward.equals(reversed)) {
                orderDependent.put(fields[0], forward + " / reversed: " + reversed);
            }
            pkits.put(fields[0], fields[2]);
            actual.put(fields[0], forward);
        }
        assertThat(orderDependent).as("verdicts that depend on the order of the CRLs").isEmpty();
        assertThat(actual).as("PKITS cases of sections 4.4, 4.5, 4.14 and 4.15").hasSize(74);

        Map<String, String> recorded = new LinkedHashMap<>();
        for (String[] fields : table("results.tsv", 4)) {
            assertThat(fields[1]).as("PKITS result of " + fields[0]).isEqualTo(pkits.get(fields[0]));
            assertThat(fields[3]).as("explanation of " + fields[0]).hasSizeGreaterThan(20);
            recorded.put(fields[0], fields[2]);
        }
        StringBuilder table = new StringBuilder();
        actual.forEach((id, result) -> table.append(id).append('\t').append(pkits.get(id)).append('\t').append(result).append('\n'));
        assertThat(recorded).as("results.tsv (case, PKITS, result) against what the validator gives:\n" + table)
                .containsExactlyEntriesOf(actual);

        Map<String, String> wrong = new TreeMap<>();
        actual.forEach((id, result) -> {
            boolean accepted = result.equals("VALID");
            if (accepted != pkits.get(id).equals("valid")) {
                wrong.put(id, accepted ? "accept" : "reject");
            }
        });
        Map<String, String> deviations = new TreeMap<>();
        for (String[] fields : table("deviations.tsv", 3)) {
            assertThat(fields[2]).as("reason for " + fields[0]).hasSizeGreaterThan(20);
            deviations.put(fields[0], fields[1]);
        }
        assertThat(deviations).as("deviations.tsv (case, accept|reject) against the cases that differ from PKITS")
                .containsExactlyEntriesOf(wrong);
    }

    /** VALID, or the reason code of the rejection. */
    private static String result(List<X509Certificate> path, List<X509CRL> crls) {
        List<X509Certificate> chain = new ArrayList<>(path.subList(1, path.size()));
        Collections.reverse(chain);
        Verdict verdict = new ChainValidator().validate(ValidationRequest.builder().chain(chain)
                .trustAnchors(List.of(path.get(0))).crls(crls).at(AT).build());
        return verdict.valid() ? "VALID" : verdict.reason().name();
    }

    private static List<String[]> table(String name, int columns) {
        List<String[]> rows = new ArrayList<>();
        for (String line : new String(resource(name), StandardCharsets.UTF_8).split("\n")) {
            if (line.isBlank() || line.startsWith("#")) {
                continue;
            }
            String[] fields = line.split("\t");
            assertThat(fields).as(name + ": " + columns + " columns in: " + line).hasSize(columns);
            rows.add(fields);
        }
        return rows;
    }

    private static X509Certificate certificate(String name) {
        try (InputStream in = new java.io.ByteArrayInputStream(resource("certs/" + name + ".crt"))) {
            return (X509Certificate) CertificateFactory.getInstance("X.509").generateCertificate(in);
        } catch (IOException | java.security.cert.CertificateException e) {
            throw new IllegalStateException(name, e);
        }
    }

    private static X509CRL crl(String name) {
        try (InputStream in = new java.io.ByteArrayInputStream(resource("crls/" + name + ".crl"))) {
            return (X509CRL) CertificateFactory.getInstance("X.509").generateCRL(in);
        } catch (IOException | java.security.cert.CertificateException | java.security.cert.CRLException e) {
            throw new IllegalStateException(name, e);
        }
    }

    private static byte[] resource(String name) {
        try (InputStream in = PkitsRevocationTest.class.getResourceAsStream("/nist-pkits/" + name)) {
            assertThat(in).as("test resource nist-pkits/" + name).isNotNull();
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
