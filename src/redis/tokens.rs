//! An access token shared through Redis: one fetch at a time across every process.

use std::fmt;
use std::sync::LazyLock;
use std::time::{Duration, Instant};

use gamechannel_core::Secret;
use redis::Script;

use super::{RedisStore, millis, owner_token};
use crate::client::{BoxFuture, TokenError, TokenProvider, TokenSource};
use crate::dedup::StoreError;

/// Longest margin by which a token is refreshed before it expires (as [`crate::client::CachedTokens`]).
const MAX_MARGIN: Duration = Duration::from_secs(5 * 60);
/// Longest margin by which a token leaves Redis before the platform stops accepting it: covers
/// the time between the platform's answer and the write.
const MAX_DROP_MARGIN: Duration = Duration::from_secs(30);
/// First and longest pause of a process waiting for another one's fetch.
const FIRST_PAUSE: Duration = Duration::from_millis(20);
const MAX_PAUSE: Duration = Duration::from_millis(250);

/// `{token, due, pttl}` of the token hash, or nil. `due`: below which remaining lifetime (ms)
/// a refresh is due; `pttl` is Redis' own clock, so machines' clocks never need to agree.
static READ: LazyLock<Script> = LazyLock::new(|| {
    Script::new(
        r"local token = redis.call('HGET', KEYS[1], 'token')
if not token then return false end
return {token, redis.call('HGET', KEYS[1], 'due') or '0', redis.call('PTTL', KEYS[1])}",
    )
});

/// Compare-and-set: stores ARGV[2] (due ARGV[4], TTL ARGV[3] ms, 0 = none) only when the
/// current token is absent or still ARGV[1], the one the caller saw; returns the token now
/// stored, so a late fetch never replaces a newer token.
static STORE: LazyLock<Script> = LazyLock::new(|| {
    Script::new(
        r"local current = redis.call('HGET', KEYS[1], 'token')
if current and current ~= ARGV[1] then return current end
redis.call('DEL', KEYS[1])
redis.call('HSET', KEYS[1], 'token', ARGV[2], 'due', ARGV[4])
if tonumber(ARGV[3]) > 0 then redis.call('PEXPIRE', KEYS[1], ARGV[3]) end
return ARGV[2]",
    )
});

/// `SET NX PX` that also answers 1 when ARGV[1] already owns the lock, so that running it
/// twice (a retry after a lost answer) cannot lock its own owner out.
static LOCK: LazyLock<Script> = LazyLock::new(|| {
    Script::new(
        r"local held = redis.call('GET', KEYS[1])
if held == ARGV[1] then return 1 end
if held then return 0 end
redis.call('SET', KEYS[1], ARGV[1], 'PX', ARGV[2])
return 1",
    )
});

/// Compare-and-delete: only the lock's owner releases it.
pub(super) static RELEASE: LazyLock<Script> = LazyLock::new(|| {
    Script::new(
        r"if redis.call('GET', KEYS[1]) == ARGV[1] then return redis.call('DEL', KEYS[1]) end
return 0",
    )
});

/// Which credential a [`RedisTokens`] keeps: the non-secret names its Redis keys are made of.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TokenKey {
    platform: String,
    app: String,
    credential: String,
}

impl TokenKey {
    /// The credential `credential` (`access_token`) of `app` (the AppID) on `platform`
    /// (`wechat_midas`). Never pass a secret here: these names are visible in Redis.
    pub fn new(platform: &str, app: &str, credential: &str) -> Self {
        Self {
            platform: platform.to_owned(),
            app: app.to_owned(),
            credential: credential.to_owned(),
        }
    }
}

