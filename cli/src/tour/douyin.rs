//! The tour's Douyin game wallet: `mp_sig` in the JSON body over the sorted parameters with
//! `access_token`, an order applied once (`90012` after), and the pay callback and URL check
//! sent by the mock to a small game server that verifies with the generated code.

use std::sync::{Arc, Mutex};

use axum::Router;
use axum::extract::RawQuery;
use axum::http::StatusCode;
use axum::routing::{get, post};
use gamechannel::axum::{CallbackConfig, callback};
use gamechannel::client::Target;
use gamechannel::douyin_game as douyin;
use gamechannel::{MemoryDedup, ReplayWindow, Secret};

use super::report::{Report, short};
use crate::mock::{MockConfig, RunningMock};

const APPID: &str = "tt07e3715e98c9aac0";

fn credentials(config: &MockConfig) -> douyin::Credentials {
    let text = |name: &str| config.credential("douyin_game", name).unwrap_or_default();
    douyin::Credentials {
        pay_secret: Secret::new(text("pay_secret")),
        access_token: Secret::new("tour-access-token"),
        callback_token: Secret::new(text("callback_token")),
        session_key: None,
    }
}

fn balance(now: i64) -> douyin::GetBalanceRequest {
    douyin::GetBalanceRequest {
        openid: "dy-tour-player".into(),
        appid: APPID.into(),
        offer_id: None,
        ts: now,
        zone_id: "1".into(),
        pf: "android".into(),
        user_ip: None,
    }
}

fn pay(now: i64) -> douyin::GamePayRequest {
    let b = balance(now);
    douyin::GamePayRequest {
        openid: b.openid,
        appid: b.appid,
        offer_id: None,
        ts: b.ts,
        zone_id: b.zone_id,
        pf: b.pf,
        user_ip: None,
        amt: 4,
        bill_no: "DY-TOUR-PAY-1".into(),
        pay_item: None,
        app_remark: Some("首充礼包".into()),
    }
}

/// Runs the part.
pub async fn run(report: &mut Report, mock: &RunningMock, config: &MockConfig, now: i64) {
    report.section("Douyin game wallet — mp_sig = HMAC-SHA256 over sorted params + access_token + &org_loc=…&method=POST, in the body");
    let credentials = credentials(config);
    let target = Target::Custom {
        base_url: mock.base_url(),
        environment: douyin::Environment::Production,
    };
    let client = match douyin::Client::new(douyin::Config::new(target, credentials.clone())) {
        Ok(c) => c,
        Err(e) => {
            report.step("client", Err(e.to_string()));
            return;
        }
    };
    let b = balance(now);
    let gift = douyin::AddCoinRequest {
        openid: b.openid,
        appid: b.appid,
        offer_id: None,
        ts: now,
        zone_id: b.zone_id,
        pf: b.pf,
        user_ip: None,
        bill_no: "DY-TOUR-GIFT-1".into(),
        present_counts: 10,
    };
    let answer = client.add_coin(&gift).await;
    report.step(
        "add_coin",
        answer
            .map(|r| format!("10 given → balance {}", r.balance.unwrap_or(0)))
            .map_err(|e| e.to_string()),
    );
    let request = pay(now);
    let path = douyin::GamePayRequest::path(douyin::Environment::Production);
    let signed = request.sign(path, &credentials).mp_sig;
    let answer = client.game_pay(&request).await;
    report.step(
        "game_pay",
        answer
            .map(|r| {
                format!(
                    "POST {path} mp_sig={} (in the body) → balance {}",
                    short(signed.value()),
                    r.balance.unwrap_or(0)
                )
            })
            .map_err(|e| e.to_string()),
    );
    // Douyin answers 90012 (订单已存在) to an order applied before: the client reports the
    // success it was, and the balance below shows it was charged once.
    let again = match client.game_pay(&request).await {
        Ok(_) => Ok(
            "the same bill_no again → 90012 (订单已存在), a success: applied once, not charged twice"
                .into(),
        ),
        Err(e) => Err(format!("expected the 90012 success, got {e}")),
    };
    report.step("game_pay again", again);
    let answer = client.get_balance(&balance(now)).await;
    report.step(
        "get_balance",
        match answer {
            Ok(r) if r.balance == Some(6) => Ok("balance 6".into()),
            Ok(r) => Err(format!("balance {:?}, expected 6", r.balance)),
            Err(e) => Err(e.to_string()),
        },
    );
    callbacks(report, mock, credentials).await;
}

