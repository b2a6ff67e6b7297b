//! End to end for the Douyin game wallet over loopback: the generated client against the mock
//! (balances, `bill_no` applied once and answered `90012` after, `90013`, `90009`), requests
//! signed here by hand from the published `mp_sig` rule, and the pay callback and URL check
//! sent by the mock, verified by a game server with the generated verifiers, and refused when
//! forged or signed with another token.

mod e2e_support;

use std::sync::{Arc, Mutex};

use axum::Router;
use axum::extract::RawQuery;
use axum::http::StatusCode;
use axum::routing::{get, post};
use e2e_support::*;
use gamechannel::axum::{CallbackConfig, callback};
use gamechannel::client::Target;
use gamechannel::douyin_game::{self as douyin, ErrorCode};
use gamechannel::{Error, MemoryDedup, ReplayWindow, Secret};
use gamechannel_cli::mock::RunningMock;
use sha1::{Digest as _, Sha1};

const APPID: &str = "tt07e3715e98c9aac0";

fn client(mock: &RunningMock, pay_secret: &str, transport: &Recording) -> douyin::Client {
    let target = Target::Custom {
        base_url: mock.base_url(),
        environment: douyin::Environment::Production,
    };
    let mut config = douyin::Config::new(target, credentials(pay_secret));
    config.retry = quick_retry(3);
    douyin::Client::with_transport(config, transport.clone())
}

fn credentials(pay_secret: &str) -> douyin::Credentials {
    douyin::Credentials {
        pay_secret: Secret::new(pay_secret),
        access_token: Secret::new("mock-douyin-access-token"),
        callback_token: Secret::new(cred("douyin_game", "callback_token")),
        session_key: None,
    }
}

fn balance_request(openid: &str) -> douyin::GetBalanceRequest {
    douyin::GetBalanceRequest {
        openid: openid.to_owned(),
        appid: APPID.to_owned(),
        offer_id: None,
        ts: now(),
        zone_id: "1".to_owned(),
        pf: "android".to_owned(),
        user_ip: None,
    }
}

fn add_coin(openid: &str, bill_no: &str, counts: i64) -> douyin::AddCoinRequest {
    let b = balance_request(openid);
    douyin::AddCoinRequest {
        openid: b.openid,
        appid: b.appid,
        offer_id: None,
        ts: b.ts,
        zone_id: b.zone_id,
        pf: b.pf,
        user_ip: None,
        bill_no: bill_no.to_owned(),
        present_counts: counts,
    }
}

fn game_pay(openid: &str, bill_no: &str, amt: i64) -> douyin::GamePayRequest {
    let b = balance_request(openid);
    douyin::GamePayRequest {
        openid: b.openid,
        appid: b.appid,
        offer_id: None,
        ts: b.ts,
        zone_id: b.zone_id,
        pf: b.pf,
        user_ip: Some("10.0.0.1".to_owned()),
        amt,
        bill_no: bill_no.to_owned(),
        pay_item: Some(String::new()),
        app_remark: Some("首充 & 礼包".to_owned()),
    }
}

fn api_code<T: std::fmt::Debug>(result: Result<T, Error<ErrorCode>>) -> ErrorCode {
    match result {
        Err(Error::Api { code, .. }) => code,
        other => panic!("expected a platform error, got {other:?}"),
    }
}