/// A [`TokenProvider`] that shares the token of a [`TokenSource`] through Redis, so that all
/// game-server processes of one app use one token and one process fetches it at a time.
///
/// Drop-in for [`CachedTokens`](crate::client::CachedTokens) (`config.with_tokens(Arc::new(..))`):
///
/// - the token lives in the hash `<prefix>token:<platform>:<app>:<credential>` with a TTL
///   of its lifetime minus a small margin, so that no process uses a token the platform is
///   about to refuse;
/// - a missing token is fetched by the one process that takes the lock
///   `<prefix>token-lock:...` (`SET NX PX`, owned by a random value, released by a
///   compare-and-delete); the others poll for its result, up to [`Self::with_max_wait`]. A
///   process that dies while fetching holds the lock until its lease
///   ([`Self::with_lock_lease`]) ends, then the next process fetches;
/// - a token due for refresh (by default 5 minutes, or a tenth of its lifetime, before it
///   expires) is refreshed by whichever process takes the lock first while every caller
///   keeps using the current one; a failed early refresh is retried on the next call;
/// - [`TokenProvider::refresh`] after the platform rejected a token fetches only when the
///   stored token is still the rejected one, and stores the new one only if it still is
///   (compare-and-set): twenty processes seeing one rejection cause one fetch.
///
/// While Redis cannot be reached, `token` and `refresh` fail with a [`TokenError`] saying so;
/// the provider does not fetch on its own, since a fresh token can invalidate the others'.
pub struct RedisTokens<S> {
    store: RedisStore,
    source: S,
    value_key: String,
    lock_key: String,
    margin: Option<Duration>,
    lock_lease: Duration,
    max_wait: Duration,
    // In-process single flight: one task per process deals with the lock; the others wait
    // here and then find the token in Redis.
    local: tokio::sync::Mutex<()>,
}

/// A token read from Redis.
struct Stored {
    token: Secret,
    due: bool,
}

impl<S: TokenSource> RedisTokens<S> {
    /// A provider of `key`'s token in `store`, fetched from `source` when needed.
    pub fn new(store: RedisStore, key: TokenKey, source: S) -> Self {
        let parts = [
            key.platform.as_str(),
            key.app.as_str(),
            key.credential.as_str(),
        ];
        Self {
            value_key: store.key("token", &parts),
            lock_key: store.key("token-lock", &parts),
            store,
            source,
            margin: None,
            lock_lease: Duration::from_secs(15),
            max_wait: Duration::from_secs(20),
            local: tokio::sync::Mutex::new(()),
        }
    }

    /// Refreshes `margin` before expiry instead of the default; capped at half the lifetime.
    pub fn with_margin(mut self, margin: Duration) -> Self {
        self.margin = Some(margin);
        self
    }

    /// How long a fetching process holds the lock at most (default 15 s): longer than a fetch
    /// takes, as short as a dead process may block the others.
    pub fn with_lock_lease(mut self, lease: Duration) -> Self {
        self.lock_lease = lease;
        self
    }

    /// How long a process waits for another one's fetch before failing (default 20 s); keep
    /// it above the lock lease, so that a dead holder delays calls instead of failing them.
    pub fn with_max_wait(mut self, wait: Duration) -> Self {
        self.max_wait = wait;
        self
    }

    /// The Redis key holding the token (a hash with fields `token` and `due`), for operators.
    pub fn redis_key(&self) -> &str {
        &self.value_key
    }

    async fn read(&self) -> Result<Option<Stored>, StoreError> {
        let mut invocation = READ.prepare_invoke();
        invocation.key(&self.value_key);
        let read: Option<(String, u64, i64)> = self.store.eval(&invocation).await?;
        Ok(read.map(|(token, due_ms, pttl)| Stored {
            token: Secret::new(token),
            // -1: no lifetime, kept until the platform rejects it.
            due: pttl >= 0 && u64::try_from(pttl).unwrap_or(0) < due_ms,
        }))
    }

    async fn try_lock(&self, owner: &str) -> Result<bool, StoreError> {
        let mut invocation = LOCK.prepare_invoke();
        invocation
            .key(&self.lock_key)
            .arg(owner)
            .arg(millis(self.lock_lease));
        let taken: i64 = self.store.eval(&invocation).await?;
        Ok(taken == 1)
    }

    async fn unlock(&self, owner: &str) {
        let mut invocation = RELEASE.prepare_invoke();
        invocation.key(&self.lock_key).arg(owner);
        if let Err(error) = self.store.eval::<i64>(&invocation).await {
            // It expires with its lease anyway.
            tracing::warn!(%error, "could not release the token lock");
        }
    }

