//! Several game-server processes sharing one Redis, against the mock platform:
//!
//! - four processes present game currency concurrently while the mock expires every token
//!   mid-run: the mock is asked for a token once per expiry, no call fails, every `bill_no` is
//!   credited exactly once;
//! - one wancms pay notify sent to three processes at once and resent until acknowledged: the
//!   game's handler runs once per order, every final answer is `success`;
//! - and in both, no secret (key, AppSecret, token) in a Redis key name or in the logs.

mod redis_support;

use std::collections::BTreeMap;
use std::sync::Arc;
use std::time::{Duration, Instant};

use gamechannel_cli::mock::{CallbackPolicy, MockConfig, RunningMock, start};
use gamechannel_cli::specs::Catalog;
use tokio::task::JoinSet;

use redis_support::{Worker, bounded, cred, keys, mock_token_in, prefix, redis_url, worker};

/// Not a test: the body of the game-server processes the tests start.
#[test]
#[ignore = "run by the tests below, in a process of its own"]
fn game_server_process() {
    worker::run_if_asked();
}

const EXPIRIES: u64 = 3;
const SERVERS: usize = 4;

async fn mock(edit: impl FnOnce(&mut MockConfig)) -> RunningMock {
    let mut config = MockConfig::defaults("127.0.0.1:0".parse().expect("loopback"));
    edit(&mut config);
    let platforms = Catalog::load(&[])
        .expect("built-in specs")
        .platforms()
        .to_vec();
    let mock = start(config, platforms).await.expect("mock starts");
    assert!(mock.addr().ip().is_loopback());
    mock
}

/// No secret of the mock's credentials, nor anything shaped like one of its tokens, in `text`.
fn assert_no_secret(what: &str, text: &str) {
    for (platform, name, value) in redis_support::DEFAULT_CREDENTIALS {
        if *name != "appid" {
            assert!(
                !text.contains(value),
                "{platform}.{name} in {what}:\n{text}"
            );
        }
    }
    assert_eq!(
        mock_token_in(text),
        None,
        "an access token in {what}:\n{text}"
    );
}

