//! End to end: the mock platform sends WeChat message pushes (xpay item delivery and currency
//! payment, mini-game 2.0 currency delivery) to a game server built with
//! `gamechannel::axum::callback`: JSON and XML bodies, plain and safe (encrypted) mode, the GET
//! URL handshake; signatures in the query, the body answered in its own format, resent until
//! acknowledged, delivered once.

mod e2e_support;
mod wechat_support;

use std::sync::atomic::Ordering;

use e2e_support::*;
use gamechannel::{Callback, RawRequest, wechat_xpay as xpay};
use gamechannel_cli::mock::{CallbackReport, PushOptions, RunningMock};
use wechat_support::*;

fn goods_push(order: &str) -> Vec<(String, String)> {
    pairs(&[
        ("timestamp", &now().to_string()),
        ("nonce", "1514711492"),
        ("ToUserName", "gh_97417a04a28d"),
        ("CreateTime", "1714037059"),
        ("OpenId", "o9AgO5Kd5ggOC-bXrbNODIiE3bGY"),
        ("OutTradeNo", order),
        ("Env", "0"),
        ("WeChatPayInfo.MchOrderNo", "mch-1"),
        ("GoodsInfo.ProductId", "sword_01"),
        ("GoodsInfo.Quantity", "2"),
        ("GoodsInfo.Attach", "role=77 & <srv>=3"),
    ])
}

async fn push(
    mock: &RunningMock,
    platform: &str,
    endpoint: &str,
    url: &str,
    fields: Vec<(String, String)>,
    options: PushOptions,
) -> CallbackReport {
    bounded(
        "push",
        mock.send_push(platform, endpoint, url, fields, options),
    )
    .await
    .unwrap_or_else(|e| panic!("{endpoint} {options:?}: the mock cannot send it: {e}"))
}

fn sent<'a>(report: &'a CallbackReport, name: &str) -> Option<&'a str> {
    report
        .fields
        .iter()
        .find(|(n, _)| n == name)
        .map(|(_, v)| v.as_str())
}

#[tokio::test]
async fn item_pushes_in_every_form_are_acknowledged_in_their_format_and_delivered_once() {
    let mock = mock_with(quick_callbacks(6)).await;
    let server = game_server(0).await;
    let url = format!("{}/xpay/push", server.served.url);
    let forms = [
        (false, false, "o-json-plain"),
        (true, false, "o-xml-plain"),
        (false, true, "o-json-safe"),
        (true, true, "o-xml-safe"),
    ];
    for (xml, encrypted, order) in forms {
        let options = PushOptions { xml, encrypted };
        let report = push(
            &mock,
            "wechat_xpay",
            "goods_deliver_notify",
            &url,
            goods_push(order),
            options,
        )
        .await;
        assert!(report.delivered, "{options:?}: {report:?}");
        assert_eq!(report.attempts, 1, "{options:?}");
        let expected = if xml {
            "<xml><ErrCode>0</ErrCode><ErrMsg><![CDATA[success]]></ErrMsg></xml>"
        } else {
            r#"{"ErrCode":0,"ErrMsg":"success"}"#
        };
        assert_eq!(report.last_body, expected, "{options:?}");
        // Safe mode: the message travels only as ciphertext, covered by msg_signature.
        assert_eq!(sent(&report, "Encrypt").is_some(), encrypted, "{options:?}");
        assert_eq!(
            sent(&report, "msg_signature").is_some(),
            encrypted,
            "{options:?}"
        );
        assert_eq!(
            sent(&report, "OutTradeNo").is_some(),
            !encrypted,
            "{options:?}"
        );
        assert!(sent(&report, "signature").is_some());
    }
    let delivered = taken(&server.game.goods);
    let orders: Vec<&str> = delivered.iter().map(|(o, _, _)| o.as_str()).collect();
    assert_eq!(
        orders,
        ["o-json-plain", "o-xml-plain", "o-json-safe", "o-xml-safe"]
    );
    assert!(delivered.iter().all(|(_, p, q)| p == "sword_01" && *q == 2));
}

