//! End to end: WeChat mini-program virtual payment (xpay) and mini-game pay 2.0 through the
//! generated clients against the mock over loopback: raw-body signatures in the query, the
//! fixed `sig_method`, balances, order idempotency and the platforms' own error codes; and a
//! request signed by hand from the published rule (HMAC-SHA256 over the bytes sent), accepted
//! as sent and refused once one byte of its body changes.

mod e2e_support;
mod wechat_support;

use e2e_support::*;
use gamechannel::Secret;
use gamechannel::wechat_minigame_v2 as mg2;
use gamechannel::wechat_xpay as xpay;
use wechat_support::*;

#[tokio::test]
async fn xpay_calls_keep_balances_and_orders() {
    let mock = mock_with(|_| {}).await;
    let client = xpay_client(&mock, Some(cred("wechat_xpay", "session_key")));
    let gift = xpay::PresentCurrencyRequest {
        openid: "oXpayUser".into(),
        env: 0,
        order_id: "GIFT_1".into(),
        amount: 100,
    };
    let given = bounded("present", client.present_currency(&gift))
        .await
        .expect("gift");
    assert_eq!(given.balance, Some(100));
    // The platform answers 268490004 (applied before) to the same order: a success, without
    // the response fields, and nothing credited twice.
    let again = bounded("present again", client.present_currency(&gift))
        .await
        .expect("268490004 is a success of an idempotent call");
    assert_eq!(again.balance, None);

    let pay = xpay::CurrencyPayRequest {
        openid: "oXpayUser".into(),
        env: 0,
        user_ip: "203.0.113.7".into(),
        amount: 30,
        order_id: "PAY_1".into(),
        payitem: r#"[{"productid":"p1","unit_price":30,"quantity":1}]"#.into(),
        remark: Some("备注".into()),
    };
    let paid = bounded("pay", client.currency_pay(&pay))
        .await
        .expect("paid");
    assert_eq!(
        (paid.balance, paid.used_present_amount),
        (Some(70), Some(30))
    );
    let balance = xpay::QueryUserBalanceRequest {
        openid: "oXpayUser".into(),
        env: 0,
        user_ip: "203.0.113.7".into(),
    };
    let read = bounded("balance", client.query_user_balance(&balance))
        .await
        .expect("read");
    assert_eq!(read.balance, Some(70));

    let other = xpay::CurrencyPayRequest {
        amount: 31,
        ..pay.clone()
    };
    // Other content under a used order number gets the same code: nothing is charged.
    bounded("pay other", client.currency_pay(&other))
        .await
        .expect("268490004");
    assert_eq!(
        post_raw_duplicate(&mock).await,
        268490004,
        "the code on the wire"
    );
    let too_much = xpay::CurrencyPayRequest {
        amount: 1000,
        order_id: "PAY_2".into(),
        ..pay.clone()
    };
    assert_eq!(
        api_code(bounded("pay too much", client.currency_pay(&too_much)).await).code(),
        268490006
    );

    let refund = xpay::CancelCurrencyPayRequest {
        openid: "oXpayUser".into(),
        env: 0,
        user_ip: "203.0.113.7".into(),
        pay_order_id: "PAY_1".into(),
        order_id: "REFUND_1".into(),
        amount: 30,
    };
    bounded("refund", client.cancel_currency_pay(&refund))
        .await
        .expect("refunded");
    let read = bounded("balance", client.query_user_balance(&balance))
        .await
        .expect("read");
    assert_eq!(read.balance, Some(100));

    let delivered = xpay::NotifyProvideGoodsRequest {
        order_id: "GIFT_1".into(),
        wx_order_id: None,
        env: 0,
    };
    bounded("delivered", client.notify_provide_goods(&delivered))
        .await
        .expect("marked");
    let query = xpay::QueryOrderRequest {
        openid: "oXpayUser".into(),
        env: 0,
        order_id: Some("PAY_1".into()),
        wx_order_id: None,
    };
    let order = bounded("query order", client.query_order(&query))
        .await
        .expect("found");
    assert_eq!(order.order.and_then(|o| o.status), Some(5), "refunded");

    // Without a session key the user-session signature is not sent, and the call still goes.
    let anonymous = xpay_client(&mock, None);
    let read = bounded("balance", anonymous.query_user_balance(&balance))
        .await
        .expect("read");
    assert_eq!(read.balance, Some(100));
    // With the wrong one it is sent, and refused with the platform's signature code.
    let wrong = xpay_client(&mock, Some("not-the-session-key"));
    let code = api_code(bounded("wrong session", wrong.query_user_balance(&balance)).await);
    assert_eq!(code, xpay::ErrorCode::BadSignature);
    assert_eq!(code.code(), 268490003);
    mock.shutdown().await;
}

