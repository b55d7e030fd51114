package dev.mtlskit.revocation;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.mtlskit.pki.HeldCertificate;
import dev.mtlskit.reason.Reason;
import dev.mtlskit.revocation.RevocationStatus.State;
import dev.mtlskit.testing.HttpFiles;
import dev.mtlskit.testing.OcspResponder;
import dev.mtlskit.testing.TestPki;

/** OCSP and CRL distribution points asked for real: an openssl ocsp responder and CRLs served over HTTP. */
class OnlineRevocationTest {

    private static final HeldCertificate CA = TestPki.root("Revocation Test CA");

    @TempDir
    Path dir;

    private static OnlineRevocation ocsp(RevocationMode mode) {
        return OnlineRevocation.builder().ocsp(mode).timeout(Duration.ofSeconds(2)).build();
    }

    private static OnlineRevocation crlFetch(RevocationMode mode) {
        return OnlineRevocation.builder().crlFetch(mode).timeout(Duration.ofSeconds(2)).build();
    }

    private static List<X509Certificate> path(HeldCertificate client) {
        return List.of(client.certificate(), CA.certificate());
    }

    @Test
    void aGoodAndARevokedClientAsTheResponderSaysAndTheAnswerIsRemembered() throws Exception {
        try (OcspResponder responder = OcspResponder.start(CA, dir); OnlineRevocation checks = ocsp(RevocationMode.HARD)) {
            HeldCertificate good = TestPki.client("good", CA, responder.url(), null);
            HeldCertificate revoked = TestPki.client("revoked", CA, responder.url(), null);
            responder.good(good.certificate());
            responder.revoke(revoked.certificate(), OcspResponder.Reason.KEY_COMPROMISE);

            RevocationStatus goodStatus = checks.check(path(good));
            assertThat(goodStatus.state()).isEqualTo(State.GOOD);
            assertThat(goodStatus.refuses()).isFalse();
            assertThat(goodStatus.message()).isEqualTo("The OCSP responder at " + responder.url()
                    + " says the certificate " + TestPki.subject(good.certificate()) + " is not revoked.");

            RevocationStatus revokedStatus = checks.check(path(revoked));
            assertThat(revokedStatus.state()).isEqualTo(State.REVOKED);
            assertThat(revokedStatus.reason()).isEqualTo(Reason.REVOKED);
            assertThat(revokedStatus.message()).matches("The certificate " + java.util.regex.Pattern.quote(
                    TestPki.subject(revoked.certificate())) + " was revoked on \\S+Z \\(reason: KEY_COMPROMISE\\), says the "
                    + "OCSP responder at " + java.util.regex.Pattern.quote(responder.url()) + "\\.");
            assertThat(revokedStatus.fix()).isEqualTo(Reason.REVOKED.fix());

            int asked = responder.requests();
            assertThat(checks.check(path(good)).state()).isEqualTo(State.GOOD);
            assertThat(checks.remembered(path(revoked)).state()).isEqualTo(State.REVOKED);
            assertThat(responder.requests()).as("answers are remembered").isEqualTo(asked);
        }
    }

    @Test
    void aDelegatedResponderIsBelievedAnUnauthorizedOrBrokenSignatureIsNot() throws Exception {
        HeldCertificate signer = TestPki.ocspSigner(CA);
        try (OcspResponder delegated = OcspResponder.startDelegated(CA, signer, dir.resolve("d"));
             OcspResponder unauthorized = OcspResponder.startUnauthorized(CA, dir.resolve("u"));
             OnlineRevocation checks = ocsp(RevocationMode.HARD)) {
            HeldCertificate viaDelegate = TestPki.client("delegated", CA, delegated.url(), null);
            delegated.revoke(viaDelegate.certificate());
            assertThat(checks.check(path(viaDelegate)).state()).isEqualTo(State.REVOKED);

            HeldCertificate viaImpostor = TestPki.client("impostor", CA, unauthorized.url(), null);
            unauthorized.good(viaImpostor.certificate());
            RevocationStatus status = checks.check(path(viaImpostor));
            assertThat(status.state()).isEqualTo(State.UNKNOWN);
            assertThat(status.reason()).isEqualTo(Reason.REVOCATION_UNKNOWN);
            assertThat(status.message()).isEqualTo("The revocation status of the certificate "
                    + TestPki.subject(viaImpostor.certificate()) + " could not be learned: the OCSP responder at "
                    + unauthorized.url() + " answered with a signature that does not verify with the CA's key.");
        }
        try (OcspResponder broken = OcspResponder.start(CA, dir.resolve("b")); OnlineRevocation checks = ocsp(RevocationMode.HARD)) {
            HeldCertificate client = TestPki.client("broken", CA, broken.url(), null);
            broken.good(client.certificate());
            broken.corruptSignatures(true);
            assertThat(checks.check(path(client)).message()).endsWith(
                    " answered with a signature that does not verify with the CA's key.");
        }
    }