    /// Fetches from the source and stores the result if the stored token is still `seen`.
    /// The caller holds the lock.
    async fn fetch_and_store(&self, seen: Option<&Secret>) -> Result<Secret, TokenError> {
        let (token, lifetime) = self.source.fetch().await?;
        let (ttl, due) = match lifetime {
            Some(lifetime) => {
                let drop_margin = MAX_DROP_MARGIN.min(lifetime / 20);
                let margin = self
                    .margin
                    .unwrap_or(MAX_MARGIN.min(lifetime / 10))
                    .min(lifetime / 2);
                (millis(lifetime - drop_margin), millis(margin))
            }
            None => (0, 0),
        };
        let mut invocation = STORE.prepare_invoke();
        invocation
            .key(&self.value_key)
            .arg(seen.map_or("", Secret::expose))
            .arg(token.expose())
            .arg(ttl)
            .arg(due);
        let stored: String = self.store.eval(&invocation).await.map_err(unavailable)?;
        if stored == token.expose() {
            tracing::info!("fetched a new access token and shared it through Redis");
        } else {
            tracing::info!("another process stored a newer access token first; using it");
        }
        Ok(Secret::new(stored))
    }

    /// A stored token other than `rejected`, fetching one (or waiting for another process's
    /// fetch) when there is none.
    async fn obtain(&self, rejected: Option<&Secret>) -> Result<Secret, TokenError> {
        let usable = |token: &Secret| rejected.is_none_or(|r| token != r);
        let _local = self.local.lock().await;
        let deadline = Instant::now() + self.max_wait;
        let mut pause = FIRST_PAUSE;
        loop {
            if let Some(stored) = self.read().await.map_err(unavailable)?
                && usable(&stored.token)
            {
                return Ok(stored.token);
            }
            let owner = owner_token();
            if self.try_lock(&owner).await.map_err(unavailable)? {
                let result = self.fetch_under_lock(rejected).await;
                self.unlock(&owner).await;
                return result;
            }
            if Instant::now() + pause > deadline {
                return Err(TokenError::new(format!(
                    "another process has been fetching the token for {:?}; gave up waiting",
                    self.max_wait
                )));
            }
            tracing::debug!(?pause, "another process is fetching the token; waiting");
            tokio::time::sleep(pause).await;
            pause = (pause * 2).min(MAX_PAUSE);
        }
    }

    async fn fetch_under_lock(&self, rejected: Option<&Secret>) -> Result<Secret, TokenError> {
        // Whoever held the lock before us may have stored a token since we looked.
        let seen = self.read().await.map_err(unavailable)?.map(|s| s.token);
        match seen {
            Some(token) if rejected.is_none_or(|r| token != *r) => Ok(token),
            seen => self.fetch_and_store(seen.as_ref()).await,
        }
    }

    /// A stored token due for refresh: refreshed here if no other process is at it, and
    /// served as it is meanwhile, or if the refresh fails (it is still accepted).
    async fn refresh_early(&self, current: Secret) -> Secret {
        let Ok(_local) = self.local.try_lock() else {
            return current;
        };
        let owner = owner_token();
        match self.try_lock(&owner).await {
            Ok(true) => {}
            Ok(false) => return current,
            Err(error) => {
                tracing::warn!(%error, "early token refresh skipped");
                return current;
            }
        }
        let result = match self.read().await {
            Ok(Some(stored)) if stored.token != current => Ok(stored.token),
            Ok(_) => self.fetch_and_store(Some(&current)).await,
            Err(error) => Err(unavailable(error)),
        };
        self.unlock(&owner).await;
        result.unwrap_or_else(|error| {
            tracing::warn!(%error, "early token refresh failed; the current token still serves");
            current
        })
    }

    async fn current_or_fetch(&self) -> Result<Secret, TokenError> {
        match self.read().await.map_err(unavailable)? {
            Some(Stored { token, due: false }) => Ok(token),
            Some(Stored { token, due: true }) => Ok(self.refresh_early(token).await),
            None => self.obtain(None).await,
        }
    }

    async fn replace(&self, rejected: &Secret) -> Result<Secret, TokenError> {
        self.obtain(Some(rejected)).await
    }
}

fn unavailable(error: StoreError) -> TokenError {
    TokenError::new(error)
}

impl<S: TokenSource> TokenProvider for RedisTokens<S> {
    fn token(&self) -> BoxFuture<'_, Result<Secret, TokenError>> {
        Box::pin(self.current_or_fetch())
    }

    fn refresh<'a>(&'a self, rejected: &'a Secret) -> BoxFuture<'a, Result<Secret, TokenError>> {
        Box::pin(self.replace(rejected))
    }
}

impl<S> fmt::Debug for RedisTokens<S> {
    // Never the token; key names hold no secret.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("RedisTokens")
            .field("key", &self.value_key)
            .field("margin", &self.margin)
            .field("lock_lease", &self.lock_lease)
            .field("max_wait", &self.max_wait)
            .finish_non_exhaustive()
    }
}