/// Answers lost after the platform applied the request: the client retries with the same
/// order number, the platform answers 268490004 (applied before), and the client reports the
/// success it was; every gift is credited exactly once.
#[tokio::test]
async fn lost_answers_are_retried_into_already_applied_successes() {
    let mock = mock_with(|config| {
        config.faults.lose_answer_rate = 0.4;
        config.faults.seed = Some(3);
    })
    .await;
    let transport = Recording::new();
    let client = xpay_client_retrying(&mock, None, quick_retry(12), transport.clone());
    for i in 0..12 {
        let gift = xpay::PresentCurrencyRequest {
            openid: "oLossyUser".into(),
            env: 0,
            order_id: format!("LOSSY_{i}"),
            amount: 10,
        };
        bounded("present", client.present_currency(&gift))
            .await
            .unwrap_or_else(|e| panic!("gift {i}: {e:?}"));
    }
    let sent = transport.to("/xpay/present_currency");
    let lost = sent.iter().filter(|x| x.seen == Seen::Failed).count();
    let applied_before = sent
        .iter()
        .filter(|x| {
            matches!(
                x.seen,
                Seen::Answer {
                    code: Some(268490004),
                    ..
                }
            )
        })
        .count();
    assert!(lost >= 3, "{lost} answers lost: the faults did not bite");
    assert!(applied_before >= 3, "{applied_before} answered 268490004");
    mock.set_faults(Default::default());
    let balance = xpay::QueryUserBalanceRequest {
        openid: "oLossyUser".into(),
        env: 0,
        user_ip: "203.0.113.7".into(),
    };
    let read = bounded("balance", client.query_user_balance(&balance))
        .await
        .expect("read");
    assert_eq!(read.balance, Some(120), "each gift credited once");
    mock.shutdown().await;
}

