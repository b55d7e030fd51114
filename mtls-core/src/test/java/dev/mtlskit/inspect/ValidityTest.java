package dev.mtlskit.inspect;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;

import org.junit.jupiter.api.Test;

class ValidityTest {

    private static final Instant START = Instant.parse("2026-01-01T00:00:00Z");
    private static final Instant END = Instant.parse("2026-12-31T00:00:00Z");

    @Test
    void countsTheDaysLeft() {
        Validity validity = Validity.at(START, END, Instant.parse("2026-12-01T12:00:00Z"));

        assertThat(validity.status()).isEqualTo(ValidityStatus.VALID);
        assertThat(validity.daysLeft()).isEqualTo(29);
        assertThat(validity.summary()).isEqualTo("29 days left");
    }

    @Test
    void countsHoursOnTheLastDay() {
        assertThat(Validity.at(START, END, Instant.parse("2026-12-30T19:00:00Z")).summary()).isEqualTo("expires in 5 hours");
        assertThat(Validity.at(START, END, Instant.parse("2026-12-29T23:00:00Z")).summary()).isEqualTo("1 day left");
    }

    @Test
    void saysHowLongAgoItExpired() {
        Validity validity = Validity.at(START, END, Instant.parse("2027-01-06T10:00:00Z"));

        assertThat(validity.status()).isEqualTo(ValidityStatus.EXPIRED);
        assertThat(validity.summary()).isEqualTo("EXPIRED 6 days ago");
        assertThat(validity.daysLeft()).isEqualTo(-6);
        assertThat(Validity.at(START, END, Instant.parse("2026-12-31T00:00:30Z")).summary())
                .isEqualTo("EXPIRED less than a minute ago");
    }

    @Test
    void saysHowLongUntilItBecomesValid() {
        Validity validity = Validity.at(START, END, Instant.parse("2025-12-28T20:00:00Z"));

        assertThat(validity.status()).isEqualTo(ValidityStatus.NOT_YET_VALID);
        assertThat(validity.summary()).isEqualTo("not valid for another 3 days");
        assertThat(Validity.at(START, END, Instant.parse("2025-12-31T23:59:00Z")).summary())
                .isEqualTo("not valid for another 1 minute");
    }
}
