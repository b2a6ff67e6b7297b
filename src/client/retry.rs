//! When a failed attempt is tried again, and how long to wait first.

use std::fmt;
use std::sync::atomic::{AtomicU64, Ordering};
use std::time::{Duration, SystemTime, UNIX_EPOCH};

use crate::error::Error;

/// What the engine needs to know about a platform's generated `ErrorCode`.
pub trait PlatformCode: fmt::Debug + Copy + Send + Sync + 'static {
    /// The numeric code, for logs.
    fn code(self) -> i64;
    /// The typed code of a number the platform answered.
    fn from_code(code: i64) -> Self;
    /// The spec marks the code `retry`: the same request may succeed later.
    fn is_retryable(self) -> bool;
    /// The spec says the platform answers it for an expired or invalid access token.
    fn is_token_error(self) -> bool;
}

/// How often and how patiently a call is tried.
///
/// Waits use exponential backoff with full jitter: before retry `n` (1 for the second
/// attempt) the client sleeps a random time in `0..=min(max_backoff, initial_backoff * 2^(n-1))`,
/// so that many game servers hit by the same outage do not retry in lockstep.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct RetryPolicy {
    /// Attempts per call, the first included; `1` disables retries. A token refresh grants
    /// one extra attempt on top.
    pub max_attempts: u32,
    /// Cap of the wait before the first retry.
    pub initial_backoff: Duration,
    /// Cap of any wait.
    pub max_backoff: Duration,
}

impl Default for RetryPolicy {
    /// 3 attempts, waits capped at 100 ms, then 200 ms, ... up to 2 s.
    fn default() -> Self {
        Self {
            max_attempts: 3,
            initial_backoff: Duration::from_millis(100),
            max_backoff: Duration::from_secs(2),
        }
    }
}

impl RetryPolicy {
    /// One attempt per call, never retried (a token refresh still gets its one retry).
    pub const NEVER: RetryPolicy = RetryPolicy {
        max_attempts: 1,
        initial_backoff: Duration::ZERO,
        max_backoff: Duration::ZERO,
    };

    /// The longest wait before retry `retry` (1 for the second attempt).
    pub fn backoff_cap(&self, retry: u32) -> Duration {
        // 2^31 times any initial backoff saturates to the cap long before it overflows.
        let doublings = retry.saturating_sub(1).min(31);
        self.initial_backoff
            .saturating_mul(1u32 << doublings)
            .min(self.max_backoff)
    }

    /// The wait before retry `retry`, `random` picking uniformly within [`Self::backoff_cap`].
    pub fn backoff(&self, retry: u32, random: u64) -> Duration {
        let cap = self.backoff_cap(retry).as_nanos();
        let cap = u64::try_from(cap).unwrap_or(u64::MAX);
        match cap.checked_add(1) {
            Some(span) => Duration::from_nanos(random % span),
            None => Duration::from_nanos(random),
        }
    }

    /// Whether a failed attempt may be tried again with the same request.
    ///
    /// Only when the endpoint is `retry_safe` (read-only or idempotent: retrying never applies
    /// it twice) and the failure is transient: a code the spec marks `retry`, a transport
    /// failure or timeout, an HTTP 5xx, or an answer that could not be decoded (a garbled
    /// answer leaves the outcome unknown; asking again gives a definite one). Invalid requests
    /// and other codes fail the same way every time.
    pub fn is_retryable<C: PlatformCode>(retry_safe: bool, error: &Error<C>) -> bool {
        retry_safe
            && match error {
                Error::Api { code, .. } => code.is_retryable(),
                Error::Transport(_) | Error::Decode { .. } => true,
                Error::Http { status, .. } => *status >= 500,
                Error::Invalid(_) => false,
            }
    }

    /// Whether the platform rejected the access token: refresh it and try again.
    pub fn is_token_rejection<C: PlatformCode>(error: &Error<C>) -> bool {
        matches!(error, Error::Api { code, .. } if code.is_token_error())
    }
}

/// xorshift64* for jitter: not for secrets, just enough to spread retries apart.
#[derive(Debug)]
pub(crate) struct Jitter(u64);

impl Jitter {
    /// Seeded from the clock and a counter, so that calls started together still differ.
    pub(crate) fn new() -> Self {
        static CALLS: AtomicU64 = AtomicU64::new(0);
        let nanos = SystemTime::now()
            .duration_since(UNIX_EPOCH)
            .map_or(0, |d| d.as_nanos() as u64);
        let call = CALLS.fetch_add(1, Ordering::Relaxed);
        // The odd multiplier spreads consecutive counters; `| 1` keeps xorshift off zero.
        Self((nanos ^ call.wrapping_mul(0x9E37_79B9_7F4A_7C15)) | 1)
    }

    /// The next pseudo-random number.
    pub(crate) fn next(&mut self) -> u64 {
        let mut x = self.0;
        x ^= x >> 12;
        x ^= x << 25;
        x ^= x >> 27;
        self.0 = x;
        x.wrapping_mul(0x2545_F491_4F6C_DD1D)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn jitter_moves() {
        let mut j = Jitter::new();
        let a = j.next();
        assert_ne!(a, j.next());
        let policy = RetryPolicy::default();
        for retry in 1..10 {
            assert!(policy.backoff(retry, j.next()) <= policy.backoff_cap(retry));
        }
    }
}
