//! Game servers sharing Redis when things break:
//!
//! - Redis killed mid-run and started again (a redis-server of the test's own, with AOF):
//!   calls and callbacks fail with a clear error while it is down and deliver nothing; a
//!   delivery whose handler ends meanwhile records its outcome once Redis is back (its reply
//!   waits); nothing is delivered twice, and all work completes after;
//! - a process killed while it holds the token lock, or a callback claim: the others go on
//!   once its lease ends.

mod redis_support;

use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use axum::Router;
use axum::routing::get;
use gamechannel::axum::{CallbackConfig, callback};
use gamechannel::client::{RetryPolicy, Target, TokenProvider};
use gamechannel::dedup::Begin;
use gamechannel::redis::{RedisDedup, RedisStore, RedisTokens, TokenKey};
use gamechannel::wechat_midas::{self as midas, Environment};
use gamechannel::{DedupStore, ReplayWindow, Secret, wancms};
use gamechannel_cli::mock::{CallbackPolicy, CallbackReport, MockConfig, RunningMock, start};
use gamechannel_cli::specs::Catalog;
use gamechannel_cli::tour::Player;
use redis_support::{RedisServer, Worker, bounded, cred, mock_token_in, prefix, redis_url, worker};

/// Not a test: the body of the game-server processes the tests start.
#[test]
#[ignore = "run by the tests below, in a process of its own"]
fn game_server_process() {
    worker::run_if_asked();
}

const SLOW_BILL: &str = "N-SLOW";

async fn mock(policy: CallbackPolicy) -> Arc<RunningMock> {
    let mut config = MockConfig::defaults("127.0.0.1:0".parse().expect("loopback"));
    config.callbacks = policy;
    let platforms = Catalog::load(&[])
        .expect("built-in specs")
        .platforms()
        .to_vec();
    Arc::new(start(config, platforms).await.expect("mock starts"))
}

fn token_source(mock: &RunningMock) -> midas::AccessTokenSource {
    let bootstrap =
        midas::Client::new(midas::Config::new(target(mock), credentials())).expect("a client");
    midas::AccessTokenSource::new(
        bootstrap,
        midas::GetStableTokenRequest {
            grant_type: "client_credential".into(),
            appid: cred("wechat_midas", "appid").into(),
            secret: Secret::new(cred("wechat_midas", "app_secret")),
            force_refresh: None,
        },
    )
}

fn target(mock: &RunningMock) -> Target<Environment> {
    Target::Custom {
        base_url: mock.base_url(),
        environment: Environment::Production,
    }
}

fn credentials() -> midas::Credentials {
    midas::Credentials {
        app_key: Secret::new(cred("wechat_midas", "app_key")),
        session_key: None,
        access_token: Secret::new(""),
    }
}

fn token_key() -> TokenKey {
    TokenKey::new(
        "wechat_midas",
        cred("wechat_midas", "appid"),
        "access_token",
    )
}

/// An in-process game server: a Midas client and a wancms notify route, both over Redis.
struct Game {
    client: midas::Client,
    notify_url: String,
    delivered: Arc<Mutex<Vec<String>>>,
    /// The slow handler's run has ended.
    slow_finished: Arc<AtomicBool>,
    server: tokio::task::JoinHandle<()>,
}

impl Drop for Game {
    fn drop(&mut self) {
        self.server.abort();
    }
}

