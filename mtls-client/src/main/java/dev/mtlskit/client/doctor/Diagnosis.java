package dev.mtlskit.client.doctor;

import static java.util.Objects.requireNonNull;

import java.util.List;

import dev.mtlskit.client.CallResult;

/**
 * Why does this mTLS connection fail, and who must act? The doctor's answer: one cause, from the
 * client's side of a connection (a certificate's {@link dev.mtlskit.validation.Verdict} is one
 * kind of cause).
 *
 * @param ok true only when an mTLS-authenticated request succeeded
 * @param reason the reason code ({@link dev.mtlskit.reason.ConnectionCode} or {@link dev.mtlskit.reason.Reason} name)
 * @param side who has to act
 * @param message one sentence a newcomer understands
 * @param fix what to do
 * @param findings further facts seen on the way (the server's CA list, the certificate sent…)
 * @param attempts the connections made, in order
 */
public record Diagnosis(boolean ok, String reason, Party side, String message, String fix, List<String> findings,
                        List<CallResult> attempts) {

    public Diagnosis {
        requireNonNull(reason, "reason");
        requireNonNull(side, "side");
        requireNonNull(message, "message");
        requireNonNull(fix, "fix");
        findings = List.copyOf(findings);
        attempts = List.copyOf(attempts);
    }
}