#[tokio::test]
async fn an_item_push_is_resent_until_acknowledged_and_delivered_once() {
    const FAILURES: usize = 2;
    let mock = mock_with(quick_callbacks(6)).await;
    let server = game_server(FAILURES).await;
    let url = format!("{}/xpay/push", server.served.url);
    let options = PushOptions {
        xml: true,
        encrypted: true,
    };
    let report = push(
        &mock,
        "wechat_xpay",
        "goods_deliver_notify",
        &url,
        goods_push("o-retry"),
        options,
    )
    .await;
    assert!(report.delivered, "{report:?}");
    assert_eq!(report.attempts, FAILURES as u32 + 1);
    assert_eq!(server.game.goods_calls.load(Ordering::SeqCst), FAILURES + 1);
    assert_eq!(taken(&server.game.goods).len(), 1);
    // The platform resends an acknowledged push too: answered, not delivered again.
    let again = push(
        &mock,
        "wechat_xpay",
        "goods_deliver_notify",
        &url,
        goods_push("o-retry"),
        options,
    )
    .await;
    assert!(again.delivered, "{again:?}");
    assert_eq!(taken(&server.game.goods).len(), 1);
}

#[tokio::test]
async fn the_url_handshake_echoes_echostr_when_signed_with_the_token() {
    let mock = mock_with(quick_callbacks(6)).await;
    let server = game_server(0).await;
    let url = format!("{}/xpay/push", server.served.url);
    let given = pairs(&[("echostr", "7403826931893524482")]);
    let report = bounded(
        "handshake",
        mock.send_callback("wechat_xpay", "push_url_verify", &url, given),
    )
    .await
    .expect("the mock signs the handshake");
    assert!(report.delivered, "{report:?}");
    assert_eq!(report.last_body, "7403826931893524482");
    // Signed with another token, the same handshake gets no echo.
    let query = "timestamp=1714036504&nonce=1514711492&echostr=abc&signature=f464b24fc39322e44b38aa78f5edd27bd1441696";
    let answer = reqwest::get(format!("{url}?{query}"))
        .await
        .expect("answers");
    let body = answer.text().await.expect("body");
    assert_ne!(body, "abc");
}

#[tokio::test]
async fn the_mini_game_url_handshake_echoes_echostr_when_signed_with_its_token() {
    let mock = mock_with(quick_callbacks(6)).await;
    let server = game_server(0).await;
    let url = format!("{}/mg2/push", server.served.url);
    let given = pairs(&[("echostr", "4375120948345356887")]);
    let report = bounded(
        "mini-game handshake",
        mock.send_callback("wechat_minigame_v2", "push_url_verify", &url, given),
    )
    .await
    .expect("the mock signs the handshake");
    assert!(report.delivered, "{report:?}");
    assert_eq!(report.last_body, "4375120948345356887");
    // Signed with another token (the spec's example uses `AAAAA`), no echo.
    let query = "timestamp=1714112445&nonce=1620325843&echostr=abc&signature=a16cdd26f2ef8a9d0b0ee0f2baa7b00a5dcd5b5f";
    let answer = reqwest::get(format!("{url}?{query}"))
        .await
        .expect("answers");
    let body = answer.text().await.expect("body");
    assert_ne!(body, "abc");
}

