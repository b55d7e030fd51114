package dev.mtlskit.validation;

import java.time.Duration;

/**
 * Durations as people say them, in the largest whole unit: "6 days", "1 day", "3 hours",
 * "1 minute", "less than a minute". One wording for verify, inspect and the gateway's logs.
 */
public final class Durations {

    private Durations() {
    }

    public static String humanize(Duration duration) {
        long seconds = Math.abs(duration.getSeconds());
        if (seconds >= 86400) {
            return plural(seconds / 86400, "day");
        }
        if (seconds >= 3600) {
            return plural(seconds / 3600, "hour");
        }
        if (seconds >= 60) {
            return plural(seconds / 60, "minute");
        }
        return "less than a minute";
    }

    private static String plural(long amount, String unit) {
        return amount + " " + unit + (amount == 1 ? "" : "s");
    }
}
