//! End to end: the mock platform sends signed callbacks (wancms pay notify, GET query; llewan
//! gift code, POST JSON) to a game server built with `gamechannel::axum::callback`, resending
//! until the game acknowledges; the goods are delivered exactly once.

mod e2e_support;

use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};

use axum::Router;
use axum::routing::{get, post};
use e2e_support::*;
use gamechannel::axum::{CallbackConfig, callback};
use gamechannel::{MemoryDedup, ReplayWindow, Secret, llewan, wancms};
use gamechannel_cli::mock::{CallbackReport, RunningMock};

const MAX_ATTEMPTS: u32 = 6;

/// What the game's delivery functions saw.
#[derive(Default)]
struct Game {
    /// Times the delivery function ran (failures included).
    wancms_calls: AtomicUsize,
    /// Bills credited, in order.
    wancms_delivered: Mutex<Vec<String>>,
    llewan_calls: AtomicUsize,
    /// (uid, roleId, awardCode) granted, in order.
    llewan_delivered: Mutex<Vec<(String, String, String)>>,
}

impl Game {
    fn wancms(&self) -> Vec<String> {
        self.wancms_delivered
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .clone()
    }

    fn llewan(&self) -> Vec<(String, String, String)> {
        self.llewan_delivered
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .clone()
    }
}

/// A running game server: its base URL and what it delivered.
struct GameServer {
    served: Served,
    game: Arc<Game>,
}

/// Starts a game server whose wancms delivery fails its first `wancms_failures` runs and whose
/// llewan delivery fails its first `llewan_failures` runs; it checks signatures with the
/// mock's default credentials.
async fn game_server(wancms_failures: usize, llewan_failures: usize) -> GameServer {
    let game = Arc::new(Game::default());
    let wancms_credentials = wancms::Credentials {
        login_key: Secret::new(cred("wancms", "login_key")),
        pay_key: Secret::new(cred("wancms", "pay_key")),
    };
    let llewan_credentials = llewan::Credentials {
        secret: Secret::new(cred("llewan", "secret")),
    };
    let g = game.clone();
    let notify = callback::<wancms::PayNotifyNotification, _, _>(
        CallbackConfig {
            credentials: wancms_credentials,
            dedup: Arc::new(MemoryDedup::default()),
            window: ReplayWindow::default(),
        },
        move |n: wancms::PayNotifyNotification| {
            let g = g.clone();
            async move {
                if g.wancms_calls.fetch_add(1, Ordering::SeqCst) < wancms_failures {
                    return Err("database unavailable".to_owned());
                }
                g.wancms_delivered
                    .lock()
                    .unwrap_or_else(|e| e.into_inner())
                    .push(n.bill_no);
                Ok(())
            }
        },
    );
    let g = game.clone();
    let gift = callback::<llewan::GiftCodeNotification, _, _>(
        CallbackConfig {
            credentials: llewan_credentials,
            dedup: Arc::new(MemoryDedup::default()),
            window: ReplayWindow::default(),
        },
        move |n: llewan::GiftCodeNotification| {
            let g = g.clone();
            async move {
                if g.llewan_calls.fetch_add(1, Ordering::SeqCst) < llewan_failures {
                    return Err("gift service unavailable".to_owned());
                }
                g.llewan_delivered
                    .lock()
                    .unwrap_or_else(|e| e.into_inner())
                    .push((n.uid, n.role_id, n.award_code));
                Ok(())
            }
        },
    );
    let router = Router::new()
        .route("/wancms/notify", get(notify))
        .route("/llewan/gift", post(gift));
    GameServer {
        served: serve(router).await,
        game,
    }
}

fn pay_notify(bill_no: &str) -> Vec<(String, String)> {
    pairs(&[
        ("app_id", "game_1001"),
        ("open_id", "wc_open_9f8e7d"),
        ("bill_no", bill_no),
        ("orderid", "WC202611210000123"),
        ("ext", "role=77;srv=3"),
        ("price", "6.00"),
        ("status", "success"),
    ])
}

fn gift_code(award: &str) -> Vec<(String, String)> {
    pairs(&[
        ("game", "demo-weixin"),
        ("uid", "12_11_1"),
        ("roleId", "10086"),
        ("serverId", "3"),
        ("awardCode", award),
    ])
}

async fn send(
    mock: &RunningMock,
    platform: &str,
    endpoint: &str,
    url: &str,
    fields: Vec<(String, String)>,
) -> CallbackReport {
    bounded(
        "callback",
        mock.send_callback(platform, endpoint, url, fields),
    )
    .await
    .expect("the mock can build and sign the callback")
}

