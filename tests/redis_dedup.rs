//! `RedisDedup` against a real Redis: `MemoryDedup`'s contract across stores with their own
//! connections (one per game server), a claim expiring with its lease, concurrent deliveries
//! of one notification through three servers, and a clear refusal while Redis is unreachable.

#![cfg(all(feature = "redis", feature = "wancms"))]

mod redis_support;

use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::Duration;

use gamechannel::dedup::{Begin, Outcome, handle_once_outcome};
use gamechannel::redis::{RedisDedup, RedisStore};
use gamechannel::{DedupStore, Secret, handle_once, wancms};
use redis_support::{keys, prefix, raw, redis_url};

const NOTIFY: &str = "app_id=game_1001&open_id=wc_open_9f8e7d&bill_no=B20261121001&orderid=WC202611210000123&ext=role%3D77%3Bsrv%3D3&price=6.00&status=success&sign=48c46a50d1eec1fae2590f0d288591f1";
const PAY_KEY: &str = "wancms-pay-key-test";

fn notify() -> wancms::PayNotifyNotification {
    let creds = wancms::Credentials {
        login_key: Secret::new(""),
        pay_key: Secret::new(PAY_KEY),
    };
    wancms::PayNotifyNotification::verify(NOTIFY, &creds).expect("vector verifies")
}

/// A dedup store over its own connection, as a separate game server would have.
fn server(url: &str, prefix: &str) -> RedisDedup {
    RedisDedup::new(
        RedisStore::open(url)
            .expect("valid URL")
            .with_prefix(prefix),
    )
}

#[tokio::test]
async fn the_memory_contract_across_servers() {
    let Some(url) = redis_url("the_memory_contract_across_servers") else {
        return;
    };
    let prefix = prefix("contract");
    let (a, b) = (server(&url, &prefix), server(&url, &prefix));
    assert_eq!(a.begin("k").await, Begin::First);
    assert_eq!(b.begin("k").await, Begin::InProgress);
    // b holds no claim on k: its abandon releases nothing.
    b.abandon("k").await;
    assert_eq!(b.begin("k").await, Begin::InProgress);
    a.complete("k", "success").await;
    assert_eq!(b.begin("k").await, Begin::Done("success".into()));
    // A handled key stays handled even if a late failure tries to release it.
    a.abandon("k").await;
    assert_eq!(a.begin("k").await, Begin::Done("success".into()));
    assert_eq!(b.begin("other").await, Begin::First);
    b.abandon("other").await;
    assert_eq!(a.begin("other").await, Begin::First);

    // Delivered replies are remembered for the TTL, under readable keys.
    let done = format!("{prefix}dedup:k");
    let ttl: i64 = redis::cmd("PTTL")
        .arg(&done)
        .query_async(&mut raw(&url).await)
        .await
        .expect("PTTL");
    let week = 7 * 24 * 3600 * 1000;
    assert!((week - 60_000..=week).contains(&ttl), "{ttl}");
    let mut stored = keys(&url, &prefix).await;
    stored.sort();
    assert_eq!(stored, [done, format!("{prefix}dedup:other")]);
}

#[tokio::test]
async fn a_claim_whose_holder_died_expires_with_its_lease() {
    let Some(url) = redis_url("a_claim_whose_holder_died_expires_with_its_lease") else {
        return;
    };
    let prefix = prefix("lease");
    let dying = server(&url, &prefix).with_lease(Duration::from_millis(400));
    assert_eq!(dying.begin("k").await, Begin::First);
    drop(dying); // dies without complete or abandon
    let other = server(&url, &prefix);
    assert_eq!(other.begin("k").await, Begin::InProgress);
    tokio::time::sleep(Duration::from_millis(500)).await;
    assert_eq!(
        other.begin("k").await,
        Begin::First,
        "redelivered after the lease"
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn concurrent_deliveries_through_three_servers_run_the_handler_once() {
    let Some(url) = redis_url("concurrent_deliveries_through_three_servers") else {
        return;
    };
    let prefix = prefix("three_servers");
    let servers: Vec<Arc<RedisDedup>> = (0..3).map(|_| Arc::new(server(&url, &prefix))).collect();
    let runs = Arc::new(AtomicUsize::new(0));
    let deliver = {
        let runs = Arc::clone(&runs);
        move |_n: wancms::PayNotifyNotification| {
            let runs = Arc::clone(&runs);
            async move {
                runs.fetch_add(1, Ordering::SeqCst);
                tokio::time::sleep(Duration::from_millis(100)).await;
                Ok::<(), String>(())
            }
        }
    };
    let tasks: Vec<_> = (0..12)
        .map(|i| {
            let (store, deliver) = (Arc::clone(&servers[i % 3]), deliver.clone());
            tokio::spawn(async move { handle_once_outcome(&*store, notify(), deliver).await })
        })
        .collect();
    let mut delivered = 0;
    for task in tasks {
        let (reply, outcome) = task.await.expect("no panic");
        match outcome {
            Outcome::Delivered | Outcome::Duplicate => assert_eq!(reply, "success"),
            Outcome::InProgress => assert_eq!(reply, "fail"),
            other => panic!("{other:?}: {reply}"),
        }
        delivered += usize::from(outcome == Outcome::Delivered);
    }
    assert_eq!((delivered, runs.load(Ordering::SeqCst)), (1, 1));
    for store in &servers {
        assert_eq!(
            handle_once(&**store, notify(), deliver.clone()).await,
            "success"
        );
    }
    assert_eq!(runs.load(Ordering::SeqCst), 1);
}

#[tokio::test]
async fn an_unreachable_redis_refuses_without_delivering() {
    // Nothing listens on loopback port 1: no test Redis needed.
    let store = server("redis://:redis-password@127.0.0.1:1/", "x:");
    let Begin::Unavailable(error) = store.begin("k").await else {
        panic!("a store that cannot be reached must say so");
    };
    let text = error.to_string();
    assert!(text.starts_with("store unavailable: Redis"), "{text}");
    assert!(!text.contains("redis-password"), "{text}");
    let runs = AtomicUsize::new(0);
    let (reply, outcome) = handle_once_outcome(&store, notify(), |_| async {
        runs.fetch_add(1, Ordering::SeqCst);
        Ok::<(), String>(())
    })
    .await;
    assert_eq!((reply.as_str(), outcome), ("fail", Outcome::Unavailable));
    assert_eq!(runs.load(Ordering::SeqCst), 0, "nothing delivered");
    assert!(!format!("{store:?}").contains("redis-password"));
}
