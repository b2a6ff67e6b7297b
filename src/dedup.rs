//! Exactly-once delivery of callbacks the platform resends until it is acknowledged.
//!
//! A platform that got no success reply (timeout, crash, `fail`) calls again with the same
//! notification. [`handle_once`] asks a [`DedupStore`] whether the notification's
//! [`Callback::dedup_key`] was seen before, runs the game's handler only the first time, and
//! answers every resend with the reply the first delivery got.

use std::collections::{HashMap, VecDeque};
use std::fmt;
use std::future::Future;
use std::pin::Pin;
use std::sync::{Mutex, MutexGuard};
use std::time::{Duration, Instant};

use gamechannel_core::{WireValue, md5_hex_into, percent_encode_into};

use crate::Secret;
use crate::callback::{Callback, RawRequest};

/// A boxed, sendable future: what [`DedupStore`] methods return, so a store can be async
/// (Redis) while the trait stays object-safe.
pub type BoxFuture<'a, T> = Pin<Box<dyn Future<Output = T> + Send + 'a>>;

/// What a store knows about a key when a delivery begins.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Begin {
    /// Never seen (or abandoned, or expired): this delivery now owns the key and runs the handler.
    First,
    /// Handled before: answer with this reply, the one the first delivery sent.
    Done(String),
    /// Another delivery is running the handler right now.
    InProgress,
    /// The store could not be asked (its backend is down): nothing is delivered and the
    /// platform is answered with its failure reply, so that it resends later.
    Unavailable(StoreError),
}

/// A shared store (Redis) could not be reached or answered unexpectedly.
///
/// Its message names the kind of trouble (refused, timed out, lost connection, ...), never a
/// key, a value or the store's URL, so it may be logged as it is.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StoreError(String);

impl StoreError {
    /// An error described by `reason`, which must not contain a secret or a stored value.
    pub fn new(reason: impl fmt::Display) -> Self {
        Self(reason.to_string())
    }
}

impl fmt::Display for StoreError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "store unavailable: {}", self.0)
    }
}

impl std::error::Error for StoreError {}

/// Remembers which notifications were handled, for [`handle_once`].
///
/// `begin` must be atomic (Redis `SET key in-progress NX PX <lease>`): two concurrent
/// deliveries of one key may not both see [`Begin::First`]. An in-progress marker must expire
/// after a lease, because a process can die between `begin` and `complete`. A store that
/// cannot reach its backend answers [`Begin::Unavailable`]: the platform resends later.
///
/// `complete` and `abandon` cannot fail: the handler has run by then, so a store that cannot
/// record the outcome retries for a while and logs; see `gamechannel::redis::RedisDedup`
/// (feature `redis`) for what that means across processes.
pub trait DedupStore: Send + Sync {
    /// Claims `key` for this delivery, or says why not.
    fn begin<'a>(&'a self, key: &'a str) -> BoxFuture<'a, Begin>;
    /// Records that `key` was handled and answered with `reply`.
    fn complete<'a>(&'a self, key: &'a str, reply: &'a str) -> BoxFuture<'a, ()>;
    /// Releases `key` after the handler failed, so that the platform's next resend runs it again.
    fn abandon<'a>(&'a self, key: &'a str) -> BoxFuture<'a, ()>;
}

/// What [`handle_once_outcome`] did with a notification.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Outcome {
    /// The handler ran and succeeded.
    Delivered,
    /// The handler ran and failed; the key was released for a resend.
    Failed,
    /// Handled before; the first reply was repeated without running the handler.
    Duplicate,
    /// Another delivery of the same key is running; refused so that the platform resends.
    InProgress,
    /// The store could not be asked; refused without running the handler, so that the
    /// platform resends once the store is back.
    Unavailable,
}

/// Runs `handler` once per [`Callback::dedup_key`] and returns the reply body to send.
///
/// First delivery: the handler runs; `Ok` → [`Callback::SUCCESS_REPLY`] (remembered),
/// `Err(reason)` → [`Callback::failure_reply`] and the key is released. A resend of a handled
/// notification gets the remembered reply and the handler does not run. While another
/// delivery of the key runs, the answer is a failure reply, so the platform tries again later.
pub async fn handle_once<S, N, F, Fut>(store: &S, notification: N, handler: F) -> String
where
    S: DedupStore + ?Sized,
    N: Callback,
    F: FnOnce(N) -> Fut,
    Fut: Future<Output = Result<(), String>>,
{
    handle_once_outcome(store, notification, handler).await.0
}