impl Game {
    async fn start(mock: &RunningMock, redis_url: &str, prefix: &str) -> Game {
        let store = RedisStore::open(redis_url)
            .expect("URL")
            .with_prefix(prefix);
        let tokens = RedisTokens::new(store.clone(), token_key(), token_source(mock));
        let mut config =
            midas::Config::new(target(mock), credentials()).with_tokens(Arc::new(tokens));
        config.retry = RetryPolicy {
            max_attempts: 2,
            initial_backoff: Duration::from_millis(5),
            max_backoff: Duration::from_millis(20),
        };
        let delivered = Arc::new(Mutex::new(Vec::new()));
        let record = Arc::clone(&delivered);
        let slow_finished = Arc::new(AtomicBool::new(false));
        let finished = Arc::clone(&slow_finished);
        let notify = callback::<wancms::PayNotifyNotification, _, _>(
            CallbackConfig {
                credentials: wancms::Credentials {
                    login_key: Secret::new(cred("wancms", "login_key")),
                    pay_key: Secret::new(cred("wancms", "pay_key")),
                },
                dedup: Arc::new(RedisDedup::new(store)),
                window: ReplayWindow::default(),
            },
            move |n: wancms::PayNotifyNotification| {
                let (record, finished) = (Arc::clone(&record), Arc::clone(&finished));
                async move {
                    let slow = n.bill_no == SLOW_BILL;
                    record
                        .lock()
                        .unwrap_or_else(|e| e.into_inner())
                        .push(n.bill_no);
                    if slow {
                        tokio::time::sleep(Duration::from_millis(300)).await;
                        finished.store(true, Ordering::SeqCst);
                    }
                    Ok::<(), String>(())
                }
            },
        );
        let listener = tokio::net::TcpListener::bind("127.0.0.1:0")
            .await
            .expect("binds");
        let notify_url = format!(
            "http://{}/wancms/notify",
            listener.local_addr().expect("addr")
        );
        let router = Router::new().route("/wancms/notify", get(notify));
        let server = tokio::spawn(async move {
            axum::serve(listener, router).await.expect("game server");
        });
        Game {
            client: midas::Client::new(config).expect("a client"),
            notify_url,
            delivered,
            slow_finished,
            server,
        }
    }

    fn delivered(&self) -> Vec<String> {
        self.delivered
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .clone()
    }

    async fn present(&self, bill: &str) -> Result<(), String> {
        let player = Player::new(cred("wechat_midas", "appid"), "redis-outage", now());
        self.client
            .present(&player.present(bill, 1))
            .await
            .map(|_| ())
            .map_err(|e| e.to_string())
    }
}

