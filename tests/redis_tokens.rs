//! `RedisTokens` against a real Redis: providers with their own connections stand for game
//! servers; one fetch serves them all, a rejection is refreshed once, a late fetch never
//! replaces a newer token, a dead lock holder delays the others only until its lease ends.

#![cfg(feature = "redis")]

mod redis_support;

use std::sync::Arc;
use std::time::{Duration, Instant};

use gamechannel::Secret;
use gamechannel::client::{TokenProvider, TokenSource};
use gamechannel::redis::{RedisStore, RedisTokens, TokenKey};
use redis_support::{Issuer, keys, prefix, raw, redis_url};

const STEP: Duration = Duration::from_secs(10);

fn key() -> TokenKey {
    TokenKey::new("wechat_midas", "wx-test-app", "access_token")
}

/// A provider over its own connection, as a separate process would have.
fn provider<S: TokenSource>(url: &str, prefix: &str, source: S) -> RedisTokens<S> {
    let store = RedisStore::open(url)
        .expect("valid URL")
        .with_prefix(prefix);
    RedisTokens::new(store, key(), source)
}

async fn bounded<F: Future>(what: &str, future: F) -> F::Output {
    tokio::time::timeout(STEP, future)
        .await
        .unwrap_or_else(|_| panic!("{what} took longer than {STEP:?}"))
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn many_servers_fetch_once() {
    let Some(url) = redis_url("many_servers_fetch_once") else {
        return;
    };
    let prefix = prefix("fetch_once");
    let issuer = Issuer::slow(
        "t",
        Some(Duration::from_secs(7200)),
        Duration::from_millis(200),
    );
    let providers: Vec<_> = (0..6)
        .map(|_| Arc::new(provider(&url, &prefix, issuer.clone())))
        .collect();
    let mut tasks = Vec::new();
    for p in &providers {
        for _ in 0..5 {
            let p = Arc::clone(p);
            tasks.push(tokio::spawn(async move { p.token().await }));
        }
    }
    for task in tasks {
        let token = bounded("token", task).await.expect("no panic");
        assert_eq!(token.expect("a token").expose(), "t-1");
    }
    assert_eq!(issuer.fetches(), 1, "one fetch for 30 callers in 6 servers");

    // Stored with the lifetime less a margin, under a key naming only platform, app, credential.
    let stored = keys(&url, &prefix).await;
    assert_eq!(
        stored,
        [format!(
            "{prefix}token:wechat_midas:wx-test-app:access_token"
        )]
    );
    let ttl: i64 = redis::cmd("PTTL")
        .arg(&stored[0])
        .query_async(&mut raw(&url).await)
        .await
        .expect("PTTL");
    assert!((7_100_000..=7_170_000).contains(&ttl), "{ttl}");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_rejection_is_refreshed_once_and_never_undone() {
    let Some(url) = redis_url("a_rejection_is_refreshed_once_and_never_undone") else {
        return;
    };
    let prefix = prefix("rejection");
    let issuer = Issuer::new("t", None);
    let providers: Vec<_> = (0..4)
        .map(|_| Arc::new(provider(&url, &prefix, issuer.clone())))
        .collect();
    let first = bounded("token", providers[0].token()).await.expect("token");
    assert_eq!(first.expose(), "t-1");
    // Every server meets the rejection at once: one fetch replaces it for all.
    let tasks: Vec<_> = providers
        .iter()
        .map(|p| {
            let (p, rejected) = (Arc::clone(p), first.clone());
            tokio::spawn(async move { p.refresh(&rejected).await })
        })
        .collect();
    for task in tasks {
        let fresh = bounded("refresh", task).await.expect("no panic");
        assert_eq!(fresh.expect("refreshed").expose(), "t-2");
    }
    assert_eq!(issuer.fetches(), 2);
    // A server that saw the old token rejected late gets the newer one, no fetch.
    let late = bounded("late refresh", providers[3].refresh(&first)).await;
    assert_eq!(late.expect("refreshed").expose(), "t-2");
    assert_eq!(issuer.fetches(), 2);
    let next = bounded("refresh", providers[1].refresh(&Secret::new("t-2"))).await;
    assert_eq!(next.expect("refreshed").expose(), "t-3");
    assert_eq!(issuer.fetches(), 3);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_late_fetch_never_replaces_a_newer_token() {
    let Some(url) = redis_url("a_late_fetch_never_replaces_a_newer_token") else {
        return;
    };
    let prefix = prefix("late_fetch");
    // The slow server's lease ends during its fetch; the fast one fetches and stores first.
    let slow_issuer = Issuer::slow("slow", None, Duration::from_millis(900));
    let fast_issuer = Issuer::new("fast", None);
    let slow =
        provider(&url, &prefix, slow_issuer.clone()).with_lock_lease(Duration::from_millis(200));
    let fast = provider(&url, &prefix, fast_issuer.clone());
    let slow_task = tokio::spawn(async move { slow.token().await });
    tokio::time::sleep(Duration::from_millis(400)).await;
    let fast_token = bounded("fast token", fast.token()).await.expect("token");
    assert_eq!(fast_token.expose(), "fast-1");
    let slow_token = bounded("slow token", slow_task).await.expect("no panic");
    assert_eq!(
        slow_token.expect("token").expose(),
        "fast-1",
        "the late fetch yields to the stored token"
    );
    assert_eq!((slow_issuer.fetches(), fast_issuer.fetches()), (1, 1));
    let again = bounded("token", fast.token()).await.expect("token");
    assert_eq!(again.expose(), "fast-1");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_early_refresh_blocks_no_call() {
    let Some(url) = redis_url("an_early_refresh_blocks_no_call") else {
        return;
    };
    let prefix = prefix("early");
    // Lives 6 s, due 3 s before: the refresh takes 1 s, callers keep the current token meanwhile.
    let delay = Duration::from_secs(1);
    let issuer = Issuer::slow("t", Some(Duration::from_secs(6)), delay);
    let a = Arc::new(provider(&url, &prefix, issuer.clone()).with_margin(Duration::from_secs(3)));
    let b = provider(&url, &prefix, issuer.clone()).with_margin(Duration::from_secs(3));
    assert_eq!(
        bounded("token", a.token()).await.expect("token").expose(),
        "t-1"
    );
    tokio::time::sleep(Duration::from_secs(3)).await;
    let refreshing = {
        let a = Arc::clone(&a);
        tokio::spawn(async move { a.token().await })
    };
    // Once `a` holds the lock, `b` must not wait for its fetch.
    let lock = format!("{prefix}token-lock:wechat_midas:wx-test-app:access_token");
    let mut connection = raw(&url).await;
    bounded("the refresh takes the lock", async {
        loop {
            let held: bool = redis::cmd("EXISTS")
                .arg(&lock)
                .query_async(&mut connection)
                .await
                .expect("EXISTS");
            if held {
                break;
            }
            tokio::time::sleep(Duration::from_millis(5)).await;
        }
    })
    .await;
    let started = Instant::now();
    let meanwhile = bounded("token", b.token()).await.expect("token");
    assert_eq!(meanwhile.expose(), "t-1", "served while another refreshes");
    assert!(started.elapsed() < delay / 2, "{:?}", started.elapsed());
    let refreshed = bounded("refresh", refreshing).await.expect("no panic");
    // Whoever took the lock waited for its own fetch; the others never did.
    assert!(["t-1", "t-2"].contains(&refreshed.expect("token").expose()));
    assert_eq!(
        bounded("token", b.token()).await.expect("token").expose(),
        "t-2"
    );
    assert_eq!(issuer.fetches(), 2);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_dead_lock_holder_delays_only_until_its_lease_ends() {
    let Some(url) = redis_url("a_dead_lock_holder_delays_only_until_its_lease_ends") else {
        return;
    };
    let prefix = prefix("dead_holder");
    let lock = format!("{prefix}token-lock:wechat_midas:wx-test-app:access_token");
    let mut connection = raw(&url).await;
    // A server took the lock and died: its lease runs 1.5 s.
    let _: () = redis::cmd("SET")
        .arg(&lock)
        .arg("dead-owner")
        .arg("PX")
        .arg(1500)
        .query_async(&mut connection)
        .await
        .expect("SET");
    let issuer = Issuer::new("t", None);
    let impatient =
        provider(&url, &prefix, issuer.clone()).with_max_wait(Duration::from_millis(300));
    let error = bounded("impatient", impatient.token())
        .await
        .expect_err("gives up");
    assert!(error.to_string().contains("gave up waiting"), "{error}");
    // Giving up released nothing: only an owner deletes its lock.
    let owner: Option<String> = redis::cmd("GET")
        .arg(&lock)
        .query_async(&mut connection)
        .await
        .expect("GET");
    assert_eq!(owner.as_deref(), Some("dead-owner"));

    let lease_left: i64 = redis::cmd("PTTL")
        .arg(&lock)
        .query_async(&mut connection)
        .await
        .expect("PTTL");
    let started = Instant::now();
    let patient = provider(&url, &prefix, issuer.clone());
    let token = bounded("patient", patient.token())
        .await
        .expect("token after the lease");
    assert_eq!(token.expose(), "t-1");
    let waited = started.elapsed();
    // Not before the lease ends, and soon after (waiters poll at most every 250 ms).
    let lease_left = Duration::from_millis(u64::try_from(lease_left).expect("lease running"));
    assert!(
        waited + Duration::from_millis(50) >= lease_left
            && waited < lease_left + Duration::from_secs(3),
        "waited {waited:?} for a lease of {lease_left:?}"
    );
    assert_eq!(issuer.fetches(), 1);
    // And the new holder released its own lock.
    let left: Option<String> = redis::cmd("GET")
        .arg(&lock)
        .query_async(&mut connection)
        .await
        .expect("GET");
    assert_eq!(left, None);
}

#[tokio::test]
async fn an_unreachable_redis_fails_calls_clearly_and_fetches_nothing() {
    // Nothing listens on loopback port 1: no test Redis needed.
    let issuer = Issuer::new("t", None);
    let tokens = provider("redis://:redis-password@127.0.0.1:1/", "x:", issuer.clone());
    let error = bounded("token", tokens.token())
        .await
        .expect_err("no Redis");
    let text = error.to_string();
    assert!(
        text.starts_with("no access token: store unavailable: Redis"),
        "{text}"
    );
    assert!(!text.contains("redis-password"), "{text}");
    let error = bounded("refresh", tokens.refresh(&Secret::new("t-0"))).await;
    assert!(error.is_err());
    assert_eq!(
        issuer.fetches(),
        0,
        "no fetch behind the other servers' backs"
    );
    assert!(!format!("{tokens:?}").contains("redis-password"));
}