    @Test
    void aResponderCertificateMustBeMeantForOcspAndValidNow() throws Exception {
        HeldCertificate notAResponder = TestPki.client("not-a-responder", CA);
        Instant now = Instant.now();
        HeldCertificate expired = HeldCertificate.builder().commonName("expired responder")
                .keyUsage(org.bouncycastle.asn1.x509.KeyUsage.digitalSignature)
                .extendedKeyUsage(List.of(org.bouncycastle.asn1.x509.KeyPurposeId.id_kp_OCSPSigning))
                .validity(now.minus(Duration.ofDays(30)), now.minus(Duration.ofDays(1))).signedBy(CA).build();
        try (OcspResponder wrongPurpose = OcspResponder.startDelegated(CA, notAResponder, dir.resolve("p"));
             OcspResponder outdated = OcspResponder.startDelegated(CA, expired, dir.resolve("e"));
             OnlineRevocation checks = ocsp(RevocationMode.HARD)) {
            HeldCertificate viaWrongPurpose = TestPki.client("purpose", CA, wrongPurpose.url(), null);
            wrongPurpose.good(viaWrongPurpose.certificate());
            assertThat(checks.check(path(viaWrongPurpose)).message()).endsWith(" answered signed by CN=not-a-responder, "
                    + "a certificate of the CA that is not meant for OCSP signing (no id-kp-OCSPSigning).");
            HeldCertificate viaOutdated = TestPki.client("outdated", CA, outdated.url(), null);
            outdated.good(viaOutdated.certificate());
            assertThat(checks.check(path(viaOutdated)).message()).contains(" answered signed by the responder certificate "
                    + "CN=expired responder, which is not valid now (valid ").endsWith(").");
        }
    }

    @Test
    void aResponderThatIsDownGivesAnUnknownStatusRefusedOnlyInHardMode() throws Exception {
        try (OcspResponder responder = OcspResponder.start(CA, dir)) {
            HeldCertificate client = TestPki.client("down", CA, responder.url(), null);
            responder.stop();
            try (OnlineRevocation hard = ocsp(RevocationMode.HARD); OnlineRevocation soft = ocsp(RevocationMode.SOFT)) {
                RevocationStatus refused = hard.check(path(client));
                assertThat(refused.refuses()).isTrue();
                assertThat(refused.message()).isEqualTo("The revocation status of the certificate "
                        + TestPki.subject(client.certificate()) + " could not be learned: the OCSP responder at "
                        + responder.url() + " refused the connection.");
                assertThat(refused.fix()).startsWith("the gateway must get an answer from the OCSP responder at "
                        + responder.url() + ": check that it is up and reachable");

                RevocationStatus admitted = soft.check(path(client));
                assertThat(admitted.state()).isEqualTo(State.UNKNOWN);
                assertThat(admitted.refuses()).isFalse();
                assertThat(admitted.admittedUnknown()).isTrue();
            }
        }
    }

    @Test
    void anAnswerPastItsNextUpdateOrAboutAnotherCertificateIsNotBelieved() throws Exception {
        HeldCertificate client = TestPki.client("stale", CA, null, null);
        try (HttpFiles files = new HttpFiles()) {
            HeldCertificate asking = TestPki.client("stale", CA, files.url("/ocsp"), null);
            Instant now = Instant.now();
            files.put("/ocsp", TestPki.ocspResponse(CA, CA, asking.certificate(), null, now.minus(Duration.ofDays(2)),
                    now.minus(Duration.ofDays(1))), "application/ocsp-response");
            try (OnlineRevocation checks = ocsp(RevocationMode.HARD)) {
                RevocationStatus stale = checks.check(path(asking));
                assertThat(stale.state()).isEqualTo(State.UNKNOWN);
                assertThat(stale.message()).contains(" answered with a status that expired on ")
                        .endsWith(" (its nextUpdate): the responder serves stale answers.");
            }
            files.put("/ocsp", TestPki.ocspResponse(CA, CA, client.certificate(), null, now, now.plus(Duration.ofDays(1))),
                    "application/ocsp-response");
            try (OnlineRevocation checks = ocsp(RevocationMode.HARD)) {
                assertThat(checks.check(path(asking)).message()).endsWith(" answered about other certificates, not this one.");
            }
            files.put("/ocsp", TestPki.ocspResponse(CA, CA, asking.certificate(), null, now, now.plus(Duration.ofDays(1))),
                    "application/ocsp-response");
            try (OnlineRevocation checks = ocsp(RevocationMode.HARD)) {
                RevocationStatus good = checks.check(path(asking));
                assertThat(good.state()).isEqualTo(State.GOOD);
                assertThat(good.validUntil()).isBefore(now.plus(Duration.ofHours(1)).plusSeconds(5)); // refresh caps nextUpdate
            }
        }
    }