/// [`handle_once`], also saying what happened (for logs and metrics).
pub async fn handle_once_outcome<S, N, F, Fut>(
    store: &S,
    notification: N,
    handler: F,
) -> (String, Outcome)
where
    S: DedupStore + ?Sized,
    N: Callback,
    F: FnOnce(N) -> Fut,
    Fut: Future<Output = Result<(), String>>,
{
    handle_request_once(store, notification, RawRequest::default(), handler).await
}

/// [`handle_once_outcome`] for a notification received as `request`: the replies are the
/// ones for that request ([`Callback::success_reply_to`], [`Callback::failure_reply_to`]),
/// so an XML push is answered in XML and a handshake gets its echo.
pub async fn handle_request_once<S, N, F, Fut>(
    store: &S,
    notification: N,
    request: RawRequest<'_>,
    handler: F,
) -> (String, Outcome)
where
    S: DedupStore + ?Sized,
    N: Callback,
    F: FnOnce(N) -> Fut,
    Fut: Future<Output = Result<(), String>>,
{
    let key = notification.dedup_key();
    let success = notification.success_reply_to(request);
    match store.begin(&key).await {
        // Answered as this request asks (its format, its echo); the remembered reply is the
        // same for a platform that does not change its push format between resends.
        Begin::Done(_) => (success, Outcome::Duplicate),
        Begin::InProgress => (
            N::failure_reply_to(request, "already being processed"),
            Outcome::InProgress,
        ),
        Begin::Unavailable(error) => {
            log_unavailable::<N>(&error);
            // The platform sees only that it should try again, not our infrastructure.
            (
                N::failure_reply_to(request, "temporarily unavailable"),
                Outcome::Unavailable,
            )
        }
        Begin::First => match handler(notification).await {
            Ok(()) => {
                store.complete(&key, &success).await;
                (success, Outcome::Delivered)
            }
            Err(reason) => {
                store.abandon(&key).await;
                (N::failure_reply_to(request, &reason), Outcome::Failed)
            }
        },
    }
}

#[cfg(any(feature = "client", feature = "axum"))]
fn log_unavailable<N: Callback>(error: &StoreError) {
    tracing::warn!(
        platform = N::PLATFORM,
        endpoint = N::ENDPOINT,
        %error,
        "dedup store unavailable; the notification is refused so that the platform resends it"
    );
}

// Without tracing the outcome still says it; there is nowhere to log to.
#[cfg(not(any(feature = "client", feature = "axum")))]
fn log_unavailable<N: Callback>(_: &StoreError) {}

/// Builds an unambiguous dedup key: `platform/endpoint/value/value...`.
///
/// Every part is percent-encoded (only `A-Z a-z 0-9 - _ .` stay as they are), so a `/` inside
/// a value cannot fake a separator, and an absent optional value is a bare `~`, which an
/// encoded value never is. Keys are readable as store keys: `wancms/pay_notify/B20261121001`.
#[derive(Debug, Clone)]
pub struct DedupKey(String);

impl DedupKey {
    /// Starts the key of one endpoint of one platform.
    pub fn new(platform: &str, endpoint: &str) -> Self {
        let mut key = String::with_capacity(64);
        percent_encode_into(&mut key, platform);
        key.push('/');
        percent_encode_into(&mut key, endpoint);
        Self(key)
    }

    /// Appends a value in its wire form.
    pub fn part<V: WireValue + ?Sized>(mut self, value: &V) -> Self {
        self.0.push('/');
        value.write_wire_percent(&mut self.0);
        self
    }

    /// Appends an optional value; absent is distinct from empty.
    pub fn opt_part<V: WireValue + ?Sized>(self, value: Option<&V>) -> Self {
        match value {
            Some(value) => self.part(value),
            None => self.absent(),
        }
    }

