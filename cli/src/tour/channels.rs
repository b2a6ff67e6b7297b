//! The tour's part for the platforms after the seeds: the QQ v3 delivery callback, vivo,
//! OPPO (RSA-SHA1) and Huawei (RSA-SHA256 or SHA1 by `signType`, values encoded twice), each
//! sent by the mock to a small game server that verifies with the generated code.

use std::sync::{Arc, Mutex};

use axum::Router;
use axum::routing::{get, post};
use gamechannel::axum::{CallbackConfig, callback};
use gamechannel::{MemoryDedup, ReplayWindow, Secret, huawei, oppo, qqgame, vivo};

use super::report::Report;
use crate::mock::{MockConfig, RunningMock, TEST_RSA_PUBLIC_KEY};

/// Orders the game delivered, as "platform order".
type Delivered = Arc<Mutex<Vec<String>>>;

fn config<C>(credentials: C) -> CallbackConfig<C> {
    CallbackConfig {
        credentials,
        dedup: Arc::new(MemoryDedup::default()),
        window: ReplayWindow::default(),
    }
}

fn record(delivered: &Delivered, entry: String) {
    delivered
        .lock()
        .unwrap_or_else(|e| e.into_inner())
        .push(entry);
}

/// The game server: one route per callback, RSA ones verified with the public key only.
fn game_server(mock: &MockConfig, delivered: &Delivered) -> Router {
    let text = |platform: &str, name: &str| mock.credential(platform, name).unwrap_or_default();
    let d = delivered.clone();
    let qq = callback::<qqgame::PayDeliverNotification, _, _>(
        config(qqgame::Credentials {
            app_key: Secret::new(text("qqgame", "app_key")),
            deliver_path: Some(text("qqgame", "deliver_path").to_owned()),
        }),
        move |n: qqgame::PayDeliverNotification| {
            let d = d.clone();
            async move {
                record(&d, format!("qqgame {}", n.billno));
                Ok(())
            }
        },
    );
    let d = delivered.clone();
    let vivo = callback::<vivo::PayNotifyNotification, _, _>(
        config(vivo::Credentials {
            app_secret: Secret::new(text("vivo", "app_secret")),
        }),
        move |n: vivo::PayNotifyNotification| {
            let d = d.clone();
            async move {
                record(&d, format!("vivo {}", n.order_number));
                Ok(())
            }
        },
    );
    let d = delivered.clone();
    let oppo = callback::<oppo::PayNotifyNotification, _, _>(
        config(oppo::Credentials {
            public_key: TEST_RSA_PUBLIC_KEY.to_owned(),
        }),
        move |n: oppo::PayNotifyNotification| {
            let d = d.clone();
            async move {
                record(&d, format!("oppo {}", n.notify_id));
                Ok(())
            }
        },
    );
    let d = delivered.clone();
    let huawei = callback::<huawei::PayNotifyNotification, _, _>(
        config(huawei::Credentials {
            public_key: TEST_RSA_PUBLIC_KEY.to_owned(),
            private_key: Secret::new(text("huawei", "private_key")),
        }),
        move |n: huawei::PayNotifyNotification| {
            let d = d.clone();
            async move {
                let ext = n.ext_reserved.unwrap_or_default();
                record(&d, format!("huawei {} {ext}", n.order_id));
                Ok(())
            }
        },
    );
    Router::new()
        .route("/qq/deliver", get(qq))
        .route("/vivo/notify", post(vivo))
        .route("/oppo/notify", post(oppo))
        .route("/huawei/notify", post(huawei))
}

/// One callback to send: platform, endpoint, game route, what is special, given fields.
type Sent = (
    &'static str,
    &'static str,
    &'static str,
    &'static str,
    &'static [(&'static str, &'static str)],
);

/// One callback per platform, each with what is special about its rule.
const SENT: &[Sent] = &[
    (
        "qqgame",
        "pay_deliver",
        "/qq/deliver",
        "GET, values pre-encoded keeping [0-9a-zA-Z!*()], HMAC-SHA1, ts within 900 s",
        &[
            ("billno", "-APPDJT18700-TOUR-1"),
            ("pubacct_payamt_coins", ""),
        ],
    ),
    (
        "vivo",
        "pay_notify",
        "/vivo/notify",
        "form, MD5 of sorted non-empty pairs + md5(AppSecret)",
        &[("orderNumber", "VIVO-TOUR-1"), ("respMsg", "交易成功")],
    ),
    (
        "oppo",
        "pay_notify",
        "/oppo/notify",
        "form, SHA1withRSA over seven fields in a fixed order, verified with the public key",
        &[("notifyId", "OPPO-TOUR-1"), ("attach", "")],
    ),
    (
        "huawei",
        "pay_notify",
        "/huawei/notify",
        "form, SHA256withRSA (signType=RSA256), empty values kept, extReserved encoded twice",
        &[
            ("orderId", "HW-TOUR-1"),
            ("signType", "RSA256"),
            ("extReserved", "role=7&srv=3"),
        ],
    ),
];

/// Runs the part.
pub async fn run(report: &mut Report, mock: &RunningMock, config: &MockConfig) {
    report.section("Android channels and the QQ delivery callback — signed by the mock, verified by the generated code");
    let delivered = Delivered::default();
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
    let server = tokio::spawn(axum::serve(listener, game_server(config, &delivered)).into_future());
    for (platform, endpoint, route, what, given) in SENT {
        let url = format!("{game}{route}");
        let given = given
            .iter()
            .map(|(n, v)| ((*n).to_owned(), (*v).to_owned()))
            .collect();
        let outcome = match mock.send_callback(platform, endpoint, &url, given).await {
            Ok(r) if r.delivered => Ok(format!("{what} → answered `{}`", r.last_body)),
            Ok(r) => Err(format!(
                "not acknowledged after {} attempts: {}",
                r.attempts, r.last_body
            )),
            Err(e) => Err(e),
        };
        report.step(&format!("{platform} {endpoint}"), outcome);
    }
    let got = delivered
        .lock()
        .unwrap_or_else(|e| e.into_inner())
        .join(", ");
    let all = got.contains("qqgame -APPDJT18700-TOUR-1")
        && got.contains("vivo VIVO-TOUR-1")
        && got.contains("oppo OPPO-TOUR-1")
        && got.contains("huawei HW-TOUR-1 role=7&srv=3");
    report.step("delivered", if all { Ok(got) } else { Err(got) });
    server.abort();
}
