package dev.mtlskit.gateway.metrics;

import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.TreeMap;

/**
 * Counts by key over the last hour, in one-minute buckets: the status page's "rejections by reason
 * over the last hour". Bounded: 60 buckets, and keys come from closed sets (reason codes).
 */
final class LastHour {

    private static final int MINUTES = 60;

    private final long[] minuteOfBucket = new long[MINUTES];
    @SuppressWarnings("unchecked")
    private final Map<String, Long>[] buckets = new Map[MINUTES];

    synchronized void add(String key, Instant now) {
        long minute = now.getEpochSecond() / 60;
        int slot = (int) (minute % MINUTES);
        if (buckets[slot] == null || minuteOfBucket[slot] != minute) {
            buckets[slot] = new HashMap<>();
            minuteOfBucket[slot] = minute;
        }
        buckets[slot].merge(key, 1L, Long::sum);
    }

    /** The counts of the last 60 minutes (the current one included), by key. */
    synchronized Map<String, Long> totals(Instant now) {
        long minute = now.getEpochSecond() / 60;
        Map<String, Long> totals = new TreeMap<>();
        for (int slot = 0; slot < MINUTES; slot++) {
            if (buckets[slot] != null && minute - minuteOfBucket[slot] < MINUTES) {
                buckets[slot].forEach((key, count) -> totals.merge(key, count, Long::sum));
            }
        }
        return totals;
    }
}
