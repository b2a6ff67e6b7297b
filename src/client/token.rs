//! Where access tokens come from: the traits a client asks, and the error when none comes.

use std::fmt;
use std::future::Future;
use std::pin::Pin;
use std::time::Duration;

use gamechannel_core::Secret;

/// A boxed, sendable future: keeps [`TokenProvider`], [`TokenSource`] and
/// [`Transport`](super::Transport) object-safe without an `async-trait` dependency.
pub type BoxFuture<'a, T> = Pin<Box<dyn Future<Output = T> + Send + 'a>>;

/// Hands a client the current access token, and a new one when the platform rejects it.
///
/// [`CachedTokens`](super::CachedTokens) keeps one token per process. A studio running many
/// game servers against one AppID needs one refresh to serve all of them (WeChat's
/// `getAccessToken` invalidates the previous token when it issues a new one):
/// `gamechannel::redis::RedisTokens` (feature `redis`) shares the token through Redis, and
/// the trait can be implemented over any other shared store or token service.
pub trait TokenProvider: Send + Sync {
    /// A token believed valid, fetching one when none is.
    fn token(&self) -> BoxFuture<'_, Result<Secret, TokenError>>;

    /// A token other than `rejected`, which the platform just refused.
    ///
    /// When another task already replaced `rejected`, implementations should return that
    /// replacement instead of fetching again: twenty calls failing together must cause one
    /// refresh, not twenty.
    fn refresh<'a>(&'a self, rejected: &'a Secret) -> BoxFuture<'a, Result<Secret, TokenError>>;
}

/// Fetches a fresh token from the platform (generated per issuing endpoint, e.g.
/// `wechat_midas::AccessTokenSource`), for [`CachedTokens`](super::CachedTokens) to cache.
pub trait TokenSource: Send + Sync {
    /// A new token and how long it stays valid (`None`: until rejected).
    fn fetch(&self) -> BoxFuture<'_, Result<(Secret, Option<Duration>), TokenError>>;
}

// Lets a caller keep a handle on a source that a cache owns (to count fetches, say).
impl<T: TokenSource + ?Sized> TokenSource for std::sync::Arc<T> {
    fn fetch(&self) -> BoxFuture<'_, Result<(Secret, Option<Duration>), TokenError>> {
        (**self).fetch()
    }
}

/// No token could be had. The call it was for fails with the platform's own error code when
/// the issuing endpoint answered one (a wrong AppSecret is `ErrorCode::InvalidAppsecret`, not a
/// network error), and with [`Error::Transport`](crate::Error::Transport) otherwise.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TokenError {
    message: String,
    code: Option<i64>,
}

impl TokenError {
    /// An error described by `reason`, which must not contain the token or a key.
    pub fn new(reason: impl fmt::Display) -> Self {
        Self {
            message: reason.to_string(),
            code: None,
        }
    }

    /// The issuing endpoint refused with the platform's error `code` and `message`.
    pub fn platform(code: i64, message: impl fmt::Display) -> Self {
        Self {
            message: message.to_string(),
            code: Some(code),
        }
    }

    /// The platform's error code, when the issuing endpoint answered one.
    pub fn code(&self) -> Option<i64> {
        self.code
    }

    /// What went wrong.
    pub fn message(&self) -> &str {
        &self.message
    }
}

impl fmt::Display for TokenError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "no access token: {}", self.message)
    }
}

impl std::error::Error for TokenError {}
