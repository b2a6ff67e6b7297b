//! State shared by several game-server processes, kept in Redis (feature `redis`).
//!
//! A studio that runs its game server as several processes needs one truth for two things:
//!
//! - the platform's access token: [`RedisTokens`] keeps it in Redis, lets one process at a
//!   time fetch a new one (a lock with an owner and a lease) while the others wait for it, and
//!   replaces a rejected token only if it is still the one that was rejected;
//! - which callbacks were handled: [`RedisDedup`] is a [`DedupStore`](crate::DedupStore) that
//!   claims a notification for one delivery across all processes and remembers its reply.
//!
//! Both go through one [`RedisStore`]: a connection that reconnects by itself after Redis
//! restarts, and the prefix of every key written. Key names hold only non-secret identifiers
//! (platform, AppID, the notification's dedup key); tokens are stored as values, never in a name.
//! While Redis cannot be reached, token requests fail with a [`TokenError`](crate::client::TokenError)
//! saying so and callbacks are refused with [`Begin::Unavailable`](crate::dedup::Begin), so
//! nothing is delivered and the platform resends later.

mod dedup;
mod tokens;

use std::fmt;
use std::sync::Arc;
use std::sync::atomic::{AtomicU64, Ordering};
use std::time::Duration;

use redis::aio::{ConnectionManager, ConnectionManagerConfig};

pub use self::dedup::RedisDedup;
pub use self::tokens::{RedisTokens, TokenKey};
use crate::dedup::StoreError;

/// Default bound of one Redis operation, reconnecting included.
const DEFAULT_TIMEOUT: Duration = Duration::from_secs(2);

/// A connection to the Redis that the game servers share, and where their keys live.
///
/// Cheap to clone: clones share one multiplexed connection. Every key written starts with the
/// prefix (default `gamechannel:`), so that several games can share one Redis.
#[derive(Clone)]
pub struct RedisStore {
    connection: ConnectionManager,
    prefix: Arc<str>,
    timeout: Duration,
}

impl RedisStore {
    /// A store at `url` (`redis://[:password@]host:port[/db]`), connected on first use.
    ///
    /// Must be called inside a Tokio runtime. Fails only on a malformed URL; an unreachable
    /// Redis shows up in the operations, which keep trying to reconnect. The URL may hold a
    /// password: it is never logged nor put in an error.
    pub fn open(url: &str) -> Result<Self, StoreError> {
        let client =
            redis::Client::open(url).map_err(|_| StoreError::new("the Redis URL is not valid"))?;
        let config = ConnectionManagerConfig::new()
            .set_connection_timeout(Some(Duration::from_secs(1)))
            .set_response_timeout(Some(DEFAULT_TIMEOUT))
            // Few, quick reconnection attempts per operation: while Redis is down an operation
            // should fail fast with a clear error, and the next one tries again.
            .set_number_of_retries(1)
            .set_min_delay(Duration::from_millis(50))
            .set_max_delay(Duration::from_millis(200));
        let connection = ConnectionManager::new_lazy_with_config(client, config)
            .map_err(|e| StoreError::new(describe(&e)))?;
        Ok(Self {
            connection,
            prefix: Arc::from("gamechannel:"),
            timeout: DEFAULT_TIMEOUT,
        })
    }

    /// [`Self::open`], then checks that Redis answers (`PING`): for start-up, to fail fast.
    pub async fn connect(url: &str) -> Result<Self, StoreError> {
        let store = Self::open(url)?;
        let pong: String = store.run(&redis::cmd("PING")).await?;
        if pong != "PONG" {
            return Err(StoreError::new("Redis did not answer PING"));
        }
        Ok(store)
    }

    /// Starts every key with `prefix` instead of `gamechannel:` (one prefix per game or
    /// environment sharing a Redis).
    pub fn with_prefix(mut self, prefix: &str) -> Self {
        self.prefix = Arc::from(prefix);
        self
    }

    /// Bounds each Redis operation by `timeout` instead of two seconds.
    pub fn with_timeout(mut self, timeout: Duration) -> Self {
        self.timeout = timeout;
        self
    }

    /// The key prefix.
    pub fn prefix(&self) -> &str {
        &self.prefix
    }

    /// `prefix` + `kind` + `:` + the parts, each percent-encoded and separated by `:`, so
    /// that no part can fake a separator.
    fn key(&self, kind: &str, parts: &[&str]) -> String {
        let mut key = String::with_capacity(64);
        key.push_str(&self.prefix);
        key.push_str(kind);
        for part in parts {
            key.push(':');
            gamechannel_core::percent_encode_into(&mut key, part);
        }
        key
    }

