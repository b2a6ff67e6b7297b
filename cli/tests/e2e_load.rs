//! End to end under load: ~200 concurrent `present` calls through one generated Midas client
//! while the mock injects seeded faults (busy, dropped connections, HTTP 500) and the client's
//! transport loses some answers *after* the mock applied the order. Failed calls are re-sent
//! with the same `bill_no`; in the end every order is applied exactly once and the balance is
//! the sum of all amounts.

mod e2e_support;

use std::collections::{BTreeMap, BTreeSet};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use e2e_support::*;
use gamechannel::client::{
    BoxFuture, HttpRequest, HttpResponse, RetryPolicy, Transport, TransportError,
    TransportErrorKind,
};
use gamechannel::wechat_midas::Environment;
use gamechannel_cli::mock::Faults;

const ORDERS: usize = 200;
const PRESENT: &str = "/cgi-bin/midas/present";

/// Loses the answer to some `present` exchanges after the mock answered them: the order was
/// applied, the client sees a broken connection and retries it. Deterministic: a seeded
/// xorshift decides, in the order answers arrive.
#[derive(Clone)]
struct LosesAnswers {
    inner: Recording,
    rate_per_mille: u64,
    on: Arc<AtomicBool>,
    rng: Arc<Mutex<u64>>,
    lost: Arc<Mutex<Vec<String>>>,
}

impl LosesAnswers {
    fn roll(&self) -> bool {
        let mut x = self.rng.lock().unwrap_or_else(|e| e.into_inner());
        *x ^= *x << 13;
        *x ^= *x >> 7;
        *x ^= *x << 17;
        *x % 1000 < self.rate_per_mille
    }
}

