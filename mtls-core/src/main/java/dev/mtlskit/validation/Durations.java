package dev.mtlskit.validation;

import java.time.Duration;

/** Durations as people say them: "6 days", "3 hours", "1 second". */
public final class Durations {

    private Durations() {
    }

    public static String humanize(Duration duration) {
        long seconds = Math.abs(duration.getSeconds());
        if (seconds >= 2 * 86400) {
            return plural(seconds / 86400, "day");
        }
        if (seconds >= 2 * 3600) {
            return plural(seconds / 3600, "hour");
        }
        if (seconds >= 2 * 60) {
            return plural(seconds / 60, "minute");
        }
        return plural(seconds, "second");
    }

    private static String plural(long amount, String unit) {
        return amount + " " + unit + (amount == 1 ? "" : "s");
    }
}