/// The game server: the pay callback through the axum handler, the URL check echoed.
fn game_server(credentials: douyin::Credentials, delivered: &Arc<Mutex<Vec<String>>>) -> Router {
    let d = delivered.clone();
    let config = CallbackConfig {
        credentials: credentials.clone(),
        dedup: Arc::new(MemoryDedup::default()),
        window: ReplayWindow::default(),
    };
    let pay = callback::<douyin::PayCallbackNotification, _, _>(
        config,
        move |n: douyin::PayCallbackNotification| {
            let d = d.clone();
            async move {
                let order = format!("{} {} fen", n.msg.cp_orderno, n.msg.amount_cent);
                d.lock().unwrap_or_else(|e| e.into_inner()).push(order);
                Ok(())
            }
        },
    );
    let check = move |RawQuery(query): RawQuery| async move {
        let query = query.unwrap_or_default();
        match douyin::VerifyUrlNotification::verify(&query, &credentials) {
            Ok(n) => (StatusCode::OK, n.echostr),
            Err(e) => (
                StatusCode::FORBIDDEN,
                douyin::VerifyUrlNotification::failure_reply(&e.to_string()),
            ),
        }
    };
    Router::new()
        .route("/douyin/pay", post(pay))
        .route("/douyin/pay", get(check))
}

async fn callbacks(report: &mut Report, mock: &RunningMock, credentials: douyin::Credentials) {
    let delivered = Arc::new(Mutex::new(Vec::new()));
    let listener = match tokio::net::TcpListener::bind("127.0.0.1:0").await {
        Ok(l) => l,
        Err(e) => {
            report.step("game server", Err(e.to_string()));
            return;
        }
    };
    let url = match listener.local_addr() {
        Ok(a) => format!("http://{a}/douyin/pay"),
        Err(e) => {
            report.step("game server", Err(e.to_string()));
            return;
        }
    };
    let router = game_server(credentials, &delivered);
    let server = tokio::spawn(axum::serve(listener, router).into_future());
    let msg = r#"{"appid":"tt07e3715e98c9aac0","cp_orderno":"DY-TOUR-ORDER-1","cp_extra":"","order_no_channel":"N1","amount_cent":600,"amount_coin":60,"currency":"CNY"}"#;
    let sent = [
        (
            "verify_url",
            vec![("echostr", "tour-echo-1")],
            "GET handshake, the game echoes echostr",
        ),
        (
            "pay_callback",
            vec![("msg", msg)],
            "JSON, signature = sha1(sorted token, timestamp, nonce, msg); HTTP 200 acknowledges",
        ),
    ];
    for (endpoint, given, what) in sent {
        let given = given
            .into_iter()
            .map(|(n, v)| (n.to_owned(), v.to_owned()))
            .collect();
        let outcome = match mock
            .send_callback("douyin_game", endpoint, &url, given)
            .await
        {
            Ok(r) if r.delivered => Ok(format!(
                "{what} → HTTP {} `{}`",
                r.last_status.unwrap_or(0),
                r.last_body
            )),
            Ok(r) => Err(format!(
                "not acknowledged after {} attempts: {}",
                r.attempts, r.last_body
            )),
            Err(e) => Err(e),
        };
        report.step(&format!("douyin_game {endpoint}"), outcome);
    }
    let got = delivered
        .lock()
        .unwrap_or_else(|e| e.into_inner())
        .join(", ");
    let outcome = if got == "DY-TOUR-ORDER-1 600 fen" {
        Ok(format!(
            "{got} (msg verified as the string received, then typed)"
        ))
    } else {
        Err(got)
    };
    report.step("delivered", outcome);
    server.abort();
}