    /** An answer openssl's client obtained with its own nonce, served again to the gateway's request. */
    @Test
    void aReplayedAnswerCarryingAnotherRequestsNonceIsNotBelieved() throws Exception {
        try (OcspResponder responder = OcspResponder.start(CA, dir.resolve("ocsp")); HttpFiles files = new HttpFiles()) {
            HeldCertificate client = TestPki.client("replayed", CA, files.url("/ocsp"), null);
            responder.good(client.certificate());
            Path ca = TestPki.writeCertificates(dir.resolve("ca.pem"), CA.certificate());
            Path certificate = TestPki.writeCertificates(dir.resolve("client.pem"), client.certificate());
            Path captured = dir.resolve("answer.der");
            dev.mtlskit.testing.Programs.run(List.of("openssl", "ocsp", "-issuer", ca.toString(), "-cert",
                    certificate.toString(), "-url", responder.url(), "-CAfile", ca.toString(), "-respout",
                    captured.toString()), Duration.ofSeconds(30)).successfulOutput();
            files.put("/ocsp", java.nio.file.Files.readAllBytes(captured), "application/ocsp-response");

            try (OnlineRevocation checks = ocsp(RevocationMode.HARD)) {
                RevocationStatus replayed = checks.check(path(client));
                assertThat(replayed.refuses()).isTrue();
                assertThat(replayed.message()).isEqualTo("The revocation status of the certificate "
                        + TestPki.subject(client.certificate()) + " could not be learned: the OCSP responder at "
                        + files.url("/ocsp") + " answered with the nonce of another request (a replayed response).");
            }
            try (OnlineRevocation withoutNonce = OnlineRevocation.builder().ocsp(RevocationMode.HARD)
                    .timeout(Duration.ofSeconds(2)).nonce(false).build()) {
                assertThat(withoutNonce.check(path(client)).state()).as("the same answer, when no nonce was asked for")
                        .isEqualTo(State.GOOD);
            }
        }
    }

    @Test
    void concurrentChecksOfOneClientShareOneRequest() throws Exception {
        try (OcspResponder responder = OcspResponder.start(CA, dir); OnlineRevocation checks = ocsp(RevocationMode.HARD)) {
            HeldCertificate client = TestPki.client("busy", CA, responder.url(), null);
            responder.good(client.certificate());
            ExecutorService pool = Executors.newFixedThreadPool(100);
            try {
                CountDownLatch start = new CountDownLatch(1);
                List<Future<RevocationStatus>> answers = new ArrayList<>();
                for (int i = 0; i < 100; i++) {
                    answers.add(pool.submit(() -> {
                        start.await();
                        return checks.check(path(client));
                    }));
                }
                start.countDown();
                for (Future<RevocationStatus> answer : answers) {
                    assertThat(answer.get(10, TimeUnit.SECONDS).state()).isEqualTo(State.GOOD);
                }
            } finally {
                pool.shutdownNow();
            }
            assertThat(responder.requests()).isEqualTo(1);
        }
    }

    @Test
    void rememberedAnswersNeverWaitAndAskInTheBackground() throws Exception {
        try (OcspResponder responder = OcspResponder.start(CA, dir); OnlineRevocation checks = ocsp(RevocationMode.HARD)) {
            HeldCertificate client = TestPki.client("resumed", CA, responder.url(), null);
            responder.good(client.certificate());
            RevocationStatus first = checks.remembered(path(client));
            assertThat(first.state()).isEqualTo(State.UNKNOWN);
            assertThat(first.refuses()).isTrue();
            assertThat(first.message()).isEqualTo("The revocation status of the certificate "
                    + TestPki.subject(client.certificate()) + " could not be learned: no current answer is remembered "
                    + "for it; it is being asked now.");
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
            while (checks.remembered(path(client)).state() != State.GOOD && System.nanoTime() < deadline) {
                Thread.sleep(20);
            }
            assertThat(checks.remembered(path(client)).state()).isEqualTo(State.GOOD);
        }
    }