#[tokio::test]
async fn currency_pushes_and_mini_game_deliveries_are_verified_and_credited() {
    let mock = mock_with(quick_callbacks(6)).await;
    let server = game_server(0).await;
    let coins = pairs(&[
        ("timestamp", "1714037059"),
        ("nonce", "486452656"),
        ("ToUserName", "gh_97417a04a28d"),
        ("CreateTime", "1714037059"),
        ("OpenId", "o9AgO5Kd5"),
        ("OutTradeNo", "c-1"),
        ("Env", "1"),
        ("CoinInfo.Quantity", "60"),
    ]);
    let url = format!("{}/xpay/coins", server.served.url);
    let options = PushOptions {
        xml: false,
        encrypted: true,
    };
    let report = push(
        &mock,
        "wechat_xpay",
        "coin_pay_notify",
        &url,
        coins,
        options,
    )
    .await;
    assert!(report.delivered, "{report:?}");
    assert_eq!(taken(&server.game.coins), [("c-1".to_owned(), 60)]);

    let payload = r#"{"OpenId":"o1","OutTradeNo":"mg-1","Env":0,"CoinInfo":{"ZoneId":"1","TotalPrice":100,"BuyQuantity":1,"OrigPrice":100}}"#;
    let delivery = pairs(&[
        ("timestamp", "1714037059"),
        ("nonce", "486452656"),
        ("CreateTime", "1714037059"),
        ("MiniGame.Payload", payload),
        ("MiniGame.IsMock", "false"),
    ]);
    let url = format!("{}/mg2/push", server.served.url);
    for (xml, encrypted) in [(false, false), (true, true)] {
        let options = PushOptions { xml, encrypted };
        let report = push(
            &mock,
            "wechat_minigame_v2",
            "coin_deliver_completed",
            &url,
            delivery.clone(),
            options,
        )
        .await;
        assert!(report.delivered, "{options:?}: {report:?}");
        let expected = if xml {
            "<xml><ErrCode>0</ErrCode><ErrMsg>Success</ErrMsg></xml>"
        } else {
            r#"{"ErrCode":0,"ErrMsg":"Success"}"#
        };
        assert_eq!(report.last_body, expected);
    }
    // The same order twice: delivered once, its number read from inside the Payload string.
    assert_eq!(taken(&server.game.payloads), ["mg-1".to_owned()]);
}

#[tokio::test]
async fn a_sandbox_delivery_is_signed_and_verified_with_the_sandbox_app_key() {
    let mock = mock_with(quick_callbacks(6)).await;
    let server = game_server(0).await;
    let payload = r#"{"OpenId":"o1","OutTradeNo":"mg-sandbox-1","Env":1}"#;
    let delivery = pairs(&[
        ("timestamp", "1714037059"),
        ("nonce", "486452656"),
        ("CreateTime", "1714037059"),
        ("MiniGame.Payload", payload),
    ]);
    let url = format!("{}/mg2/push", server.served.url);
    let report = push(
        &mock,
        "wechat_minigame_v2",
        "coin_deliver_completed",
        &url,
        delivery,
        PushOptions::default(),
    )
    .await;
    assert!(report.delivered, "{report:?}");
    // The mock keyed it by its sandbox AppKey, as the game server checks it.
    let sandbox_key = cred("wechat_minigame_v2", "sandbox_app_key");
    let expected = hmac_sha256_hex(
        sandbox_key,
        format!("minigame_coin_deliver_completed&{payload}").as_bytes(),
    );
    assert_eq!(
        sent(&report, "MiniGame.PayEventSig"),
        Some(expected.as_str())
    );
    assert_eq!(taken(&server.game.payloads), ["mg-sandbox-1".to_owned()]);
}

