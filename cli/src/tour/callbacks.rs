//! The tour's callback part: a small game server (axum, the generated verifiers behind
//! `gamechannel::axum::callback`) receives the wancms pay notify and the llewan gift code,
//! sent and resent by the mock until the game acknowledges them.

use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};

use axum::Router;
use axum::routing::{get, post};
use gamechannel::axum::{CallbackConfig, callback};
use gamechannel::{MemoryDedup, ReplayWindow, Secret, llewan, wancms};

use super::report::Report;
use crate::mock::{MockConfig, RunningMock};

/// How often the game delivered goods, per callback.
#[derive(Default)]
struct Deliveries {
    wancms_calls: AtomicUsize,
    wancms_delivered: AtomicUsize,
    llewan_delivered: AtomicUsize,
}

fn secret(config: &MockConfig, platform: &str, name: &str) -> Secret {
    Secret::new(config.credential(platform, name).unwrap_or_default())
}

/// The game server's router: both callbacks, each delivering once per notification.
fn game_server(config: &MockConfig, deliveries: Arc<Deliveries>) -> Router {
    let wancms_credentials = wancms::Credentials {
        login_key: secret(config, "wancms", "login_key"),
        pay_key: secret(config, "wancms", "pay_key"),
    };
    let llewan_credentials = llewan::Credentials {
        secret: secret(config, "llewan", "secret"),
    };
    let counts = deliveries.clone();
    let notify = callback::<wancms::PayNotifyNotification, _, _>(
        CallbackConfig {
            credentials: wancms_credentials,
            dedup: Arc::new(MemoryDedup::default()),
            window: ReplayWindow::default(),
        },
        move |_n: wancms::PayNotifyNotification| {
            let counts = counts.clone();
            async move {
                // The first attempt fails (a database hiccup, say): wancms must resend.
                if counts.wancms_calls.fetch_add(1, Ordering::SeqCst) == 0 {
                    return Err("storage unavailable, try again".to_owned());
                }
                counts.wancms_delivered.fetch_add(1, Ordering::SeqCst);
                Ok(())
            }
        },
    );
    let counts = deliveries;
    let gift = callback::<llewan::GiftCodeNotification, _, _>(
        CallbackConfig {
            credentials: llewan_credentials,
            dedup: Arc::new(MemoryDedup::default()),
            window: ReplayWindow::default(),
        },
        move |_n: llewan::GiftCodeNotification| {
            let counts = counts.clone();
            async move {
                counts.llewan_delivered.fetch_add(1, Ordering::SeqCst);
                Ok(())
            }
        },
    );
    Router::new()
        .route("/wancms/notify", get(notify))
        .route("/llewan/gift", post(gift))
}

fn fields(pairs: &[(&str, &str)]) -> Vec<(String, String)> {
    pairs
        .iter()
        .map(|(n, v)| ((*n).to_owned(), (*v).to_owned()))
        .collect()
}

/// Runs the callback part.
pub async fn run(report: &mut Report, mock: &RunningMock, config: &MockConfig) {
    report.section("Callbacks — the mock platform calls a small game server, resending until it answers success");
    let deliveries = Arc::new(Deliveries::default());
    let listener = match tokio::net::TcpListener::bind("127.0.0.1:0").await {
        Ok(l) => l,
        Err(e) => {
            report.step("game server", Err(e.to_string()));
            return;
        }
    };
    let game = match listener.local_addr() {
        Ok(a) => format!("http://{a}"),
        Err(e) => {
            report.step("game server", Err(e.to_string()));
            return;
        }
    };
    let server =
        tokio::spawn(axum::serve(listener, game_server(config, deliveries.clone())).into_future());

    let notify = fields(&[
        ("app_id", "game_1001"),
        ("open_id", "wc_open_9f8e7d"),
        ("bill_no", "B20261121001"),
        ("orderid", "WC202611210000123"),
        ("ext", "role=77;srv=3"),
        ("price", "6.00"),
        ("status", "success"),
    ]);
    let url = format!("{game}/wancms/notify");
    for round in ["pay_notify", "pay_notify resent"] {
        let sent = mock
            .send_callback("wancms", "pay_notify", &url, notify.clone())
            .await;
        let delivered = deliveries.wancms_delivered.load(Ordering::SeqCst);
        let outcome = match sent {
            Ok(r) if r.delivered && delivered == 1 => Ok(format!(
                "GET {url} → {} attempt(s), answered `{}`; goods delivered {delivered} time(s)",
                r.attempts, r.last_body
            )),
            Ok(r) => Err(format!(
                "delivered={} after {} attempts, goods delivered {delivered} times",
                r.delivered, r.attempts
            )),
            Err(e) => Err(e),
        };
        report.step(&format!("wancms {round}"), outcome);
    }

    let gift = fields(&[
        ("game", "demo-weixin"),
        ("uid", "12_11_1"),
        ("roleId", "10086"),
        ("serverId", "3"),
        ("awardCode", "GIFT2026A"),
    ]);
    let url = format!("{game}/llewan/gift");
    for round in ["gift_code", "gift_code resent"] {
        let sent = mock
            .send_callback("llewan", "gift_code", &url, gift.clone())
            .await;
        let delivered = deliveries.llewan_delivered.load(Ordering::SeqCst);
        let outcome = match sent {
            Ok(r) if r.delivered && delivered == 1 => Ok(format!(
                "POST {url} (JSON, signed timeStamp) → answered `{}`; gift granted {delivered} time(s)",
                r.last_body
            )),
            Ok(r) => Err(format!(
                "delivered={} after {} attempts, gift granted {delivered} times",
                r.delivered, r.attempts
            )),
            Err(e) => Err(e),
        };
        report.step(&format!("llewan {round}"), outcome);
    }
    server.abort();
}