    /// Appends a secret as its MD5, so that the secret itself never lands in a store key.
    pub fn secret_part(mut self, value: &Secret) -> Self {
        self.0.push('/');
        md5_hex_into(&mut self.0, value.expose().as_bytes());
        self
    }

    /// Appends an optional secret; see [`Self::secret_part`].
    pub fn opt_secret_part(self, value: Option<&Secret>) -> Self {
        match value {
            Some(value) => self.secret_part(value),
            None => self.absent(),
        }
    }

    fn absent(mut self) -> Self {
        self.0.push_str("/~");
        self
    }

    /// The finished key.
    pub fn finish(self) -> String {
        self.0
    }
}

/// An in-process [`DedupStore`]: enough for one game server process; use a shared store
/// (`gamechannel::redis::RedisDedup`, feature `redis`) when several processes receive the
/// same platform's callbacks.
///
/// Bounded: handled keys are forgotten after `ttl` (platforms stop resending within hours),
/// and when `capacity` keys are held the oldest are forgotten first. A forgotten key that is
/// resent is delivered again, so the game's own order table should still refuse a second
/// delivery of one order. In-progress keys expire after `lease`, in case a handler never ends.
#[derive(Debug)]
pub struct MemoryDedup {
    state: Mutex<State>,
    capacity: usize,
    ttl: Duration,
    lease: Duration,
}

#[derive(Debug, Default)]
struct State {
    entries: HashMap<String, Entry>,
    // Keys in the order they were claimed, with the claim's serial, so eviction finds the
    // oldest without scanning; a stale serial means the key was claimed again since.
    order: VecDeque<(String, u64)>,
    serial: u64,
}

#[derive(Debug)]
struct Entry {
    serial: u64,
    since: Instant,
    reply: Option<String>,
}

impl MemoryDedup {
    /// A store holding at most `capacity` keys, each handled key for `ttl`.
    pub fn new(capacity: usize, ttl: Duration) -> Self {
        Self {
            state: Mutex::default(),
            capacity: capacity.max(1),
            ttl,
            lease: Duration::from_secs(120),
        }
    }

    /// Sets how long an unfinished delivery keeps its key (default two minutes).
    pub fn with_lease(mut self, lease: Duration) -> Self {
        self.lease = lease;
        self
    }

    /// How many keys are held (handled or in progress).
    pub fn len(&self) -> usize {
        self.lock().entries.len()
    }

    /// Whether no key is held.
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    // A handler that panicked while holding the lock cannot leave the map half-updated (every
    // update is a single insert or remove), so a poisoned lock is safe to keep using.
    fn lock(&self) -> MutexGuard<'_, State> {
        self.state.lock().unwrap_or_else(|e| e.into_inner())
    }

    fn begin_now(&self, key: &str, now: Instant) -> Begin {
        let mut state = self.lock();
        if let Some(entry) = state.entries.get(key) {
            let age = now.saturating_duration_since(entry.since);
            match &entry.reply {
                Some(reply) if age < self.ttl => return Begin::Done(reply.clone()),
                None if age < self.lease => return Begin::InProgress,
                _ => {}
            }
        }
        // Evict the oldest, but never a claim whose handler may still be running: forgetting
        // it would let a resend deliver twice. If every entry is such a claim, the store
        // grows past its capacity for a while instead.
        let mut budget = state.order.len();
        while state.entries.len() >= self.capacity && !state.entries.contains_key(key) && budget > 0
        {
            budget -= 1;
            let Some((old, serial)) = state.order.pop_front() else {
                break;
            };
            let Some(entry) = state.entries.get(&old).filter(|e| e.serial == serial) else {
                continue;
            };
            let running =
                entry.reply.is_none() && now.saturating_duration_since(entry.since) < self.lease;
            if running {
                state.order.push_back((old, serial));
            } else {
                state.entries.remove(&old);
            }
        }
        state.serial += 1;
        let serial = state.serial;
        state.order.push_back((key.to_owned(), serial));
        state.entries.insert(
            key.to_owned(),
            Entry {
                serial,
                since: now,
                reply: None,
            },
        );
        // Re-claims leave stale serials behind; compact so the queue stays bounded too.
        if state.order.len() > self.capacity.saturating_mul(2) {
            let State { entries, order, .. } = &mut *state;
            order.retain(|(k, s)| entries.get(k).is_some_and(|e| e.serial == *s));
        }
        Begin::First
    }
}

