package dev.mtlskit.gateway.metrics;

import java.time.Instant;

/**
 * One reload, for the status API: what was reloaded and how it went.
 *
 * @param what e.g. {@code listener public}, {@code upstream orders}, {@code configuration gateway.yaml}
 * @param detail what changed, or why it failed (with the reload failure code)
 */
public record ReloadEvent(Instant time, String what, boolean succeeded, String detail) {
}
