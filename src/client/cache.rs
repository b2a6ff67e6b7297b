//! An in-process token cache that refreshes ahead of expiry, one refresh at a time.

use std::fmt;
use std::sync::{PoisonError, RwLock};
use std::time::{Duration, Instant};

use gamechannel_core::Secret;

use super::token::{BoxFuture, TokenError, TokenProvider, TokenSource};

/// Longest margin by which a token is refreshed before it expires.
const MAX_MARGIN: Duration = Duration::from_secs(5 * 60);

/// A [`TokenProvider`] that keeps the token of a [`TokenSource`] in memory.
///
/// The token is fetched on first use and again `margin` before it expires (by default 5
/// minutes, or a tenth of its lifetime when that is shorter), so that calls rarely meet an
/// expired token. When such an early refresh fails, the cached token keeps serving until it
/// really expires. Fetches are single-flight: concurrent callers that find the token stale or
/// rejected wait for the one fetch in progress and share its result.
///
/// One cache serves one process; see [`TokenProvider`] for sharing a token across servers.
pub struct CachedTokens<S> {
    source: S,
    margin: Option<Duration>,
    current: RwLock<Option<Cached>>,
    // Held across a fetch: whoever waits on it finds the fetched token afterwards.
    fetching: tokio::sync::Mutex<()>,
}

struct Cached {
    token: Secret,
    // `None`: no known lifetime, kept until the platform rejects it.
    refresh_at: Option<Instant>,
    // When the platform stops accepting it; a failed early refresh falls back on it until then.
    expires_at: Option<Instant>,
}

impl<S: TokenSource> CachedTokens<S> {
    /// An empty cache over `source`; nothing is fetched until a token is needed.
    pub fn new(source: S) -> Self {
        Self {
            source,
            margin: None,
            current: RwLock::new(None),
            fetching: tokio::sync::Mutex::new(()),
        }
    }

    /// Refreshes `margin` before expiry instead of the default; capped at half the lifetime
    /// so that a short-lived token is still used for a while.
    pub fn with_margin(mut self, margin: Duration) -> Self {
        self.margin = Some(margin);
        self
    }

    /// The cached token when it is not due for refresh.
    fn fresh(&self) -> Option<Secret> {
        let current = self.current.read().unwrap_or_else(PoisonError::into_inner);
        current
            .as_ref()
            .filter(|c| c.refresh_at.is_none_or(|at| Instant::now() < at))
            .map(|c| c.token.clone())
    }

    /// Fetches and stores a token; the caller holds `fetching`.
    async fn fetch(&self) -> Result<Secret, TokenError> {
        let (token, lifetime) = self.source.fetch().await?;
        let expires_at = lifetime.and_then(|lifetime| Instant::now().checked_add(lifetime));
        let refresh_at = lifetime.and_then(|lifetime| {
            let margin = self
                .margin
                .unwrap_or(MAX_MARGIN.min(lifetime / 10))
                .min(lifetime / 2);
            Instant::now().checked_add(lifetime - margin)
        });
        let mut current = self.current.write().unwrap_or_else(PoisonError::into_inner);
        *current = Some(Cached {
            token: token.clone(),
            refresh_at,
            expires_at,
        });
        Ok(token)
    }

    async fn current_or_fetch(&self) -> Result<Secret, TokenError> {
        if let Some(token) = self.fresh() {
            return Ok(token);
        }
        let _fetching = self.fetching.lock().await;
        // Whoever held the lock before us may have fetched already.
        if let Some(token) = self.fresh() {
            return Ok(token);
        }
        // An early refresh that fails (daily limit, endpoint down) must not fail calls while
        // the cached token is still accepted.
        match self.fetch().await {
            Ok(token) => Ok(token),
            Err(error) => self.unexpired().ok_or(error),
        }
    }

    /// The cached token while it has not expired, due for refresh or not.
    fn unexpired(&self) -> Option<Secret> {
        let current = self.current.read().unwrap_or_else(PoisonError::into_inner);
        current
            .as_ref()
            .filter(|c| c.expires_at.is_some_and(|at| Instant::now() < at))
            .map(|c| c.token.clone())
    }

    async fn replace(&self, rejected: &Secret) -> Result<Secret, TokenError> {
        let _fetching = self.fetching.lock().await;
        if let Some(token) = self.fresh().filter(|token| token != rejected) {
            return Ok(token);
        }
        self.fetch().await
    }
}

impl<S: TokenSource> TokenProvider for CachedTokens<S> {
    fn token(&self) -> BoxFuture<'_, Result<Secret, TokenError>> {
        Box::pin(self.current_or_fetch())
    }

    fn refresh<'a>(&'a self, rejected: &'a Secret) -> BoxFuture<'a, Result<Secret, TokenError>> {
        Box::pin(self.replace(rejected))
    }
}

impl<S> fmt::Debug for CachedTokens<S> {
    // Never the token; the source may hold an AppSecret and need not be Debug at all.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let current = self.current.read().unwrap_or_else(PoisonError::into_inner);
        let refresh_in = current
            .as_ref()
            .and_then(|c| c.refresh_at)
            .map(|at| at.saturating_duration_since(Instant::now()));
        f.debug_struct("CachedTokens")
            .field("cached", &current.is_some())
            .field("refresh_in", &refresh_in)
            .field("margin", &self.margin)
            .finish_non_exhaustive()
    }
}