#[tokio::test]
async fn minigame_v2_calls_send_sig_method_and_keep_orders() {
    let mock = mock_with(|_| {}).await;
    let app_key = cred("wechat_minigame_v2", "app_key");
    let session = cred("wechat_minigame_v2", "session_key");
    let (client, transport) = mg2_client(&mock, session, app_key);
    let present = mg2::PresentRequest {
        openid: "oGameUser".into(),
        offer_id: "12345678".into(),
        ts: now(),
        zone_id: "1".into(),
        env: 0,
        user_ip: None,
        amount: 50,
        bill_no: "GIFT-1".into(),
    };
    let given = bounded("present", client.present(&present))
        .await
        .expect("gift");
    assert_eq!(given.balance, Some(50));
    assert_eq!(transport.to("/wxa/game/present").len(), 1);
    // What the client sends: the signatures and the fixed `sig_method` in the query, the body
    // exactly the bytes signed.
    let credentials = mg2::Credentials {
        push_token: Secret::new(""),
        encoding_aes_key: Secret::new(""),
        appid: String::new(),
        app_key: Secret::new(app_key),
        sandbox_app_key: Secret::new(""),
        session_key: Secret::new(session),
        access_token: Secret::new("TOKEN"),
    };
    let prepared = present
        .prepare(mg2::Environment::Production, &credentials)
        .expect("valid");
    let body = prepared.body.as_deref().expect("a JSON body");
    let expected_query = format!(
        "/wxa/game/present?access_token=TOKEN&sig_method=hmac_sha256&signature={}&pay_sig={}",
        hmac_sha256_hex(session, body.as_bytes()),
        hmac_sha256_hex(app_key, format!("/wxa/game/present&{body}").as_bytes())
    );
    assert_eq!(prepared.path_and_query, expected_query);

    let pay = mg2::PayRequest {
        openid: "oGameUser".into(),
        offer_id: "12345678".into(),
        ts: now(),
        zone_id: "1".into(),
        env: 0,
        user_ip: Some("1.1.1.1".into()),
        amount: 20,
        bill_no: "PAY-1".into(),
        payitem: Some("钻石".into()),
        remark: None,
    };
    let paid = bounded("pay", client.pay(&pay)).await.expect("paid");
    assert_eq!(paid.balance, Some(30));
    let retried = mg2::PayRequest {
        ts: now() + 5,
        ..pay.clone()
    };
    let again = bounded("pay again", client.pay(&retried))
        .await
        .expect("90012 for a retry signed later is a success");
    assert_eq!(again.balance, None, "answered by the code, without fields");
    let other = mg2::PayRequest {
        amount: 21,
        ..pay.clone()
    };
    bounded("pay other", client.pay(&other))
        .await
        .expect("90012");

    let cancel = mg2::CancelPayRequest {
        openid: "oGameUser".into(),
        offer_id: "12345678".into(),
        ts: now(),
        zone_id: "1".into(),
        env: 0,
        user_ip: None,
        amount: 20,
        bill_no: "REFUND-1".into(),
        pay_bill_no: "PAY-1".into(),
    };
    bounded("cancel", client.cancel_pay(&cancel))
        .await
        .expect("refunded");
    let balance = mg2::GetBalanceRequest {
        offer_id: "12345678".into(),
        zone_id: "1".into(),
        openid: "oGameUser".into(),
        env: 0,
        ts: now(),
        user_ip: None,
        coin_type: None,
    };
    let read = bounded("balance", client.get_balance(&balance))
        .await
        .expect("read");
    assert_eq!(read.balance, Some(50));

    let (wrong_session, _) = mg2_client(&mock, "not-the-session-key", app_key);
    let code = api_code(bounded("wrong session", wrong_session.get_balance(&balance)).await);
    assert_eq!((code, code.code()), (mg2::ErrorCode::BadSignature, 90010));
    let (wrong_key, _) = mg2_client(&mock, session, "not-the-app-key");
    let code = api_code(bounded("wrong app key", wrong_key.get_balance(&balance)).await);
    assert_eq!((code, code.code()), (mg2::ErrorCode::BadPaySig, 90011));
    mock.shutdown().await;
}

/// The same gift presented twice by hand: the second answer's code, as the platform sends it.
async fn post_raw_duplicate(mock: &gamechannel_cli::mock::RunningMock) -> i64 {
    let http = reqwest::Client::new();
    let base = mock.base_url();
    let access = token(&http, &base, "wechat_xpay").await;
    let path = "/xpay/present_currency";
    let body = r#"{"openid":"oRawUser","env":0,"order_id":"RAW_GIFT","amount":5}"#;
    let pay_sig = hmac_sha256_hex(
        cred("wechat_xpay", "app_key"),
        format!("{path}&{body}").as_bytes(),
    );
    let query = format!("access_token={access}&pay_sig={pay_sig}");
    assert_eq!(post_signed(&http, &base, path, &query, body).await, 0);
    post_signed(&http, &base, path, &query, body).await
}

/// A stable token from the mock, asked by hand.
async fn token(http: &reqwest::Client, base: &str, platform: &str) -> String {
    let body = serde_json::json!({
        "grant_type": "client_credential",
        "appid": cred(platform, "appid"),
        "secret": cred(platform, "app_secret"),
    });
    let answer: serde_json::Value = http
        .post(format!("{base}/cgi-bin/stable_token"))
        .json(&body)
        .send()
        .await
        .expect("token request")
        .json()
        .await
        .expect("token answer");
    answer["access_token"].as_str().expect("a token").to_owned()
}

