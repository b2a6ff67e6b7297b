//! The game-server processes the Redis tests start: each a small server with its own clients
//! and Redis connections, driven by its environment and stdin, reporting in `@` lines.
//!
//! Roles (`GAMECHANNEL_TEST_WORKER`):
//! - `midas`: on `go`, presents game currency through the mock with a `RedisTokens`, from
//!   `TASKS` concurrent tasks, until `stop`; `@ok BILL` or `@err BILL ERROR` per call;
//! - `notify`: serves wancms pay notify with a `RedisDedup` until stdin closes; `@listening
//!   PORT`, then `@delivered BILL` when the handler runs (`HANG=1`: and never returns);
//! - `token-holder`: takes the token lock, `@fetching`, and never finishes the fetch.

use std::fmt::{self, Write as _};
use std::future::pending;
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::{Duration, SystemTime, UNIX_EPOCH};

use axum::Router;
use axum::routing::get;
use gamechannel::axum::{CallbackConfig, callback};
use gamechannel::client::{BoxFuture, RetryPolicy, Target, TokenError, TokenProvider, TokenSource};
use gamechannel::redis::{RedisDedup, RedisStore, RedisTokens, TokenKey};
use gamechannel::wechat_midas::{self as midas, Environment};
use gamechannel::{ReplayWindow, Secret, wancms};
use gamechannel_cli::tour::Player;
use tokio::io::{AsyncBufReadExt, BufReader};
use tracing::field::{Field, Visit};
use tracing::span::{Attributes, Id, Record};
use tracing::{Event, Metadata, Subscriber};

use super::cred;

/// The variable naming the role; absent in an ordinary test run.
pub const ROLE: &str = "GAMECHANNEL_TEST_WORKER";

/// The body of the `game_server_process` test: plays the role asked, or does nothing.
pub fn run_if_asked() {
    let Ok(role) = std::env::var(ROLE) else {
        return;
    };
    let _ = tracing::subscriber::set_global_default(StderrLog);
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .worker_threads(2)
        .enable_all()
        .build()
        .expect("a runtime");
    runtime.block_on(async {
        match role.as_str() {
            "midas" => midas_server().await,
            "notify" => notify_server().await,
            "token-holder" => token_holder().await,
            other => panic!("unknown role {other}"),
        }
    });
}

fn setting(name: &str) -> String {
    std::env::var(name).unwrap_or_else(|_| panic!("{name} is set for the game server"))
}

fn millis(name: &str) -> Duration {
    Duration::from_millis(setting(name).parse().expect("milliseconds"))
}

async fn store() -> RedisStore {
    RedisStore::connect(&setting("REDIS_URL"))
        .await
        .expect("Redis answers at start-up")
        .with_prefix(&setting("PREFIX"))
}

fn token_key() -> TokenKey {
    TokenKey::new(
        "wechat_midas",
        cred("wechat_midas", "appid"),
        "access_token",
    )
}

async fn midas_server() {
    let target = Target::Custom {
        base_url: setting("MOCK_URL"),
        environment: Environment::Production,
    };
    let credentials = || midas::Credentials {
        app_key: Secret::new(cred("wechat_midas", "app_key")),
        session_key: None,
        access_token: Secret::new(""),
    };
    let bootstrap =
        midas::Client::new(midas::Config::new(target.clone(), credentials())).expect("a client");
    let source = midas::AccessTokenSource::new(
        bootstrap,
        midas::GetStableTokenRequest {
            grant_type: "client_credential".into(),
            appid: cred("wechat_midas", "appid").into(),
            secret: Secret::new(cred("wechat_midas", "app_secret")),
            force_refresh: None,
        },
    );
    let tokens: Arc<dyn TokenProvider> =
        Arc::new(RedisTokens::new(store().await, token_key(), source));
    let mut config = midas::Config::new(target, credentials()).with_tokens(tokens);
    config.retry = RetryPolicy {
        max_attempts: 3,
        initial_backoff: Duration::from_millis(5),
        max_backoff: Duration::from_millis(50),
    };
    let client = midas::Client::new(config).expect("a client");
    let name = setting("NAME");
    let now = SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .expect("clock")
        .as_secs();
    let player = Player::new(
        cred("wechat_midas", "appid"),
        format!("redis-{name}"),
        i64::try_from(now).expect("seconds"),
    );
    let pace = millis("PACE_MS");
    println!("@ready");
    let mut stdin = BufReader::new(tokio::io::stdin()).lines();
    assert_eq!(
        stdin.next_line().await.ok().flatten().as_deref(),
        Some("go")
    );
    let stop = Arc::new(AtomicBool::new(false));
    let stopper = Arc::clone(&stop);
    tokio::spawn(async move {
        // `stop`, or stdin closing, ends the run.
        while let Ok(Some(line)) = stdin.next_line().await {
            if line == "stop" {
                break;
            }
        }
        stopper.store(true, Ordering::SeqCst);
    });
    let tasks: usize = setting("TASKS").parse().expect("a count");
    let runs: Vec<_> = (0..tasks)
        .map(|task| {
            let (client, player, stop, name) = (
                client.clone(),
                player.clone(),
                Arc::clone(&stop),
                name.clone(),
            );
            tokio::spawn(async move {
                let mut n = 0;
                while !stop.load(Ordering::SeqCst) && n < 1000 {
                    n += 1;
                    let bill = format!("{name}-{task}-{n}");
                    match client.present(&player.present(&bill, 1)).await {
                        Ok(_) => println!("@ok {bill}"),
                        Err(error) => println!("@err {bill} {error}"),
                    }
                    tokio::time::sleep(pace).await;
                }
            })
        })
        .collect();
    for run in runs {
        run.await.expect("no panic");
    }
    println!("@done");
}

