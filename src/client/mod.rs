//! Async calls to a platform: the engine under every generated `Client` (feature `client`).
//!
//! Each platform module with `call` endpoints gets a `Config`, a `Client` with one method
//! per endpoint (returning a [`Call`] to await), and — where a credential is issued by an endpoint (WeChat `access_token`) — a
//! `<Credential>Source` that fetches it. This module holds what they share:
//!
//! - [`Transport`]: how one HTTP exchange happens; [`ReqwestTransport`] (feature `reqwest`) is
//!   the default, tests and studios can bring their own;
//! - [`RetryPolicy`]: attempts and backoff. A call is retried only when its endpoint is
//!   retry-safe (read-only, or carries an idempotency key such as Midas `bill_no`, which stays
//!   the same in every attempt) and the failure is transient: a code the spec marks `retry`, a
//!   transport error or timeout, or an HTTP 5xx. Every attempt is signed afresh;
//! - [`TokenProvider`], [`TokenSource`] and [`CachedTokens`]: where access tokens come from. A
//!   token the platform rejects (codes with `when: token_expired`/`token_invalid`) is
//!   refreshed once per call and the call retried with every signature recomputed, even for
//!   endpoints that are not retry-safe, since the platform refused it before applying it.
//!
//! Every call runs in a `tracing` span `gamechannel.call` (`platform`, `endpoint`, `attempts`,
//! `outcome`) with one `gamechannel.attempt` span per attempt; URLs, bodies and tokens are
//! never recorded. Sleeping between attempts needs a Tokio runtime with timers enabled (the
//! default of `#[tokio::main]`).
//!
//! Without the `client` feature this module is empty and generated clients are left out.

#[cfg(feature = "client")]
mod builder;
#[cfg(feature = "client")]
mod cache;
#[cfg(feature = "client")]
mod call;
#[cfg(feature = "client")]
mod engine;
#[cfg(feature = "client")]
mod platform;
#[cfg(feature = "reqwest")]
mod reqwest_transport;
#[cfg(feature = "client")]
mod retry;
#[cfg(feature = "client")]
mod target;
#[cfg(feature = "client")]
mod token;
#[cfg(feature = "client")]
mod transport;

#[cfg(feature = "client")]
pub use builder::{BuildError, Builder, Setting, Settings, Wiring};
#[cfg(feature = "client")]
pub use cache::CachedTokens;
#[cfg(feature = "client")]
pub use call::Call;
#[cfg(feature = "client")]
pub use engine::Engine;
#[cfg(feature = "client")]
pub use platform::{Config, Platform, PlatformClient};
#[cfg(feature = "reqwest")]
pub use reqwest_transport::ReqwestTransport;
#[cfg(feature = "client")]
pub use retry::{PlatformCode, RetryPolicy};
#[cfg(feature = "client")]
pub use target::Target;
#[cfg(feature = "client")]
pub use token::{BoxFuture, TokenError, TokenProvider, TokenSource};
#[cfg(feature = "client")]
pub use transport::{HttpRequest, HttpResponse, Transport, TransportError, TransportErrorKind};

/// How long one attempt may take when a `Config` does not say otherwise.
#[cfg(feature = "client")]
pub const DEFAULT_TIMEOUT: std::time::Duration = std::time::Duration::from_secs(10);

/// Expands to its items when `gamechannel` is built with the `client` feature.
///
/// Generated modules wrap their client in it: they are compiled in other crates too (a studio's
/// private specs), where `cfg(feature = "client")` would ask about that crate's features.
#[cfg(feature = "client")]
#[doc(hidden)]
#[macro_export]
macro_rules! __client_items {
    ($($item:item)*) => { $($item)* };
}

/// Expands to its items when `gamechannel` is built with the `client` feature.
#[cfg(not(feature = "client"))]
#[doc(hidden)]
#[macro_export]
macro_rules! __client_items {
    ($($item:item)*) => {};
}

/// Expands to its items when `gamechannel` is built with the `reqwest` feature.
///
/// Like [`__client_items!`](crate::__client_items), for what needs [`ReqwestTransport`].
#[cfg(feature = "reqwest")]
#[doc(hidden)]
#[macro_export]
macro_rules! __reqwest_items {
    ($($item:item)*) => { $($item)* };
}

/// Expands to its items when `gamechannel` is built with the `reqwest` feature.
#[cfg(not(feature = "reqwest"))]
#[doc(hidden)]
#[macro_export]
macro_rules! __reqwest_items {
    ($($item:item)*) => {};
}
