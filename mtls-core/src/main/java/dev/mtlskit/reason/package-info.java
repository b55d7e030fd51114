/**
 * Why is this not accepted? The reason codes shared by validation, the gateway and the doctor.
 * Every code is documented in {@code docs/reasons.md}.
 */
package dev.mtlskit.reason;