async fn notify_server() {
    let dedup = RedisDedup::new(store().await).with_lease(millis("LEASE_MS"));
    let (handler_time, hang) = (millis("HANDLER_MS"), setting("HANG") == "1");
    let notify = callback::<wancms::PayNotifyNotification, _, _>(
        CallbackConfig {
            credentials: wancms::Credentials {
                login_key: Secret::new(cred("wancms", "login_key")),
                pay_key: Secret::new(cred("wancms", "pay_key")),
            },
            dedup: Arc::new(dedup),
            window: ReplayWindow::default(),
        },
        move |n: wancms::PayNotifyNotification| async move {
            // Credit the order here; the line is the test's record of each handler run.
            println!("@delivered {}", n.bill_no);
            if hang {
                pending::<()>().await;
            }
            tokio::time::sleep(handler_time).await;
            Ok::<(), String>(())
        },
    );
    let router = Router::new().route("/wancms/notify", get(notify));
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0")
        .await
        .expect("binds loopback");
    println!(
        "@listening {}",
        listener.local_addr().expect("address").port()
    );
    let server = tokio::spawn(async move { axum::serve(listener, router).await });
    // Serves until the test closes stdin.
    let mut stdin = BufReader::new(tokio::io::stdin()).lines();
    while let Ok(Some(_)) = stdin.next_line().await {}
    server.abort();
}

/// A token endpoint that never answers: the fetching process is stuck, then killed.
struct NeverAnswers;

impl TokenSource for NeverAnswers {
    fn fetch(&self) -> BoxFuture<'_, Result<(Secret, Option<Duration>), TokenError>> {
        Box::pin(async {
            println!("@fetching");
            pending().await
        })
    }
}

async fn token_holder() {
    let tokens = RedisTokens::new(store().await, token_key(), NeverAnswers)
        .with_lock_lease(millis("LEASE_MS"));
    let _ = tokens.token().await;
    unreachable!("the fetch never ends");
}

/// Every span and event of the library, with its fields, on stderr: what a game server's log
/// would show, for the tests to search for secrets.
struct StderrLog;

struct Fields<'a>(&'a mut String);

impl Visit for Fields<'_> {
    fn record_debug(&mut self, field: &Field, value: &dyn fmt::Debug) {
        let _ = write!(self.0, " {}={value:?}", field.name());
    }
}

impl StderrLog {
    fn line(&self, name: &str, record: impl FnOnce(&mut Fields<'_>)) {
        let mut line = format!("log {name}");
        record(&mut Fields(&mut line));
        eprintln!("{line}");
    }
}

impl Subscriber for StderrLog {
    fn enabled(&self, _: &Metadata<'_>) -> bool {
        true
    }
    fn new_span(&self, span: &Attributes<'_>) -> Id {
        self.line(span.metadata().name(), |f| span.record(f));
        Id::from_u64(1)
    }
    fn record(&self, _: &Id, values: &Record<'_>) {
        self.line("record", |f| values.record(f));
    }
    fn record_follows_from(&self, _: &Id, _: &Id) {}
    fn event(&self, event: &Event<'_>) {
        self.line(event.metadata().target(), |f| event.record(f));
    }
    fn enter(&self, _: &Id) {}
    fn exit(&self, _: &Id) {}
}