#[tokio::test]
async fn the_wallet_keeps_balances_and_applies_each_bill_no_once() {
    let mock = mock_with(|_| {}).await;
    let transport = Recording::new();
    let client = client(&mock, cred("douyin_game", "pay_secret"), &transport);
    let user = "dy-user-1";

    let gift = bounded("add_coin", client.add_coin(&add_coin(user, "GIFT-1", 10)))
        .await
        .expect("gift");
    assert_eq!(gift.balance, Some(10));
    let paid = bounded("game_pay", client.game_pay(&game_pay(user, "PAY-1", 4)))
        .await
        .expect("pay");
    assert_eq!(paid.balance, Some(6));
    assert_eq!(paid.bill_no.as_deref(), Some("PAY-1"));

    // The same order again: the platform answers 90012 (it exists, applied before), which the
    // client reports as the success it was, without the fields of a fresh answer; nothing moves.
    let again = bounded("add_coin", client.add_coin(&add_coin(user, "GIFT-1", 10)))
        .await
        .expect("an order applied before is a success");
    assert_eq!(again.balance, None);
    assert_eq!(ErrorCode::OrderExists.code(), 90012);
    assert!(ErrorCode::OrderExists.is_already_applied());
    assert!(!ErrorCode::InsufficientBalance.is_already_applied());
    let again = bounded("game_pay", client.game_pay(&game_pay(user, "PAY-1", 4)))
        .await
        .expect("an order applied before is a success");
    assert_eq!(again.balance, None);

    // The platform's own books: each order applied once, the retries counted.
    let url = format!("{}/__mock/ledger/douyin_game", mock.base_url());
    let ledger: serde_json::Value = reqwest::get(url)
        .await
        .expect("ledger")
        .json()
        .await
        .expect("JSON");
    let orders = ledger["orders"].as_array().expect("orders");
    for bill_no in ["GIFT-1", "PAY-1"] {
        let order = orders
            .iter()
            .find(|o| o["bill_no"] == bill_no)
            .expect("recorded");
        assert_eq!(
            (order["applied"].clone(), order["requests"].clone()),
            (1.into(), 2.into())
        );
    }

    let too_much = bounded("game_pay", client.game_pay(&game_pay(user, "PAY-2", 7))).await;
    assert_eq!(api_code(too_much), ErrorCode::InsufficientBalance);

    let balance = bounded("get_balance", client.get_balance(&balance_request(user)))
        .await
        .expect("balance");
    assert_eq!(balance.balance, Some(6));
    assert_eq!(balance.present_sum, Some(10));
    assert_eq!(balance.cost_sum, Some(4));

    // Signed with another pay secret: 90009, not retried, and nothing spent.
    let wrong = self::client(&mock, "not-the-pay-secret", &transport);
    transport.clear();
    let refused = bounded("game_pay", wrong.game_pay(&game_pay(user, "PAY-3", 1))).await;
    assert_eq!(api_code(refused), ErrorCode::BadMpSig);
    assert_eq!(
        transport.exchanges().len(),
        1,
        "a bad signature is not retried"
    );
    let balance = bounded("get_balance", client.get_balance(&balance_request(user)))
        .await
        .expect("balance");
    assert_eq!(balance.balance, Some(6));
    mock.shutdown().await;
}

/// `mp_sig` by the published rule, written out here: every non-empty body parameter but
/// `mp_sig`, `access_token` included, sorted by name, `k=v` joined by `&`, then
/// `&org_loc=<path>&method=POST`; HMAC-SHA256 keyed by the pay secret, lowercase hex.
fn mp_sig(pay_secret: &str, path: &str, params: &[(&str, &str)]) -> String {
    let mut sorted: Vec<&(&str, &str)> = params.iter().filter(|(_, v)| !v.is_empty()).collect();
    sorted.sort_by(|a, b| a.0.as_bytes().cmp(b.0.as_bytes()));
    let joined: Vec<String> = sorted.iter().map(|(k, v)| format!("{k}={v}")).collect();
    let text = format!("{}&org_loc={path}&method=POST", joined.join("&"));
    hmac_sha256_hex(pay_secret, text.as_bytes())
}

/// A JSON body of string members, with `mp_sig` added.
fn json_body(params: &[(&str, &str)], sig: &str) -> String {
    let mut object = serde_json::Map::new();
    for (k, v) in params {
        object.insert((*k).to_owned(), serde_json::Value::from(*v));
    }
    object.insert("mp_sig".to_owned(), serde_json::Value::from(sig));
    serde_json::Value::Object(object).to_string()
}

async fn post_json(url: &str, body: String) -> serde_json::Value {
    let response = reqwest::Client::new()
        .post(url)
        .header("content-type", "application/json")
        .body(body)
        .send()
        .await
        .expect("mock answers");
    response.json().await.expect("JSON answer")
}