/// POSTs `body` to `path` with the query the rule gives, and returns the answer's errcode.
async fn post_signed(
    http: &reqwest::Client,
    base: &str,
    path: &str,
    query: &str,
    body: &str,
) -> i64 {
    let answer: serde_json::Value = http
        .post(format!("{base}{path}?{query}"))
        .header("content-type", "application/json")
        .body(body.to_owned())
        .send()
        .await
        .expect("request")
        .json()
        .await
        .expect("JSON answer");
    answer["errcode"].as_i64().unwrap_or(0)
}

/// The body spaced as Python's `json.dumps` writes it (the official doc's vectors), not as
/// the generated client writes it: the platform hashes the bytes it receives.
#[tokio::test]
async fn hand_signed_requests_are_accepted_and_one_changed_byte_is_refused() {
    let mock = mock_with(|_| {}).await;
    let http = reqwest::Client::new();
    let base = mock.base_url();
    let session = cred("wechat_xpay", "session_key");

    let access = token(&http, &base, "wechat_xpay").await;
    let path = "/xpay/query_user_balance";
    let body = r#"{"openid": "oHandUser", "user_ip": "127.0.0.1", "env": 0}"#;
    let signed = |body: &str| {
        let pay_sig = hmac_sha256_hex(
            cred("wechat_xpay", "app_key"),
            format!("{path}&{body}").as_bytes(),
        );
        let signature = hmac_sha256_hex(session, body.as_bytes());
        format!("access_token={access}&pay_sig={pay_sig}&signature={signature}")
    };
    let query = signed(body);
    assert_eq!(post_signed(&http, &base, path, &query, body).await, 0);
    let tampered = body.replace("127.0.0.1", "127.0.0.2");
    assert_eq!(
        post_signed(&http, &base, path, &query, &tampered).await,
        268490003,
        "one byte changed after signing"
    );

    let access = token(&http, &base, "wechat_minigame_v2").await;
    let path = "/wxa/game/getbalance";
    let body = r#"{"offer_id": "12345678", "openid": "oHandUser", "ts": 1668136271, "zone_id": "1", "env": 0}"#;
    let pay_sig = hmac_sha256_hex(
        cred("wechat_minigame_v2", "app_key"),
        format!("{path}&{body}").as_bytes(),
    );
    let signature = hmac_sha256_hex(cred("wechat_minigame_v2", "session_key"), body.as_bytes());
    let query = format!(
        "access_token={access}&signature={signature}&sig_method=hmac_sha256&pay_sig={pay_sig}"
    );
    assert_eq!(post_signed(&http, &base, path, &query, body).await, 0);
    let tampered = body.replace("\"env\": 0", "\"env\": 1");
    assert_eq!(
        post_signed(&http, &base, path, &query, &tampered).await,
        90010
    );
    // Only pay_sig recomputed for the changed body: the session signature still refuses it.
    let pay_sig = hmac_sha256_hex(
        cred("wechat_minigame_v2", "app_key"),
        format!("{path}&{tampered}").as_bytes(),
    );
    let half = format!(
        "access_token={access}&signature={signature}&sig_method=hmac_sha256&pay_sig={pay_sig}"
    );
    assert_eq!(
        post_signed(&http, &base, path, &half, &tampered).await,
        90010
    );
    // Correct signatures without the fixed `sig_method` are a parameter error.
    let without = format!("access_token={access}&signature={signature}&pay_sig={pay_sig}");
    let signature = hmac_sha256_hex(
        cred("wechat_minigame_v2", "session_key"),
        tampered.as_bytes(),
    );
    let without = without.replace(
        &without[without.find("signature=").unwrap_or(0)..without.find("&pay_sig").unwrap_or(0)],
        &format!("signature={signature}"),
    );
    assert_eq!(
        post_signed(&http, &base, path, &without, &tampered).await,
        90018
    );
    mock.shutdown().await;
}