impl Transport for LosesAnswers {
    fn send(&self, request: HttpRequest) -> BoxFuture<'_, Result<HttpResponse, TransportError>> {
        let present = request.url_without_query().ends_with(PRESENT);
        let bill = request
            .body
            .as_deref()
            .and_then(|b| serde_json::from_str::<serde_json::Value>(b).ok())
            .and_then(|v| v["bill_no"].as_str().map(str::to_owned));
        Box::pin(async move {
            let answer = self.inner.send(request).await?;
            // Only answers of applied orders are lost (a lost busy answer would change nothing).
            let applied = answer.status == 200
                && serde_json::from_slice::<serde_json::Value>(&answer.body)
                    .is_ok_and(|v| v["errcode"] == 0);
            if present && applied && self.on.load(Ordering::SeqCst) && self.roll() {
                self.lost
                    .lock()
                    .unwrap_or_else(|e| e.into_inner())
                    .push(bill.unwrap_or_default());
                return Err(TransportError::new(
                    TransportErrorKind::Io,
                    "test: answer lost after the platform sent it",
                ));
            }
            Ok(answer)
        })
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn concurrent_presents_under_faults_apply_exactly_once() {
    let started = Instant::now();
    let mock = mock_with(|_| {}).await;
    let recording = Recording::new();
    let transport = LosesAnswers {
        inner: recording.clone(),
        rate_per_mille: 80,
        on: Arc::new(AtomicBool::new(false)),
        rng: Arc::new(Mutex::new(0x9E37_79B9_7F4A_7C15)),
        lost: Arc::default(),
    };
    let retry = RetryPolicy {
        max_attempts: 8,
        initial_backoff: Duration::from_millis(5),
        max_backoff: Duration::from_millis(50),
    };
    let setup = midas_client(
        &mock,
        Environment::Production,
        cred("wechat_midas", "app_key"),
        retry,
        &transport,
    );
    let player = player("e2e-load-player");
    let start_balance = bounded("warm", setup.client.get_balance(&player.balance()))
        .await
        .expect("balance before the load")
        .balance
        .unwrap_or(-1);
    assert_eq!(start_balance, 0);

    let orders: BTreeMap<String, i64> = (0..ORDERS)
        .map(|i| (format!("e2e-load-{i:04}"), (i % 7 + 1) as i64))
        .collect();
    let expected_sum: i64 = orders.values().sum();

    mock.set_faults(Faults {
        busy_rate: 0.2,
        drop_rate: 0.1,
        http_500_rate: 0.05,
        seed: Some(20_240_601),
        ..Faults::default()
    });
    transport.on.store(true, Ordering::SeqCst);
    recording.clear();

    let mut tasks = tokio::task::JoinSet::new();
    for (bill, amount) in &orders {
        let client = setup.client.clone();
        let request = player.present(bill, *amount);
        let bill = bill.clone();
        tasks.spawn(async move { (bill, client.present(&request).await) });
    }
    let mut failed = BTreeSet::new();
    let mut first_round_ok = 0usize;
    let all = async {
        while let Some(joined) = tasks.join_next().await {
            let (bill, result) = joined.expect("task ran");
            match result {
                Ok(answer) => {
                    assert_eq!(answer.bill_no.as_deref(), Some(bill.as_str()));
                    first_round_ok += 1;
                }
                Err(_) => {
                    failed.insert(bill);
                }
            }
        }
    };
    bounded("200 concurrent presents", all).await;
    assert_eq!(first_round_ok + failed.len(), ORDERS);

    // The outage ends; whatever still failed is re-sent with the same bill_no.
    mock.set_faults(Faults::default());
    transport.on.store(false, Ordering::SeqCst);
    let resent = failed.len();
    for _round in 0..3 {
        if failed.is_empty() {
            break;
        }
        let mut still = BTreeSet::new();
        for bill in &failed {
            let request = player.present(bill, orders[bill]);
            if bounded("re-send", setup.client.present(&request))
                .await
                .is_err()
            {
                still.insert(bill.clone());
            }
        }
        failed = still;
    }
    assert!(
        failed.is_empty(),
        "still failing after re-sends: {failed:?}"
    );

    // The ledger: every order exactly once, none missing, none extra.
    let ledger = mock.ledger();
    let presents: BTreeMap<&str, _> = ledger
        .orders
        .iter()
        .filter(|o| o.endpoint == "present")
        .map(|o| (o.bill_no.as_str(), o))
        .collect();
    assert_eq!(
        presents.keys().copied().collect::<BTreeSet<_>>(),
        orders.keys().map(String::as_str).collect::<BTreeSet<_>>(),
        "every bill_no recorded, and nothing else"
    );
    for (bill, order) in &presents {
        assert_eq!(order.applied, 1, "{bill} applied {} times", order.applied);
        assert_eq!(order.amount, orders[*bill], "{bill}");
        assert_eq!(order.openid, player.openid);
    }
    assert_eq!(player.ledger_balance(&mock), expected_sum);
    let balance = bounded("final balance", setup.client.get_balance(&player.balance()))
        .await
        .expect("final balance")
        .balance;
    assert_eq!(balance, Some(expected_sum), "nothing lost, nothing doubled");

    // Faults really happened, and the ledger saw exactly the requests that got past them.
    let sent = recording.to(PRESENT);
    let count = |seen: &Seen| sent.iter().filter(|e| e.seen == *seen).count();
    let dropped = count(&Seen::Failed);
    let http_500 = sent
        .iter()
        .filter(|e| matches!(e.seen, Seen::Answer { status: 500, .. }))
        .count();
    let busy = count(&Seen::Answer {
        status: 200,
        code: Some(-1),
    });
    let applied_or_replayed = count(&Seen::Answer {
        status: 200,
        code: Some(0),
    });
    let lost = transport
        .lost
        .lock()
        .unwrap_or_else(|e| e.into_inner())
        .clone();
    assert!(
        dropped > 0,
        "no dropped connection in {} attempts",
        sent.len()
    );
    assert!(http_500 > 0, "no HTTP 500 in {} attempts", sent.len());
    assert!(busy > 0, "no busy answer in {} attempts", sent.len());
    assert!(!lost.is_empty(), "no answer was lost");
    assert_eq!(
        dropped + http_500 + busy + applied_or_replayed,
        sent.len(),
        "every exchange is a fault or an answer"
    );
    assert!(sent.len() > ORDERS + 50, "{} attempts", sent.len());
    // Faults are injected before the platform applies anything: the ledger counts only the
    // requests that got through, which is one per order plus one per lost answer.
    let ledger_requests: u32 = presents.values().map(|o| o.requests).sum();
    assert_eq!(ledger_requests as usize, applied_or_replayed);
    assert_eq!(applied_or_replayed, ORDERS + lost.len());
    for bill in &lost {
        let order = presents[bill.as_str()];
        assert!(
            order.requests >= 2 && order.applied == 1,
            "{bill}: its answer was lost, so it was requested again and replayed: {order:?}"
        );
    }

    let elapsed = started.elapsed();
    eprintln!(
        "load: {ORDERS} orders, {} attempts ({dropped} dropped, {http_500} HTTP 500, {busy} busy, {} answers lost), {resent} re-sent, {elapsed:?}",
        sent.len(),
        lost.len()
    );
    assert!(elapsed < Duration::from_secs(15), "took {elapsed:?}");
    mock.shutdown().await;
}
