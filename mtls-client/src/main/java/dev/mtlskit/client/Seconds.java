package dev.mtlskit.client;

import java.math.BigDecimal;
import java.time.Duration;

/** A duration the way --connect-timeout takes it: seconds, with decimals only where needed ("0.5 s", "10 s"). */
public final class Seconds {

    private Seconds() {
    }

    public static String of(Duration duration) {
        return BigDecimal.valueOf(duration.toMillis(), 3).stripTrailingZeros().toPlainString() + " s";
    }
}
