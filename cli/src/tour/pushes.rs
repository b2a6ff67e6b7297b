//! The tour's part for WeChat message pushes: the URL handshake, xpay item and currency pushes
//! in JSON and XML, plain and encrypted (safe mode), and a mini-game 2.0 currency delivery
//! with its PayEventSig, each sent by the mock to a game server that verifies with the
//! generated code and answers in the push's own format.

use std::sync::{Arc, Mutex};

use axum::Router;
use axum::routing::{get, post};
use gamechannel::axum::{CallbackConfig, callback};
use gamechannel::{
    MemoryDedup, ReplayWindow, Secret, wechat_minigame_v2 as mg2, wechat_xpay as xpay,
};

use super::report::Report;
use crate::mock::{MockConfig, PushOptions, RunningMock};

/// What the game delivered, one line each.
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

/// The game server: the push URL (GET handshake, POST item pushes), a currency push URL and
/// the mini-game push URL.
fn game_server(mock: &MockConfig, delivered: &Delivered) -> Router {
    let text = |platform: &str, name: &str| mock.credential(platform, name).unwrap_or_default();
    // The push handlers need only the push credentials; the call ones stay empty here.
    let xpay_credentials = || xpay::Credentials {
        app_key: Secret::new(""),
        session_key: None,
        access_token: Secret::new(""),
        push_token: Secret::new(text("wechat_xpay", "push_token")),
        encoding_aes_key: Secret::new(text("wechat_xpay", "encoding_aes_key")),
        appid: text("wechat_xpay", "appid").to_owned(),
    };
    let handshake = callback::<xpay::PushUrlVerifyNotification, _, _>(
        config(xpay_credentials()),
        |_: xpay::PushUrlVerifyNotification| async { Ok::<(), String>(()) },
    );
    let d = delivered.clone();
    let goods = callback::<xpay::GoodsDeliverNotifyNotification, _, _>(
        config(xpay_credentials()),
        move |n: xpay::GoodsDeliverNotifyNotification| {
            let d = d.clone();
            async move {
                let line = format!("item {} ×{}", n.out_trade_no, n.goods_info_quantity);
                record(&d, line);
                Ok(())
            }
        },
    );
    let d = delivered.clone();
    let coins = callback::<xpay::CoinPayNotifyNotification, _, _>(
        config(xpay_credentials()),
        move |n: xpay::CoinPayNotifyNotification| {
            let d = d.clone();
            async move {
                record(
                    &d,
                    format!("coins {} ×{}", n.out_trade_no, n.coin_info_quantity),
                );
                Ok(())
            }
        },
    );
    let d = delivered.clone();
    let mini_game = callback::<mg2::CoinDeliverCompletedNotification, _, _>(
        config(mg2::Credentials {
            app_key: Secret::new(text("wechat_minigame_v2", "app_key")),
            sandbox_app_key: Secret::new(text("wechat_minigame_v2", "sandbox_app_key")),
            session_key: Secret::new(""),
            access_token: Secret::new(""),
            push_token: Secret::new(text("wechat_minigame_v2", "push_token")),
            encoding_aes_key: Secret::new(text("wechat_minigame_v2", "encoding_aes_key")),
            appid: text("wechat_minigame_v2", "appid").to_owned(),
        }),
        move |n: mg2::CoinDeliverCompletedNotification| {
            let d = d.clone();
            async move {
                record(
                    &d,
                    format!("mini-game order {}", n.mini_game_payload_out_trade_no),
                );
                Ok(())
            }
        },
    );
    Router::new()
        .route("/wx/push", get(handshake).post(goods))
        .route("/wx/coins", post(coins))
        .route("/wx/minigame", post(mini_game))
}

/// One push to send: platform, endpoint, route, XML, encrypted, what is special, fields.
type Sent = (
    &'static str,
    &'static str,
    &'static str,
    bool,
    bool,
    &'static str,
    &'static [(&'static str, &'static str)],
);

const ITEM: &[(&str, &str)] = &[
    ("OutTradeNo", "XPAY-TOUR-1"),
    ("GoodsInfo.ProductId", "sword"),
    ("GoodsInfo.Quantity", "2"),
];

const SENT: &[Sent] = &[
    (
        "wechat_xpay",
        "push_url_verify",
        "/wx/push",
        false,
        false,
        "GET handshake: sha1 of the sorted token, timestamp and nonce; the reply echoes echostr",
        &[("echostr", "tour-echo-4711")],
    ),
    (
        "wechat_xpay",
        "goods_deliver_notify",
        "/wx/push",
        false,
        false,
        "JSON push, signature in the query",
        ITEM,
    ),
    (
        "wechat_xpay",
        "goods_deliver_notify",
        "/wx/push",
        true,
        true,
        "XML push in safe mode: msg_signature over Encrypt, AES-256-CBC for the game's appid",
        &[
            ("OutTradeNo", "XPAY-TOUR-2"),
            ("GoodsInfo.ProductId", "shield"),
            ("GoodsInfo.Quantity", "1"),
        ],
    ),
    (
        "wechat_xpay",
        "coin_pay_notify",
        "/wx/coins",
        false,
        true,
        "JSON push in safe mode",
        &[("OutTradeNo", "XPAY-TOUR-3"), ("CoinInfo.Quantity", "60")],
    ),
    (
        "wechat_minigame_v2",
        "coin_deliver_completed",
        "/wx/minigame",
        true,
        false,
        "XML push; PayEventSig = HMAC-SHA256(AppKey, Event&Payload) over the raw Payload string",
        &[(
            "MiniGame.Payload",
            r#"{"OpenId":"o-tour","OutTradeNo":"MG2-TOUR-1","Env":0}"#,
        )],
    ),
];

/// Runs the part.
pub async fn run(report: &mut Report, mock: &RunningMock, config: &MockConfig) {
    report
        .section("WeChat message pushes (xpay, mini-game 2.0) — JSON and XML, plain and encrypted");
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
    for (platform, endpoint, route, xml, encrypted, what, given) in SENT {
        let url = format!("{game}{route}");
        let given = given
            .iter()
            .map(|(n, v)| ((*n).to_owned(), (*v).to_owned()))
            .collect();
        let options = PushOptions {
            xml: *xml,
            encrypted: *encrypted,
        };
        let outcome = match mock
            .send_push(platform, endpoint, &url, given, options)
            .await
        {
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
    let all = got.contains("item XPAY-TOUR-1 ×2")
        && got.contains("item XPAY-TOUR-2 ×1")
        && got.contains("coins XPAY-TOUR-3 ×60")
        && got.contains("mini-game order MG2-TOUR-1");
    report.step("delivered", if all { Ok(got) } else { Err(got) });
    server.abort();
}