#[tokio::test]
async fn wancms_pay_notify_is_resent_until_acknowledged_and_delivered_once() {
    const FAILURES: usize = 3;
    let mock = mock_with(quick_callbacks(MAX_ATTEMPTS)).await;
    let server = game_server(FAILURES, 0).await;
    let url = format!("{}/wancms/notify", server.served.url);

    let report = send(&mock, "wancms", "pay_notify", &url, pay_notify("B-E2E-1")).await;
    assert!(report.delivered, "{report:?}");
    assert_eq!(report.attempts, FAILURES as u32 + 1);
    assert_eq!(report.last_status, Some(200));
    assert_eq!(
        report.last_body,
        wancms::PayNotifyNotification::SUCCESS_REPLY
    );
    assert_eq!(report.last_error, None);
    assert!(
        report
            .fields
            .iter()
            .any(|(n, v)| n == "sign" && v.len() == 32),
        "the mock signed it: {:?}",
        report.fields
    );
    assert_eq!(
        server.game.wancms_calls.load(Ordering::SeqCst),
        FAILURES + 1
    );
    assert_eq!(server.game.wancms(), ["B-E2E-1"]);

    // The platform resends the same notification later: same answer, not delivered again.
    let again = send(&mock, "wancms", "pay_notify", &url, pay_notify("B-E2E-1")).await;
    assert!(again.delivered, "{again:?}");
    assert_eq!(again.attempts, 1);
    assert_eq!(again.last_body, report.last_body);
    assert_eq!(
        server.game.wancms_calls.load(Ordering::SeqCst),
        FAILURES + 1,
        "the delivery function did not run for the resend"
    );
    assert_eq!(server.game.wancms(), ["B-E2E-1"]);

    // Another bill is another delivery.
    let other = send(&mock, "wancms", "pay_notify", &url, pay_notify("B-E2E-2")).await;
    assert!(other.delivered && other.attempts == 1, "{other:?}");
    assert_eq!(server.game.wancms(), ["B-E2E-1", "B-E2E-2"]);
    mock.shutdown().await;
}

#[tokio::test]
async fn llewan_gift_code_is_resent_until_acknowledged_and_delivered_once() {
    const FAILURES: usize = 2;
    let mock = mock_with(quick_callbacks(MAX_ATTEMPTS)).await;
    let server = game_server(0, FAILURES).await;
    let url = format!("{}/llewan/gift", server.served.url);

    let report = send(&mock, "llewan", "gift_code", &url, gift_code("GIFT-E2E-A")).await;
    assert!(report.delivered, "{report:?}");
    assert_eq!(report.attempts, FAILURES as u32 + 1);
    assert_eq!(report.last_status, Some(200));
    assert_eq!(
        report.last_body,
        llewan::GiftCodeNotification::SUCCESS_REPLY
    );
    assert!(
        report.fields.iter().any(|(n, _)| n == "timeStamp"),
        "the mock added the signed timestamp: {:?}",
        report.fields
    );
    let granted = (
        "12_11_1".to_owned(),
        "10086".to_owned(),
        "GIFT-E2E-A".to_owned(),
    );
    assert_eq!(server.game.llewan(), std::slice::from_ref(&granted));
    assert_eq!(
        server.game.llewan_calls.load(Ordering::SeqCst),
        FAILURES + 1
    );

    // Resent (with a fresh timestamp and signature): same answer, not granted again.
    let again = send(&mock, "llewan", "gift_code", &url, gift_code("GIFT-E2E-A")).await;
    assert!(again.delivered, "{again:?}");
    assert_eq!(again.attempts, 1);
    assert_eq!(again.last_body, report.last_body);
    assert_eq!(server.game.llewan(), [granted]);
    assert_eq!(
        server.game.llewan_calls.load(Ordering::SeqCst),
        FAILURES + 1
    );
    mock.shutdown().await;
}

#[tokio::test]
async fn callbacks_signed_with_the_wrong_key_are_never_acknowledged() {
    let mock = mock_with(|config| {
        quick_callbacks(MAX_ATTEMPTS)(config);
        config.set_credential("wancms", "pay_key", "not-the-pay-key");
        config.set_credential("llewan", "secret", "not-the-llewan-secret");
    })
    .await;
    let server = game_server(0, 0).await;

    let url = format!("{}/wancms/notify", server.served.url);
    let report = send(
        &mock,
        "wancms",
        "pay_notify",
        &url,
        pay_notify("B-E2E-FORGED"),
    )
    .await;
    assert!(!report.delivered, "{report:?}");
    assert_eq!(
        report.attempts, MAX_ATTEMPTS,
        "resent until the attempts ran out"
    );
    assert_eq!(report.last_status, Some(200));
    assert_eq!(
        report.last_body,
        wancms::PayNotifyNotification::failure_reply("")
    );

    let url = format!("{}/llewan/gift", server.served.url);
    let report = send(
        &mock,
        "llewan",
        "gift_code",
        &url,
        gift_code("GIFT-E2E-FORGED"),
    )
    .await;
    assert!(!report.delivered, "{report:?}");
    assert_eq!(report.attempts, MAX_ATTEMPTS);
    let reply: serde_json::Value =
        serde_json::from_str(&report.last_body).expect("llewan replies JSON");
    assert_eq!(reply["code"], -1, "{reply}");

    assert_eq!(server.game.wancms_calls.load(Ordering::SeqCst), 0);
    assert_eq!(server.game.llewan_calls.load(Ordering::SeqCst), 0);
    assert!(server.game.wancms().is_empty());
    assert!(server.game.llewan().is_empty());
    mock.shutdown().await;
}