#[tokio::test]
async fn a_request_signed_by_the_published_rule_is_accepted_and_one_byte_more_is_90009() {
    let mock = mock_with(|_| {}).await;
    let path = "/api/apps/game/wallet/get_balance";
    let url = format!("{}{path}", mock.base_url());
    let ts = now().to_string();
    let params = [
        ("openid", "hand-signed"),
        ("appid", APPID),
        ("ts", ts.as_str()),
        ("zone_id", "1"),
        ("pf", "ios"),
        ("user_ip", ""),
        ("access_token", "any-token"),
    ];
    let sig = mp_sig(cred("douyin_game", "pay_secret"), path, &params);
    let answer = bounded("get_balance", post_json(&url, json_body(&params, &sig))).await;
    assert_eq!(answer["errcode"], 0, "{answer}");
    assert_eq!(answer["balance"], 0, "{answer}");

    // One byte changed after signing: the signature no longer covers the body.
    let mut changed = params;
    changed[0].1 = "hand-signee";
    let answer = bounded("get_balance", post_json(&url, json_body(&changed, &sig))).await;
    assert_eq!(answer["errcode"], 90009, "{answer}");
    // The signature itself changed by one byte.
    let mut bad = sig.clone();
    bad.replace_range(0..1, if sig.starts_with('0') { "1" } else { "0" });
    let answer = bounded("get_balance", post_json(&url, json_body(&params, &bad))).await;
    assert_eq!(answer["errcode"], 90009, "{answer}");
    mock.shutdown().await;
}

/// The callback `signature` by the rule: SHA-1 of the four strings sorted and concatenated.
fn callback_signature(token: &str, timestamp: &str, nonce: &str, msg: &str) -> String {
    let mut parts = [token, timestamp, nonce, msg];
    parts.sort_unstable();
    hex(&Sha1::digest(parts.concat().as_bytes()))
}

const MSG: &str = r#"{"appid":"tt07e3715e98c9aac0","cp_orderno":"order-7","cp_extra":"","order_no_channel":"N1","amount_cent":600,"amount_coin":60,"currency":"CNY"}"#;

fn callback_body(token: &str, nonce: &str) -> String {
    let timestamp = now().to_string();
    let signature = callback_signature(token, &timestamp, nonce, MSG);
    serde_json::json!({
        "timestamp": timestamp,
        "nonce": nonce,
        "msg": MSG,
        "signature": signature,
    })
    .to_string()
}

/// The orders a game server delivered (`cp_orderno` read from `msg`).
type Delivered = Arc<Mutex<Vec<String>>>;

struct GameServer {
    /// The callback URL.
    url: String,
    delivered: Delivered,
    _served: Served,
}

/// A game server: the pay callback through the axum handler (failing its first `failures`
/// deliveries), the URL check answered by hand with the generated verifier.
async fn game_server(failures: usize) -> GameServer {
    let delivered = Delivered::default();
    let d = delivered.clone();
    let left = Arc::new(Mutex::new(failures));
    let config = CallbackConfig {
        credentials: credentials("unused"),
        dedup: Arc::new(MemoryDedup::default()),
        window: ReplayWindow::default(),
    };
    let pay = callback::<douyin::PayCallbackNotification, _, _>(
        config,
        move |n: douyin::PayCallbackNotification| {
            let (d, left) = (d.clone(), left.clone());
            async move {
                {
                    let mut left = left.lock().unwrap_or_else(|e| e.into_inner());
                    if *left > 0 {
                        *left -= 1;
                        return Err("storage briefly down".to_owned());
                    }
                }
                // `msg` was verified as the string received, then typed.
                assert_eq!(n.msg.currency, "CNY");
                let id = format!("{} {}", n.msg.cp_orderno, n.msg.amount_coin);
                record(&d, id);
                Ok(())
            }
        },
    );
    let check = |RawQuery(query): RawQuery| async move {
        let query = query.unwrap_or_default();
        match douyin::VerifyUrlNotification::verify(&query, &credentials("unused")) {
            Ok(n) => (StatusCode::OK, n.echostr),
            Err(e) => (
                StatusCode::from_u16(douyin::VerifyUrlNotification::FAILURE_STATUS)
                    .unwrap_or(StatusCode::FORBIDDEN),
                douyin::VerifyUrlNotification::failure_reply(&e.to_string()),
            ),
        }
    };
    let router = Router::new()
        .route("/douyin/pay", post(pay))
        .route("/douyin/pay", get(check));
    let served = serve(router).await;
    GameServer {
        url: format!("{}/douyin/pay", served.url),
        delivered,
        _served: served,
    }
}

