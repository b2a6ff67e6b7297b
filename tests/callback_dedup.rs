//! A repeated callback is answered the same and delivered once, also when the resends arrive
//! at the same time; a failed delivery is delivered again on the next resend.

#![cfg(all(feature = "wancms", feature = "llewan"))]

use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::Duration;

use gamechannel::dedup::{Begin, Outcome, handle_once_outcome};
use gamechannel::{DedupStore, MemoryDedup, Secret, handle_once, llewan, wancms};

const NOTIFY: &str = "app_id=game_1001&open_id=wc_open_9f8e7d&bill_no=B20261121001&orderid=WC202611210000123&ext=role%3D77%3Bsrv%3D3&price=6.00&status=success&sign=48c46a50d1eec1fae2590f0d288591f1";

fn notify() -> wancms::PayNotifyNotification {
    let creds = wancms::Credentials {
        login_key: Secret::new(""),
        pay_key: Secret::new("wancms-pay-key-test"),
    };
    wancms::PayNotifyNotification::verify(NOTIFY, &creds).expect("vector verifies")
}

/// A delivery function that counts its runs and takes a while, like a database write.
fn counting(
    count: &Arc<AtomicUsize>,
) -> impl Fn(
    wancms::PayNotifyNotification,
) -> std::pin::Pin<Box<dyn Future<Output = Result<(), String>> + Send>>
+ Clone
+ use<> {
    let count = Arc::clone(count);
    move |_n| {
        let count = Arc::clone(&count);
        Box::pin(async move {
            count.fetch_add(1, Ordering::SeqCst);
            tokio::time::sleep(Duration::from_millis(50)).await;
            Ok(())
        })
    }
}

#[tokio::test]
async fn three_resends_one_delivery() {
    let store = MemoryDedup::default();
    let count = Arc::new(AtomicUsize::new(0));
    let deliver = counting(&count);
    let mut replies = Vec::new();
    for _ in 0..3 {
        replies.push(handle_once(&store, notify(), deliver.clone()).await);
    }
    assert_eq!(replies, ["success"; 3]);
    assert_eq!(count.load(Ordering::SeqCst), 1);
    let (_, outcome) = handle_once_outcome(&store, notify(), deliver).await;
    assert_eq!(outcome, Outcome::Duplicate);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn concurrent_resends_one_delivery() {
    let store: Arc<dyn DedupStore> = Arc::new(MemoryDedup::default());
    let count = Arc::new(AtomicUsize::new(0));
    let tasks: Vec<_> = (0..16)
        .map(|_| {
            let (store, deliver) = (Arc::clone(&store), counting(&count));
            tokio::spawn(async move { handle_once_outcome(&*store, notify(), deliver).await })
        })
        .collect();
    let mut outcomes = Vec::new();
    for task in tasks {
        let (reply, outcome) = task.await.expect("no panic");
        // Resends that overlap the running delivery are refused: the platform tries again.
        let expected = if outcome == Outcome::InProgress {
            "fail"
        } else {
            "success"
        };
        assert_eq!(reply, expected);
        outcomes.push(outcome);
    }
    assert_eq!(count.load(Ordering::SeqCst), 1);
    let delivered = outcomes.iter().filter(|o| **o == Outcome::Delivered);
    assert_eq!(delivered.count(), 1, "{outcomes:?}");
    // Once done, every resend gets the first reply.
    assert_eq!(
        handle_once(&*store, notify(), counting(&count)).await,
        "success"
    );
    assert_eq!(count.load(Ordering::SeqCst), 1);
}

#[tokio::test]
async fn a_failed_delivery_is_retried_on_the_next_resend() {
    let store = MemoryDedup::default();
    let runs = Arc::new(AtomicUsize::new(0));
    let deliver = |_n| {
        let runs = Arc::clone(&runs);
        async move {
            // The first run fails (database down), the second succeeds.
            match runs.fetch_add(1, Ordering::SeqCst) {
                0 => Err("database unavailable".to_owned()),
                _ => Ok(()),
            }
        }
    };
    assert_eq!(handle_once(&store, notify(), deliver).await, "fail");
    assert_eq!(handle_once(&store, notify(), deliver).await, "success");
    assert_eq!(handle_once(&store, notify(), deliver).await, "success");
    assert_eq!(runs.load(Ordering::SeqCst), 2);
}

#[tokio::test]
async fn failure_reason_reaches_llewan_msg() {
    let raw = r#"{"game":"demo-weixin","uid":"12_11_1","roleId":"10086","serverId":"3","awardCode":"GIFT2026A","timeStamp":1763769600,"sign":"2b47813acc3cdad9f5460621c91c35fd"}"#;
    let creds = llewan::Credentials {
        secret: Secret::new("abc"),
    };
    let n = llewan::GiftCodeNotification::verify(raw, &creds).expect("vector verifies");
    let store = MemoryDedup::default();
    let reply = handle_once(&store, n.clone(), |_| async { Err("no such role".into()) }).await;
    assert_eq!(reply, r#"{"code":-1,"msg":"no such role"}"#);
    let reply = handle_once(&store, n, |_| async { Ok(()) }).await;
    assert_eq!(reply, r#"{"code":1,"msg":"success"}"#);
}

#[tokio::test]
async fn store_contract() {
    let store = MemoryDedup::default();
    assert_eq!(store.begin("k").await, Begin::First);
    assert_eq!(store.begin("k").await, Begin::InProgress);
    store.complete("k", "success").await;
    assert_eq!(store.begin("k").await, Begin::Done("success".into()));
    // A handled key stays handled even if a late failure tries to release it.
    store.abandon("k").await;
    assert_eq!(store.begin("k").await, Begin::Done("success".into()));
    assert_eq!(store.begin("other").await, Begin::First);
    store.abandon("other").await;
    assert_eq!(store.begin("other").await, Begin::First);
}
