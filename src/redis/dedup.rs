//! Callback dedup shared through Redis: one delivery per notification across every process.

use std::collections::HashMap;
use std::fmt;
use std::sync::{LazyLock, Mutex, MutexGuard};
use std::time::{Duration, Instant};

use redis::Script;

use super::tokens::RELEASE;
use super::{RedisStore, millis, owner_token};
use crate::dedup::{Begin, BoxFuture, DedupStore};

const CLAIM: &str = "claim:";
const DONE: &str = "done:";
/// Pauses between attempts to record a delivery while Redis is unreachable.
const FIRST_PAUSE: Duration = Duration::from_millis(50);
const MAX_PAUSE: Duration = Duration::from_secs(1);

/// Answers what the key holds, or claims it (ARGV[1], for ARGV[2] ms) when it holds nothing:
/// one round trip, atomic, so two processes never both claim one notification.
static BEGIN: LazyLock<Script> = LazyLock::new(|| {
    Script::new(
        r"local held = redis.call('GET', KEYS[1])
if held then return held end
redis.call('SET', KEYS[1], ARGV[1], 'PX', ARGV[2])
return ARGV[1]",
    )
});

/// A [`DedupStore`] in Redis, shared by every game-server process that receives one
/// platform's callbacks: [`MemoryDedup`](crate::MemoryDedup)'s contract across processes.
///
/// Each notification is the Redis key `<prefix>dedup:<dedup key>` (e.g.
/// `gamechannel:dedup:wancms/pay_notify/B20261121001/success`; dedup keys hold no secret,
/// [`DedupKey`](crate::dedup::DedupKey) hashes secret parts). Its value is
///
/// - `claim:<owner>` while one delivery runs the game's handler, set with `SET NX`-like
///   atomicity and a lease (default 2 minutes): a resend that arrives meanwhile, at any
///   process, gets the platform's failure reply, so the platform tries again later;
/// - `done:<reply>` once delivered, kept for [`Self::with_ttl`] (default 7 days, longer than
///   any platform resends: WeChat Pay stops within a day): every resend gets that same reply.
///
/// **Exactly once, except across a crash.** A process that dies while its handler runs leaves
/// a claim that expires with its lease; the next resend then runs the handler again. Delivery
/// is therefore at-least-once across a crash and exactly-once otherwise: the game's handler
/// should still refuse a second credit of one order number. Keep the lease above the slowest
/// handler run, or a slow run may overlap a redelivery.
///
/// **While Redis is down** `begin` answers [`Begin::Unavailable`]: nothing is delivered, the
/// platform gets its failure reply and resends. If Redis goes away while a handler runs, the
/// outcome is recorded as soon as it is back (retried for up to the lease, the reply waits);
/// only a Redis that stays down longer, or loses its data (persistence off), can let a later
/// resend deliver again. Run Redis with AOF persistence when that matters.
pub struct RedisDedup {
    store: RedisStore,
    lease: Duration,
    ttl: Duration,
    // This process's running claims: key -> (claim value, when claimed), so that `abandon`
    // deletes only its own claim and `complete` knows how long it may keep trying.
    claims: Mutex<HashMap<String, (String, Instant)>>,
}

impl RedisDedup {
    /// A store in `store`, with a 2-minute lease and a 7-day memory of delivered notifications.
    pub fn new(store: RedisStore) -> Self {
        Self {
            store,
            lease: Duration::from_secs(120),
            ttl: Duration::from_secs(7 * 24 * 60 * 60),
            claims: Mutex::default(),
        }
    }

    /// Sets how long an unfinished delivery keeps its claim: the longest a dead process delays
    /// a notification, and longer than any handler run.
    pub fn with_lease(mut self, lease: Duration) -> Self {
        self.lease = lease;
        self
    }

    /// Sets how long a delivered notification's reply is remembered.
    pub fn with_ttl(mut self, ttl: Duration) -> Self {
        self.ttl = ttl;
        self
    }

    /// The Redis key of the dedup key `key`.
    pub fn redis_key(&self, key: &str) -> String {
        format!("{}dedup:{key}", self.store.prefix())
    }

    // Every update is one insert or remove, so a poisoned map is still consistent.
    fn claims(&self) -> MutexGuard<'_, HashMap<String, (String, Instant)>> {
        self.claims.lock().unwrap_or_else(|e| e.into_inner())
    }

    async fn begin_now(&self, key: &str) -> Begin {
        let claim = format!("{CLAIM}{}", owner_token());
        let mut invocation = BEGIN.prepare_invoke();
        invocation
            .key(self.redis_key(key))
            .arg(&claim)
            .arg(millis(self.lease));
        let held: String = match self.store.eval(&invocation).await {
            Ok(held) => held,
            Err(error) => return Begin::Unavailable(error),
        };
        if held == claim {
            self.claims()
                .insert(key.to_owned(), (claim, Instant::now()));
            Begin::First
        } else if let Some(reply) = held.strip_prefix(DONE) {
            Begin::Done(reply.to_owned())
        } else {
            // A claim of another delivery (or a value this version does not know): never
            // deliver over it.
            Begin::InProgress
        }
    }

    async fn complete_now(&self, key: &str, reply: &str) {
        let claimed_at = self.claims().remove(key).map(|(_, at)| at);
        let give_up = claimed_at.unwrap_or_else(Instant::now) + self.lease;
        let mut set = redis::cmd("SET");
        set.arg(self.redis_key(key))
            .arg(format!("{DONE}{reply}"))
            .arg("PX")
            .arg(millis(self.ttl));
        let mut pause = FIRST_PAUSE;
        loop {
            // Unconditional: the handler has run, whoever holds the claim now.
            let error = match self.store.run::<()>(&set).await {
                Ok(()) => return,
                Err(error) => error,
            };
            if Instant::now() + pause >= give_up {
                tracing::error!(
                    %error,
                    "could not record a delivered callback; a resend after the lease may deliver it again"
                );
                return;
            }
            tracing::warn!(%error, "recording a delivered callback failed; retrying");
            tokio::time::sleep(pause).await;
            pause = (pause * 2).min(MAX_PAUSE);
        }
    }

    async fn abandon_now(&self, key: &str) {
        let Some((claim, _)) = self.claims().remove(key) else {
            return;
        };
        let mut invocation = RELEASE.prepare_invoke();
        invocation.key(self.redis_key(key)).arg(claim);
        if let Err(error) = self.store.eval::<i64>(&invocation).await {
            // The claim expires with its lease; until then resends are answered "not yet".
            tracing::warn!(%error, "could not release a callback claim");
        }
    }
}

impl DedupStore for RedisDedup {
    fn begin<'a>(&'a self, key: &'a str) -> BoxFuture<'a, Begin> {
        Box::pin(self.begin_now(key))
    }

    fn complete<'a>(&'a self, key: &'a str, reply: &'a str) -> BoxFuture<'a, ()> {
        Box::pin(self.complete_now(key, reply))
    }

    fn abandon<'a>(&'a self, key: &'a str) -> BoxFuture<'a, ()> {
        Box::pin(self.abandon_now(key))
    }
}

impl fmt::Debug for RedisDedup {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("RedisDedup")
            .field("store", &self.store)
            .field("lease", &self.lease)
            .field("ttl", &self.ttl)
            .field("running", &self.claims().len())
            .finish()
    }
}