#[tokio::test]
async fn a_push_whose_signature_does_not_match_is_refused_in_its_format() {
    let server = game_server(0).await;
    let http = reqwest::Client::new();
    let url = format!(
        "{}/xpay/push?timestamp=1714037059&nonce=486452656&signature=899cf89e464efb63f54ddac96b0a0a235f53aa78",
        server.served.url
    );
    let values: Vec<(String, String)> = goods_push("o-forged")
        .into_iter()
        .filter(|(n, _)| n != "timestamp" && n != "nonce")
        .chain(pairs(&[
            ("MsgType", "event"),
            ("Event", "xpay_goods_deliver_notify"),
        ]))
        .collect();
    let body = gamechannel::core_primitives::write_xml(&values);
    let answer = http.post(&url).body(body).send().await.expect("answers");
    let content_type = answer.headers()["content-type"]
        .to_str()
        .unwrap_or_default()
        .to_owned();
    let text = answer.text().await.expect("body");
    assert_eq!(content_type, "application/xml");
    assert!(text.starts_with("<xml><ErrCode>-1</ErrCode>"), "{text}");
    assert!(text.contains("bad signature push_signature"), "{text}");
    assert!(taken(&server.game.goods).is_empty());
    // Refusals never depend on the request's parts being there.
    let reply = xpay::GoodsDeliverNotifyNotification::failure_reply_to(RawRequest::default(), "x");
    assert_eq!(reply, r#"{"ErrCode":-1,"ErrMsg":"x"}"#);
}

#[tokio::test]
async fn the_admin_route_sends_a_push_as_xml_and_encrypted_when_asked() {
    let mock = mock_with(quick_callbacks(6)).await;
    let server = game_server(0).await;
    let request = serde_json::json!({
        "target_url": format!("{}/xpay/push", server.served.url),
        "fields": { "OutTradeNo": "o-admin", "GoodsInfo.Quantity": 5 },
        "push": { "xml": true, "encrypted": true },
    });
    let url = format!(
        "{}/__mock/callbacks/wechat_xpay/goods_deliver_notify",
        mock.base_url()
    );
    let answer = reqwest::Client::new()
        .post(url)
        .json(&request)
        .send()
        .await
        .expect("the mock answers");
    let report: serde_json::Value = answer.json().await.expect("a JSON report");
    assert_eq!(report["delivered"], true, "{report}");
    let body = report["last_body"].as_str().unwrap_or_default();
    assert!(body.starts_with("<xml><ErrCode>0</ErrCode>"), "{report}");
    let sent: Vec<&str> = report["fields"]
        .as_array()
        .into_iter()
        .flatten()
        .filter_map(|pair| pair[0].as_str())
        .collect();
    assert!(
        sent.contains(&"msg_signature") && sent.contains(&"Encrypt"),
        "{sent:?}"
    );
    let delivered = taken(&server.game.goods);
    assert_eq!(
        delivered,
        [(
            "o-admin".to_owned(),
            "mock-GoodsInfo.ProductId".to_owned(),
            5
        )]
    );
}

#[tokio::test]
async fn item_and_currency_pushes_to_one_url_reach_their_own_handlers() {
    let mock = mock_with(quick_callbacks(6)).await;
    let server = game_server(0).await;
    let url = format!("{}/xpay/all", server.served.url);
    let options = PushOptions {
        xml: true,
        encrypted: true,
    };
    let item = push(
        &mock,
        "wechat_xpay",
        "goods_deliver_notify",
        &url,
        goods_push("o-one-url"),
        options,
    )
    .await;
    assert!(item.delivered, "{item:?}");
    let coins = pairs(&[("OutTradeNo", "c-one-url"), ("CoinInfo.Quantity", "6")]);
    let coin = push(
        &mock,
        "wechat_xpay",
        "coin_pay_notify",
        &url,
        coins,
        PushOptions::default(),
    )
    .await;
    assert!(coin.delivered, "{coin:?}");
    assert_eq!(taken(&server.game.goods).len(), 1);
    assert_eq!(taken(&server.game.coins), [("c-one-url".to_owned(), 6)]);
    // A push neither handler verifies (another platform's token) is refused by the first.
    let other = push(
        &mock,
        "wechat_minigame_v2",
        "coin_deliver_completed",
        &url,
        Vec::new(),
        PushOptions::default(),
    )
    .await;
    assert!(!other.delivered);
    assert!(other.last_body.starts_with(r#"{"ErrCode":-1"#), "{other:?}");
}