fn now() -> i64 {
    i64::try_from(gamechannel::now_unix_secs()).expect("seconds")
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

async fn notify(mock: &RunningMock, url: &str, bill: &str) -> CallbackReport {
    bounded(
        "a callback",
        mock.send_callback("wancms", "pay_notify", url, pay_notify(bill)),
    )
    .await
    .expect("the mock signs and sends")
}

/// An error a game server may log: clear about Redis, and without any secret.
fn assert_clear(error: &str, password: &str) {
    assert!(error.contains("store unavailable: Redis"), "{error}");
    assert!(!error.contains(password), "{error}");
    assert!(!error.contains(cred("wechat_midas", "app_key")), "{error}");
    assert!(
        !error.contains(cred("wechat_midas", "app_secret")),
        "{error}"
    );
    assert_eq!(mock_token_in(error), None, "{error}");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn redis_down_and_back() {
    let Some(mut redis) = RedisServer::start("redis_down_and_back").await else {
        return;
    };
    let url = redis.url();
    let prefix = prefix("outage");
    let mock = mock(CallbackPolicy {
        max_attempts: 3,
        first_backoff: Duration::from_millis(20),
        max_backoff: Duration::from_millis(50),
        timeout: Duration::from_secs(10),
    })
    .await;
    let games = [
        Game::start(&mock, &url, &prefix).await,
        Game::start(&mock, &url, &prefix).await,
    ];
    for bill in ["up-1", "up-2", "up-3"] {
        bounded("present", games[0].present(bill))
            .await
            .expect("Redis is up");
    }
    assert!(notify(&mock, &games[0].notify_url, "N-UP").await.delivered);
    // A delivery is running when Redis goes away.
    let slow = {
        let (mock, url) = (Arc::clone(&mock), games[1].notify_url.clone());
        tokio::spawn(async move { notify(&mock, &url, SLOW_BILL).await })
    };
    bounded("the slow delivery starts", async {
        while games[1].delivered().is_empty() {
            tokio::time::sleep(Duration::from_millis(10)).await;
        }
    })
    .await;
    redis.stop().await;

    // Down: calls fail clearly, callbacks are refused and deliver nothing.
    let error = bounded("present", games[0].present("down-1"))
        .await
        .expect_err("Redis is down");
    assert_clear(&error, redis.password);
    let refused = notify(&mock, &games[0].notify_url, "N-DOWN").await;
    assert!(
        !refused.delivered && refused.last_body == "fail",
        "{refused:?}"
    );
    let resent = notify(&mock, &games[1].notify_url, "N-UP").await;
    assert!(!resent.delivered, "{resent:?}");
    let store = RedisStore::open(&url).expect("URL").with_prefix(&prefix);
    match bounded("begin", RedisDedup::new(store).begin("k")).await {
        Begin::Unavailable(error) => assert_clear(&error.to_string(), redis.password),
        other => panic!("{other:?}"),
    }

    // The running delivery ended while Redis is down: its reply waits until it is recorded.
    bounded("the slow handler", async {
        while !games[1].slow_finished.load(Ordering::SeqCst) {
            tokio::time::sleep(Duration::from_millis(10)).await;
        }
    })
    .await;
    tokio::time::sleep(Duration::from_millis(300)).await;
    assert!(
        !slow.is_finished(),
        "answered before its outcome was recorded"
    );

    redis.resume().await;
    let back = Instant::now();
    // The game retries its failed order; the first attempts may still meet the old connection.
    let mut failures_after = 0;
    while let Err(error) = bounded("present", games[0].present("down-1")).await {
        assert_clear(&error, redis.password);
        failures_after += 1;
        assert!(
            back.elapsed() < Duration::from_secs(5),
            "no recovery: {error}"
        );
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    let recovered = back.elapsed();
    bounded("present", games[1].present("up-4"))
        .await
        .expect("Redis is back");
    let slow = bounded("the slow delivery", slow).await.expect("no panic");
    assert!(slow.delivered, "recorded once Redis was back: {slow:?}");
    assert!(
        notify(&mock, &games[1].notify_url, "N-DOWN")
            .await
            .delivered
    );
    for bill in ["N-UP", SLOW_BILL, "N-DOWN"] {
        for game in &games {
            let again = notify(&mock, &game.notify_url, bill).await;
            assert!(again.delivered && again.attempts == 1, "{again:?}");
        }
    }

    let mut delivered: Vec<String> = games.iter().flat_map(Game::delivered).collect();
    delivered.sort();
    assert_eq!(delivered, ["N-DOWN", "N-SLOW", "N-UP"], "each once");
    let ledger = mock.ledger();
    let mut bills: Vec<(String, u32)> = ledger
        .orders
        .into_iter()
        .map(|o| (o.bill_no, o.applied))
        .collect();
    bills.sort();
    let expected = ["down-1", "up-1", "up-2", "up-3", "up-4"].map(|b| (b.to_owned(), 1));
    assert_eq!(bills, expected);
    // The token outlived the restart (AOF): nobody had to ask for another.
    assert_eq!(mock.token_counts()["wechat_midas"].requests, 1);
    eprintln!(
        "calls worked again {recovered:?} after Redis was back ({failures_after} failed before)"
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_killed_token_lock_holder_blocks_only_until_its_lease_ends() {
    let Some(url) = redis_url("a_killed_token_lock_holder_blocks_only_until_its_lease_ends") else {
        return;
    };
    let prefix = prefix("killed_lock");
    let mock = mock(CallbackPolicy::default()).await;
    let mut holder = Worker::start(
        "token-holder",
        &[
            ("REDIS_URL", url.clone()),
            ("PREFIX", prefix.clone()),
            ("LEASE_MS", "2000".into()),
        ],
    );
    holder.expect("fetching").await;
    holder.kill().await;
    let lock = format!(
        "{prefix}token-lock:wechat_midas:{}:access_token",
        cred("wechat_midas", "appid")
    );
    let lease_left = pttl(&url, &lock).await;

    let started = Instant::now();
    let store = RedisStore::open(&url).expect("URL").with_prefix(&prefix);
    let tokens = RedisTokens::new(store, token_key(), token_source(&mock));
    bounded("a token after the lease", tokens.token())
        .await
        .expect("a token");
    let waited = started.elapsed();
    assert!(
        waited + Duration::from_millis(50) >= lease_left
            && waited < lease_left + Duration::from_secs(3),
        "waited {waited:?} for a lease of {lease_left:?}"
    );
    assert_eq!(mock.token_counts()["wechat_midas"].requests, 1);
    eprintln!("the dead holder's lease had {lease_left:?} left; the next server waited {waited:?}");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_killed_delivery_is_redelivered_after_its_lease() {
    let Some(url) = redis_url("a_killed_delivery_is_redelivered_after_its_lease") else {
        return;
    };
    let prefix = prefix("killed_claim");
    let mock = mock(CallbackPolicy {
        max_attempts: 40,
        first_backoff: Duration::from_millis(50),
        max_backoff: Duration::from_millis(100),
        timeout: Duration::from_secs(5),
    })
    .await;
    let settings = |hang: &str| {
        [
            ("REDIS_URL", url.clone()),
            ("PREFIX", prefix.clone()),
            ("LEASE_MS", "2000".to_owned()),
            ("HANDLER_MS", "0".to_owned()),
            ("HANG", hang.to_owned()),
        ]
    };
    let mut dying = Worker::start("notify", &settings("1"));
    let mut survivor = Worker::start("notify", &settings("0"));
    let dying_url = format!(
        "http://127.0.0.1:{}/wancms/notify",
        dying.expect("listening").await
    );
    let survivor_url = format!(
        "http://127.0.0.1:{}/wancms/notify",
        survivor.expect("listening").await
    );
    let first = {
        let mock = Arc::clone(&mock);
        tokio::spawn(async move { notify(&mock, &dying_url, "N-KILLED").await })
    };
    assert_eq!(dying.expect("delivered").await, "N-KILLED");
    dying.kill().await;
    first.abort();
    let lease_left = pttl(
        &url,
        &format!("{prefix}dedup:wancms/pay_notify/N-KILLED/success"),
    )
    .await;

    let started = Instant::now();
    let report = notify(&mock, &survivor_url, "N-KILLED").await;
    let waited = started.elapsed();
    assert!(
        report.delivered && report.last_body == "success",
        "{report:?}"
    );
    assert!(
        report.attempts > 1,
        "answered fail while the claim lived: {report:?}"
    );
    assert!(
        waited + Duration::from_millis(50) >= lease_left,
        "{waited:?} < {lease_left:?}"
    );
    let again = notify(&mock, &survivor_url, "N-KILLED").await;
    assert!(again.delivered && again.attempts == 1, "{again:?}");
    survivor.finish().await;
    // Delivered by the survivor once; the killed run is the at-least-once of a crash.
    assert_eq!(survivor.seen("delivered"), ["N-KILLED"]);
    eprintln!(
        "redelivered {waited:?} after the kill, {} sends, lease left {lease_left:?}",
        report.attempts
    );
}

/// The remaining lease of `key`.
async fn pttl(url: &str, key: &str) -> Duration {
    let mut connection = redis::Client::open(url)
        .expect("URL")
        .get_multiplexed_async_connection()
        .await
        .expect("Redis answers");
    let left: i64 = redis::cmd("PTTL")
        .arg(key)
        .query_async(&mut connection)
        .await
        .expect("PTTL");
    Duration::from_millis(
        u64::try_from(left).unwrap_or_else(|_| panic!("{key} has no lease: {left}")),
    )
}