#[tokio::test]
async fn the_mock_sends_the_pay_callback_signed_and_resends_until_acknowledged() {
    let mock = mock_with(quick_callbacks(4)).await;
    let game = game_server(1).await;

    let report = bounded(
        "pay_callback",
        mock.send_callback(
            "douyin_game",
            "pay_callback",
            &game.url,
            pairs(&[("msg", MSG), ("nonce", "4367")]),
        ),
    )
    .await
    .expect("the mock signs the callback");
    assert!(report.delivered, "{report:?}");
    assert_eq!(
        report.attempts, 2,
        "refused once with 500, then acknowledged"
    );
    assert_eq!(report.last_status, Some(200));
    let signature = report
        .fields
        .iter()
        .find(|(n, _)| n == "signature")
        .map(|(_, v)| v.clone())
        .expect("signed");
    let timestamp = report
        .fields
        .iter()
        .find(|(n, _)| n == "timestamp")
        .map(|(_, v)| v.clone())
        .expect("timestamp");
    let token = cred("douyin_game", "callback_token");
    assert_eq!(
        signature,
        callback_signature(token, &timestamp, "4367", MSG)
    );

    // The URL check: the game echoes `echostr`, which is what the mock waits for.
    let report = bounded(
        "verify_url",
        mock.send_callback(
            "douyin_game",
            "verify_url",
            &game.url,
            pairs(&[("echostr", "echo-7f3a"), ("msg", "check")]),
        ),
    )
    .await
    .expect("the mock signs the check");
    assert!(report.delivered, "{report:?}");
    assert_eq!(report.last_body, "echo-7f3a");

    let delivered = game
        .delivered
        .lock()
        .unwrap_or_else(|e| e.into_inner())
        .clone();
    assert_eq!(delivered, ["order-7 60"]);
    mock.shutdown().await;
}

async fn post_callback(url: &str, body: String) -> (u16, String) {
    let response = reqwest::Client::new()
        .post(url)
        .header("content-type", "application/json")
        .body(body)
        .send()
        .await
        .expect("game server answers");
    let status = response.status().as_u16();
    (status, response.text().await.expect("body"))
}

#[tokio::test]
async fn callbacks_signed_with_another_token_or_forged_are_refused_with_a_non_200() {
    let game = game_server(0).await;
    let token = cred("douyin_game", "callback_token");

    let (status, body) = post_callback(&game.url, callback_body(token, "n-1")).await;
    assert_eq!((status, body.as_str()), (200, "success"));

    let (status, body) = post_callback(&game.url, callback_body("another-token", "n-2")).await;
    assert_eq!(status, 500, "{body}");

    // The right token, then `msg` changed by one byte.
    let honest = callback_body(token, "n-3");
    let forged = honest.replacen("order-7", "order-8", 1);
    assert_ne!(honest, forged);
    let (status, body) = post_callback(&game.url, forged).await;
    assert_eq!(status, 500, "{body}");

    // The URL check by hand: echoed when genuine, refused otherwise.
    let timestamp = now().to_string();
    let signature = callback_signature(token, &timestamp, "n-4", "hello");
    let query =
        format!("timestamp={timestamp}&nonce=n-4&msg=hello&echostr=e-1&signature={signature}");
    let response = reqwest::get(format!("{}?{query}", game.url))
        .await
        .expect("answers");
    assert_eq!(response.status().as_u16(), 200);
    assert_eq!(response.text().await.expect("body"), "e-1");
    let response = reqwest::get(format!("{}?{}", game.url, query.replace("n-4", "n-5")))
        .await
        .expect("answers");
    assert_eq!(response.status().as_u16(), 403);

    let delivered = game
        .delivered
        .lock()
        .unwrap_or_else(|e| e.into_inner())
        .clone();
    assert_eq!(
        delivered,
        ["order-7 60"],
        "only the genuine callback is delivered"
    );
}

#[tokio::test]
async fn a_genuine_callback_whose_msg_lacks_an_order_member_is_refused_not_delivered() {
    let game = game_server(0).await;
    let token = cred("douyin_game", "callback_token");
    let timestamp = now().to_string();
    let msg = r#"{"appid":"tt07e3715e98c9aac0","amount_cent":"not a number"}"#;
    let body = serde_json::json!({
        "timestamp": timestamp,
        "nonce": "n-9",
        "msg": msg,
        "signature": callback_signature(token, &timestamp, "n-9", msg),
    })
    .to_string();
    let (status, reply) = post_callback(&game.url, body).await;
    assert_eq!(status, 500, "{reply}");
    assert!(
        reply.contains("msg"),
        "the refusal names the field: {reply}"
    );
    assert!(
        game.delivered
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .is_empty()
    );
}
