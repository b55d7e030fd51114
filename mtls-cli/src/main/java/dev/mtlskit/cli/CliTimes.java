package dev.mtlskit.cli;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;

/** Points in time as users type them on the command line. */
final class CliTimes {

    private CliTimes() {
    }

    /**
     * An ISO-8601 instant ({@code 2026-11-26T12:00:00Z}), date-time with offset, date-time (UTC)
     * or date (midnight UTC).
     */
    static Instant parse(String text, String option) {
        try {
            return OffsetDateTime.parse(text).toInstant();
        } catch (DateTimeParseException notOffset) {
            try {
                return LocalDateTime.parse(text).toInstant(ZoneOffset.UTC);
            } catch (DateTimeParseException notLocal) {
                try {
                    return LocalDate.parse(text).atStartOfDay(ZoneOffset.UTC).toInstant();
                } catch (DateTimeParseException notDate) {
                    throw new UserInputException(option + " " + text
                            + ": not an ISO-8601 time; write e.g. 2026-11-26T12:00:00Z or 2026-11-26");
                }
            }
        }
    }
}
