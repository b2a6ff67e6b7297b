//! Shared by the Redis tests: the test Redis's URL (or why the test is skipped), a key prefix
//! of each test's own, and a raw connection to look at what the stores wrote.

#![allow(dead_code)] // each test file uses its own part

use std::io::Write as _;
use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::{Duration, SystemTime, UNIX_EPOCH};

use gamechannel::Secret;
use gamechannel::client::{BoxFuture, TokenError, TokenSource};

/// The variable naming the Redis the tests may use (`.ci/run` starts one and sets it).
pub const URL_VARIABLE: &str = "GAMECHANNEL_TEST_REDIS_URL";

/// The test Redis's URL, or `None` after saying on stderr why the test is skipped.
pub fn redis_url(test: &str) -> Option<String> {
    match std::env::var(URL_VARIABLE) {
        Ok(url) if !url.is_empty() => Some(url),
        _ => {
            // Straight to stderr: the test harness swallows `eprintln!` of passing tests.
            let _ = writeln!(
                std::io::stderr(),
                "\nSKIPPED {test}: needs a real Redis; set {URL_VARIABLE}=redis://127.0.0.1:PORT/ \
                 (.ci/run starts redis-server and sets it)"
            );
            None
        }
    }
}

/// A key prefix no other test (or run) uses.
pub fn prefix(test: &str) -> String {
    let nanos = SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map_or(0, |d| d.as_nanos());
    format!("gctest:{test}:{}:{nanos}:", std::process::id())
}

/// A plain connection, for looking at keys as an operator would.
pub async fn raw(url: &str) -> redis::aio::MultiplexedConnection {
    redis::Client::open(url)
        .expect("test Redis URL")
        .get_multiplexed_async_connection()
        .await
        .expect("test Redis answers")
}

/// Every key under `prefix`, by `SCAN`.
pub async fn keys(url: &str, prefix: &str) -> Vec<String> {
    let mut connection = raw(url).await;
    let mut cursor = 0u64;
    let mut keys = Vec::new();
    loop {
        let (next, batch): (u64, Vec<String>) = redis::cmd("SCAN")
            .arg(cursor)
            .arg("MATCH")
            .arg(format!("{prefix}*"))
            .arg("COUNT")
            .arg(1000)
            .query_async(&mut connection)
            .await
            .expect("SCAN");
        keys.extend(batch);
        if next == 0 {
            return keys;
        }
        cursor = next;
    }
}

/// A token issuer standing in for the platform's token endpoint: counts its fetches, answers
/// `<name>-1`, `<name>-2`, ... after `delay`, each valid `lifetime`.
pub struct Issuer {
    pub name: &'static str,
    pub fetches: AtomicUsize,
    pub delay: Duration,
    pub lifetime: Option<Duration>,
}

impl Issuer {
    pub fn new(name: &'static str, lifetime: Option<Duration>) -> Arc<Self> {
        Self::slow(name, lifetime, Duration::from_millis(30))
    }

    pub fn slow(name: &'static str, lifetime: Option<Duration>, delay: Duration) -> Arc<Self> {
        Arc::new(Self {
            name,
            fetches: AtomicUsize::new(0),
            delay,
            lifetime,
        })
    }

    pub fn fetches(&self) -> usize {
        self.fetches.load(Ordering::SeqCst)
    }
}

impl TokenSource for Issuer {
    fn fetch(&self) -> BoxFuture<'_, Result<(Secret, Option<Duration>), TokenError>> {
        Box::pin(async move {
            let n = self.fetches.fetch_add(1, Ordering::SeqCst) + 1;
            tokio::time::sleep(self.delay).await;
            Ok((Secret::new(format!("{}-{n}", self.name)), self.lifetime))
        })
    }
}