impl Default for MemoryDedup {
    /// 100 000 keys, each remembered for 24 hours.
    fn default() -> Self {
        Self::new(100_000, Duration::from_secs(24 * 60 * 60))
    }
}

impl DedupStore for MemoryDedup {
    fn begin<'a>(&'a self, key: &'a str) -> BoxFuture<'a, Begin> {
        let begin = self.begin_now(key, Instant::now());
        Box::pin(async move { begin })
    }

    fn complete<'a>(&'a self, key: &'a str, reply: &'a str) -> BoxFuture<'a, ()> {
        if let Some(entry) = self.lock().entries.get_mut(key) {
            entry.since = Instant::now();
            entry.reply = Some(reply.to_owned());
        }
        Box::pin(async {})
    }

    fn abandon<'a>(&'a self, key: &'a str) -> BoxFuture<'a, ()> {
        let mut state = self.lock();
        // Only an in-progress claim is released: a handled key stays handled.
        if state.entries.get(key).is_some_and(|e| e.reply.is_none()) {
            state.entries.remove(key);
        }
        Box::pin(async {})
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keys_are_unambiguous() {
        let a = DedupKey::new("p", "e").part("a/b").part("c").finish();
        let b = DedupKey::new("p", "e").part("a").part("b/c").finish();
        assert_ne!(a, b);
        assert_eq!(a, "p/e/a%2Fb/c");
        let none = DedupKey::new("p", "e").opt_part::<str>(None).finish();
        let empty = DedupKey::new("p", "e").opt_part(Some("")).finish();
        let tilde = DedupKey::new("p", "e").opt_part(Some("~")).finish();
        assert_eq!((none.as_str(), empty.as_str()), ("p/e/~", "p/e/"));
        assert_ne!(none, tilde);
        let secret = DedupKey::new("p", "e")
            .secret_part(&Secret::new("k"))
            .finish();
        assert!(!secret.ends_with("/k"), "{secret}");
        assert_eq!(DedupKey::new("p", "e").part(&42i64).finish(), "p/e/42");
    }

    #[test]
    fn memory_store_states() {
        let store = MemoryDedup::new(2, Duration::from_secs(60)).with_lease(Duration::ZERO);
        let t0 = Instant::now();
        assert_eq!(store.begin_now("a", t0), Begin::First);
        // Lease zero: an unfinished claim can be taken over at once.
        assert_eq!(store.begin_now("a", t0), Begin::First);
        drop(store.complete("a", "ok"));
        assert_eq!(store.begin_now("a", t0), Begin::Done("ok".into()));
        drop(store.abandon("a"));
        assert_eq!(store.begin_now("a", t0), Begin::Done("ok".into()));
        let later = Instant::now() + Duration::from_secs(61);
        assert_eq!(store.begin_now("a", later), Begin::First);
        drop(store.abandon("a"));
        assert!(store.is_empty());
    }

    #[test]
    fn a_running_claim_is_never_evicted() {
        let store = MemoryDedup::new(2, Duration::from_secs(60));
        let now = Instant::now();
        assert_eq!(store.begin_now("running", now), Begin::First);
        for i in 0..10 {
            assert_eq!(store.begin_now(&i.to_string(), now), Begin::First);
            drop(store.complete(&i.to_string(), "ok"));
        }
        // Still claimed: a resend must wait, not deliver a second time.
        assert_eq!(store.begin_now("running", now), Begin::InProgress);
        assert!(
            store.len() <= 3,
            "bounded but for running claims: {}",
            store.len()
        );
    }

    #[test]
    fn memory_store_is_bounded() {
        let store = MemoryDedup::new(3, Duration::from_secs(60));
        let now = Instant::now();
        for i in 0..1000 {
            assert_eq!(store.begin_now(&i.to_string(), now), Begin::First);
            drop(store.complete(&i.to_string(), "ok"));
        }
        assert_eq!(store.len(), 3);
        assert_eq!(store.begin_now("999", now), Begin::Done("ok".into()));
        assert_eq!(store.begin_now("0", now), Begin::First);
        assert!(store.lock().order.len() <= 6);
    }
}