/// Waits until the mock has made `issued` tokens in all.
async fn until_issued(mock: &RunningMock, issued: u64) {
    bounded("a token refresh after the expiry", async {
        while mock
            .token_counts()
            .get("wechat_midas")
            .map_or(0, |c| c.issued)
            < issued
        {
            tokio::time::sleep(Duration::from_millis(10)).await;
        }
    })
    .await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn four_servers_share_one_token_through_expiries() {
    let Some(url) = redis_url("four_servers_share_one_token_through_expiries") else {
        return;
    };
    let started = Instant::now();
    let prefix = prefix("midas");
    let mock = mock(|_| {}).await;
    let mut servers: Vec<Worker> = (0..SERVERS)
        .map(|i| {
            Worker::start(
                "midas",
                &[
                    ("REDIS_URL", url.clone()),
                    ("PREFIX", prefix.clone()),
                    ("MOCK_URL", mock.base_url()),
                    ("NAME", format!("s{i}")),
                    ("TASKS", "2".into()),
                    ("PACE_MS", "25".into()),
                ],
            )
        })
        .collect();
    for server in &mut servers {
        server.expect("ready").await;
    }
    for server in &mut servers {
        server.say("go").await;
    }
    until_issued(&mock, 1).await;
    for expiry in 1..=EXPIRIES {
        // Let every server make calls with the current token, then expire it under them.
        for server in &mut servers {
            server.expect("ok").await;
        }
        tokio::time::sleep(Duration::from_millis(150)).await;
        mock.expire_tokens();
        until_issued(&mock, 1 + expiry).await;
    }
    for server in &mut servers {
        server.expect("ok").await;
    }
    for server in &mut servers {
        server.say("stop").await;
    }
    let (mut credited, mut logs) = (Vec::new(), String::new());
    for server in &mut servers {
        server.finish().await;
        let failed = server.seen("err");
        assert!(failed.is_empty(), "calls failed: {failed:?}");
        credited.extend(server.seen("ok"));
        logs.push_str(&server.output());
    }
    assert!(
        logs.contains("gamechannel.call"),
        "their logs were captured:\n{logs}"
    );
    assert_no_secret("the game servers' output", &logs);

    // One token request per expiry (and the first): no server fetched on its own.
    let counts = mock.token_counts()["wechat_midas"];
    assert_eq!(
        (counts.requests, counts.issued),
        (1 + EXPIRIES, 1 + EXPIRIES),
        "{counts:?}"
    );
    // Every bill credited exactly once.
    let orders: BTreeMap<String, u32> = mock
        .ledger()
        .orders
        .into_iter()
        .filter(|o| o.endpoint == "present")
        .map(|o| (o.bill_no, o.applied))
        .collect();
    credited.sort();
    let listed: Vec<&String> = orders.keys().collect();
    assert_eq!(listed, credited.iter().collect::<Vec<_>>());
    assert!(orders.values().all(|applied| *applied == 1), "{orders:?}");
    // And the expiries did hit calls in flight: refused, refreshed, sent again (their logs).
    let rejected = logs.matches("access token rejected").count();
    assert!(
        rejected >= EXPIRIES as usize,
        "token rejections: {rejected}"
    );

    let stored = keys(&url, &prefix).await;
    assert_eq!(
        stored,
        [format!(
            "{prefix}token:wechat_midas:{}:access_token",
            cred("wechat_midas", "appid")
        )]
    );
    assert_no_secret("Redis key names", &stored.join("\n"));
    eprintln!(
        "{} bills from {SERVERS} processes through {EXPIRIES} expiries, {} token requests, \
         {rejected} calls re-sent after a token rejection, in {:?}",
        credited.len(),
        counts.requests,
        started.elapsed()
    );
    mock.shutdown().await;
}

fn pay_notify(bill_no: &str) -> Vec<(String, String)> {
    [
        ("app_id", "game_1001"),
        ("open_id", "wc_open_9f8e7d"),
        ("bill_no", bill_no),
        ("orderid", "WC202611210000123"),
        ("ext", "role=77;srv=3"),
        ("price", "6.00"),
        ("status", "success"),
    ]
    .iter()
    .map(|(n, v)| ((*n).to_owned(), (*v).to_owned()))
    .collect()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn one_notify_to_three_servers_is_delivered_once() {
    let Some(url) = redis_url("one_notify_to_three_servers_is_delivered_once") else {
        return;
    };
    let prefix = prefix("notify");
    let mock = Arc::new(
        mock(|c| {
            c.callbacks = CallbackPolicy {
                max_attempts: 12,
                first_backoff: Duration::from_millis(50),
                max_backoff: Duration::from_millis(400),
                timeout: Duration::from_secs(5),
            }
        })
        .await,
    );
    let mut servers: Vec<Worker> = (0..3)
        .map(|_| {
            Worker::start(
                "notify",
                &[
                    ("REDIS_URL", url.clone()),
                    ("PREFIX", prefix.clone()),
                    ("LEASE_MS", "30000".into()),
                    ("HANDLER_MS", "300".into()),
                    ("HANG", "0".into()),
                ],
            )
        })
        .collect();
    let mut targets = Vec::new();
    for server in &mut servers {
        let port = server.expect("listening").await;
        targets.push(format!("http://127.0.0.1:{port}/wancms/notify"));
    }
    let bills: Vec<String> = (1..=5).map(|i| format!("B-REDIS-{i}")).collect();
    // Every order to every server at once, as a platform resending through a load balancer.
    let mut sends = JoinSet::new();
    for bill in &bills {
        for target in &targets {
            let (mock, target, fields) = (Arc::clone(&mock), target.clone(), pay_notify(bill));
            sends.spawn(async move {
                mock.send_callback("wancms", "pay_notify", &target, fields)
                    .await
            });
        }
    }
    let reports = bounded("the callbacks", sends.join_all()).await;
    let mut attempts = 0;
    for report in reports {
        let report = report.expect("the mock signs and sends");
        assert!(report.delivered, "{report:?}");
        assert_eq!(report.last_body, "success");
        attempts += report.attempts;
    }
    let mut delivered = Vec::new();
    for server in &mut servers {
        server.finish().await;
        delivered.extend(server.seen("delivered"));
        let logs = server.output();
        assert!(
            logs.contains("callback handled"),
            "its logs were captured:\n{logs}"
        );
        assert_no_secret("a game server's output", &logs);
    }
    delivered.sort();
    assert_eq!(
        delivered, bills,
        "each order delivered by exactly one server, once"
    );
    assert!(
        attempts > 15,
        "overlapping deliveries were answered fail and resent: {attempts}"
    );
    let stored = keys(&url, &prefix).await;
    assert_eq!(stored.len(), bills.len(), "{stored:?}");
    assert_no_secret("Redis key names", &stored.join("\n"));
    eprintln!(
        "15 concurrent notifies, {attempts} sends in all, {} deliveries",
        delivered.len()
    );
    if let Ok(mock) = Arc::try_unwrap(mock) {
        mock.shutdown().await;
    }
}