    /// Runs one command, bounded by the timeout; see [`Self::twice`].
    async fn run<T: redis::FromRedisValue>(&self, command: &redis::Cmd) -> Result<T, StoreError> {
        self.twice(|mut connection| async move { command.query_async(&mut connection).await })
            .await
    }

    /// Runs one script invocation, bounded by the timeout; see [`Self::twice`].
    async fn eval<T: redis::FromRedisValue>(
        &self,
        invocation: &redis::ScriptInvocation<'_>,
    ) -> Result<T, StoreError> {
        self.twice(|mut connection| async move { invocation.invoke_async(&mut connection).await })
            .await
    }

    /// Runs `operation`, and once more if the connection was down: the connection manager
    /// only starts reconnecting when an operation finds it broken, so without the second try
    /// the first call after Redis comes back would fail for nothing. Every operation of this
    /// module may run twice: reads, compare-and-set and compare-and-delete scripts, and
    /// claims and locks owned by a value the second run recognises as its own.
    async fn twice<T, F, Fut>(&self, operation: F) -> Result<T, StoreError>
    where
        F: Fn(ConnectionManager) -> Fut,
        Fut: Future<Output = redis::RedisResult<T>>,
    {
        let attempts = async {
            match operation(self.connection.clone()).await {
                Err(error) if is_connection_trouble(&error) => {
                    operation(self.connection.clone()).await
                }
                done => done,
            }
        };
        match tokio::time::timeout(self.timeout, attempts).await {
            Ok(result) => result.map_err(|e| StoreError::new(describe(&e))),
            Err(_) => Err(StoreError::new(format!(
                "Redis did not answer within {:?}",
                self.timeout
            ))),
        }
    }
}

fn is_connection_trouble(error: &redis::RedisError) -> bool {
    !error.is_timeout()
        && (error.is_connection_refusal() || error.is_connection_dropped() || error.is_io_error())
}

impl fmt::Debug for RedisStore {
    // Never the URL: it may carry a password.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("RedisStore")
            .field("prefix", &self.prefix)
            .field("timeout", &self.timeout)
            .finish_non_exhaustive()
    }
}

/// What went wrong, by kind only: some Redis errors quote the value they could not convert,
/// and a value may be an access token.
fn describe(error: &redis::RedisError) -> String {
    if error.is_timeout() {
        "Redis timed out".to_owned()
    } else if error.is_connection_refusal() {
        "Redis refused the connection".to_owned()
    } else if error.is_connection_dropped() || error.is_io_error() {
        "Redis connection lost".to_owned()
    } else {
        format!("Redis answered with an error ({:?})", error.kind())
    }
}

/// A value no other process holds: who owns a lock or a claim. Uniqueness is what matters;
/// the per-process random seed of `RandomState` keeps two machines with the same pid and
/// clock apart.
fn owner_token() -> String {
    use std::hash::{BuildHasher, Hasher};
    static SERIAL: AtomicU64 = AtomicU64::new(0);
    let serial = SERIAL.fetch_add(1, Ordering::Relaxed);
    let nanos = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| d.as_nanos());
    let mut hasher = std::collections::hash_map::RandomState::new().build_hasher();
    hasher.write_u128(nanos);
    hasher.write_u32(std::process::id());
    format!("{:016x}-{}-{serial}", hasher.finish(), std::process::id())
}

/// A millisecond count for `PX`, at least 1 (Redis refuses 0).
fn millis(duration: Duration) -> u64 {
    u64::try_from(duration.as_millis())
        .unwrap_or(u64::MAX)
        .max(1)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[tokio::test]
    async fn keys_are_prefixed_and_encoded() {
        let store = RedisStore::open("redis://127.0.0.1:1")
            .expect("valid URL")
            .with_prefix("g1:");
        assert_eq!(
            store.key("token", &["wechat_midas", "wx:1/2", "access_token"]),
            "g1:token:wechat_midas:wx%3A1%2F2:access_token"
        );
        assert!(!format!("{store:?}").contains("127.0.0.1"));
    }

    #[tokio::test]
    async fn a_bad_url_names_no_part_of_it() {
        let error = RedisStore::open("redis://:hunter2@[nope").unwrap_err();
        assert!(!error.to_string().contains("hunter2"), "{error}");
    }

    #[tokio::test]
    async fn an_unreachable_redis_is_a_clear_error() {
        // Port 1 on loopback: nothing listens there.
        let store = RedisStore::open("redis://127.0.0.1:1").expect("valid URL");
        let error = store.run::<String>(&redis::cmd("PING")).await.unwrap_err();
        assert!(
            error.to_string().starts_with("store unavailable: Redis"),
            "{error}"
        );
    }

    #[test]
    fn owners_differ() {
        assert_ne!(owner_token(), owner_token());
        assert_eq!(millis(Duration::ZERO), 1);
    }
}
