package dev.mtlskit.inspect;

import static java.util.Objects.requireNonNull;

import java.time.Duration;
import java.time.Instant;

import dev.mtlskit.validation.Durations;

/**
 * A certificate's validity period, judged at a given instant.
 *
 * @param notBefore start of the period
 * @param notAfter end of the period
 * @param status where the instant lies
 * @param daysLeft whole days until {@code notAfter}; negative once expired
 * @param summary for people: {@code "396 days left"}, {@code "EXPIRED 6 days ago"}, {@code "not valid for another 3 days"}
 */
public record Validity(Instant notBefore, Instant notAfter, ValidityStatus status, long daysLeft, String summary) {

    public Validity {
        requireNonNull(notBefore, "notBefore");
        requireNonNull(notAfter, "notAfter");
        requireNonNull(status, "status");
        requireNonNull(summary, "summary");
    }

    /** Judges the period {@code notBefore..notAfter} at {@code now}. */
    public static Validity at(Instant notBefore, Instant notAfter, Instant now) {
        long daysLeft = Duration.between(now, notAfter).toDays();
        if (now.isBefore(notBefore)) {
            return new Validity(notBefore, notAfter, ValidityStatus.NOT_YET_VALID, daysLeft,
                    "not valid for another " + span(Duration.between(now, notBefore)));
        }
        if (now.isAfter(notAfter)) {
            return new Validity(notBefore, notAfter, ValidityStatus.EXPIRED, daysLeft,
                    "EXPIRED " + span(Duration.between(notAfter, now)) + " ago");
        }
        Duration left = Duration.between(now, notAfter);
        return new Validity(notBefore, notAfter, ValidityStatus.VALID, daysLeft,
                left.toDays() > 0 ? span(left) + " left" : "expires in " + span(left));
    }

    private static String span(Duration duration) {
        return Durations.humanize(duration);
    }

}