    @Test
    void aCertificateWithoutResponderOrDistributionPointIsNotChecked() {
        try (OnlineRevocation checks = OnlineRevocation.builder().ocsp(RevocationMode.HARD).crlFetch(RevocationMode.HARD).build()) {
            RevocationStatus status = checks.check(path(TestPki.client("plain", CA)));
            assertThat(status.state()).isEqualTo(State.NOT_CHECKED);
            assertThat(status.refuses()).isFalse();
        }
    }

    @Test
    void crlsAtDistributionPointsAreDownloadedVerifiedAndShared() throws Exception {
        try (HttpFiles files = new HttpFiles(); OnlineRevocation checks = crlFetch(RevocationMode.HARD)) {
            HeldCertificate good = TestPki.client("crl-good", CA, null, files.url("/ca.crl"));
            HeldCertificate revoked = TestPki.client("crl-revoked", CA, null, files.url("/ca.crl"));
            files.put("/ca.crl", TestPki.crlDer(CA, revoked.certificate().getSerialNumber()));

            assertThat(checks.check(path(good)).state()).isEqualTo(State.GOOD);
            RevocationStatus status = checks.check(path(revoked));
            assertThat(status.state()).isEqualTo(State.REVOKED);
            assertThat(status.message()).endsWith(" (the CRL at " + files.url("/ca.crl") + ").");
            assertThat(files.requests("/ca.crl")).as("one download serves both").isEqualTo(1);
        }
    }

    @Test
    void aCrlThatIsDownExpiredOrOfAnotherCaGivesAnUnknownStatus() throws Exception {
        try (HttpFiles files = new HttpFiles()) {
            HeldCertificate client = TestPki.client("crl-unknown", CA, null, files.url("/ca.crl"));
            try (OnlineRevocation checks = crlFetch(RevocationMode.HARD)) {
                RevocationStatus missing = checks.check(path(client));
                assertThat(missing.refuses()).isTrue();
                assertThat(missing.message()).isEqualTo("The revocation status of the certificate "
                        + TestPki.subject(client.certificate()) + " could not be learned: the CRL distribution point "
                        + files.url("/ca.crl") + " answered HTTP 404 instead of a CRL.");
            }
            Instant now = Instant.now();
            files.put("/ca.crl", TestPki.der(TestPki.crl(CA, now.minus(Duration.ofDays(2)), now.minus(Duration.ofDays(1)))));
            try (OnlineRevocation checks = crlFetch(RevocationMode.HARD)) {
                RevocationStatus expired = checks.check(path(client));
                assertThat(expired.state()).isEqualTo(State.UNKNOWN);
                assertThat(expired.message()).startsWith("The revocation status of the certificate "
                        + TestPki.subject(client.certificate()) + " could not be learned from the CRL at "
                        + files.url("/ca.crl") + ": the CRL from ").contains(" expired on ");
            }
            files.put("/ca.crl", TestPki.crlDer(TestPki.OTHER_ROOT));
            try (OnlineRevocation checks = crlFetch(RevocationMode.SOFT)) {
                RevocationStatus other = checks.check(path(client));
                assertThat(other.admittedUnknown()).isTrue();
                assertThat(other.message()).endsWith(" is issued by " + TestPki.OTHER_ROOT.certificate()
                        .getSubjectX500Principal().getName() + ", not by the certificate's CA.");
            }
        }
    }

    @Test
    void aFollowedClientRevokedAtTheResponderIsReportedWithinTheRefreshTime() throws Exception {
        try (OcspResponder responder = OcspResponder.start(CA, dir);
             OnlineRevocation checks = OnlineRevocation.builder().ocsp(RevocationMode.HARD)
                     .refresh(Duration.ofSeconds(1)).build()) {
            HeldCertificate client = TestPki.client("followed", CA, responder.url(), null);
            responder.good(client.certificate());
            List<X509Certificate> told = new CopyOnWriteArrayList<>();
            checks.addListener(told::add);
            assertThat(checks.check(path(client)).state()).isEqualTo(State.GOOD);
            try (OnlineRevocation.Lease lease = checks.follow(path(client))) {
                responder.revoke(client.certificate());
                long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(8);
                while (told.isEmpty() && System.nanoTime() < deadline) {
                    Thread.sleep(50);
                }
                assertThat(told).containsExactly(client.certificate());
                assertThat(checks.remembered(path(client)).state()).isEqualTo(State.REVOKED);
            }
        }
    }
}
