/**
 * Why is this not accepted? The codes a person reads ({@link dev.mtlskit.reason.Code}): a
 * certificate's {@link dev.mtlskit.reason.Reason}s and what only a connection shows
 * ({@link dev.mtlskit.reason.ConnectionCode}), shared by validation, the gateway, the tunnel and the
 * doctor. Every code is documented in {@code docs/reasons.md}. {@link dev.mtlskit.reason.Causes} is the
 * one walk along an exception's causes that every classifier of a failure uses.
 */
package dev.mtlskit.reason;
