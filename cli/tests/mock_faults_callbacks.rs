//! Faults injected by the mock, and callbacks it sends to a game server.

mod mock_support;

use std::collections::HashMap;
use std::sync::Arc;
use std::sync::atomic::{AtomicU32, Ordering};

use axum::Router;
use axum::extract::{Query, State};
use axum::routing::{get, post};
use gamechannel_cli::mock::Faults;
use mock_support::*;
use serde_json::Value;

const PRESENT: &str = "/cgi-bin/midas/present";

#[tokio::test]
async fn faults() {
    let mock = mock_with(|_| {}).await;
    let token = token(&mock).await;
    mock.set_faults(Faults {
        busy_rate: 1.0,
        seed: Some(1),
        ..Faults::default()
    });
    // The token endpoint is spared unless asked.
    assert_eq!(mock_support::token(&mock).await, token);
    let gift = midas_params(
        "f1",
        &[("bill_no", "busy-1".into()), ("present_counts", "5".into())],
    );
    assert_eq!(
        midas_signed(&mock, PRESENT, &token, &gift, None).await["errcode"],
        -1
    );
    assert!(
        mock.ledger().orders.is_empty(),
        "a busy answer applies nothing"
    );

    let body = json_body(&gift, &[("sig", midas_sig(&gift, PRESENT, MIDAS_KEY))]);
    let url = format!("{}{PRESENT}?access_token={token}", mock.base_url());
    mock.set_faults(Faults {
        drop_rate: 1.0,
        ..Faults::default()
    });
    assert!(
        client().post(&url).json(&body).send().await.is_err(),
        "dropped connection"
    );
    mock.set_faults(Faults {
        malformed_rate: 1.0,
        ..Faults::default()
    });
    let text = client()
        .post(&url)
        .json(&body)
        .send()
        .await
        .expect("answer")
        .text()
        .await
        .expect("body");
    assert!(serde_json::from_str::<Value>(&text).is_err());
    mock.set_faults(Faults {
        http_500_rate: 1.0,
        ..Faults::default()
    });
    assert_eq!(
        client()
            .post(&url)
            .json(&body)
            .send()
            .await
            .expect("answer")
            .status(),
        500
    );

    // Faults set through the admin endpoint, then lifted.
    let lifted = client()
        .post(format!("{}/__mock/faults", mock.base_url()))
        .json(&serde_json::json!({}))
        .send()
        .await;
    assert_eq!(lifted.expect("admin answers").status(), 200);
    assert_eq!(
        midas_signed(&mock, PRESENT, &token, &gift, None).await["errcode"],
        0
    );
    let ledger: Value = client()
        .get(format!("{}/__mock/ledger", mock.base_url()))
        .send()
        .await
        .expect("ledger")
        .json()
        .await
        .expect("JSON");
    assert_eq!(ledger["orders"][0]["applied"], 1);
    mock.shutdown().await;
}

/// A game server that answers `fail` twice, then `success`, checking every sign by hand.
async fn game_server() -> (String, Arc<AtomicU32>) {
    async fn notify(
        State(hits): State<Arc<AtomicU32>>,
        Query(q): Query<HashMap<String, String>>,
    ) -> &'static str {
        let n = hits.fetch_add(1, Ordering::SeqCst) + 1;
        let signed: Vec<(&str, String)> =
            ["app_id", "bill_no", "ext", "open_id", "price", "status"]
                .iter()
                .filter_map(|k| q.get(*k).map(|v| (*k, v.clone())))
                .chain([("secret_key", WANCMS_PAY_KEY.to_owned())])
                .collect();
        let genuine = q.get("sign") == Some(&md5_hex(&sorted_params(&signed)));
        if genuine && n >= 3 { "success" } else { "fail" }
    }
    async fn gift(Query(_): Query<HashMap<String, String>>, body: String) -> &'static str {
        let v: Value = serde_json::from_str(&body).unwrap_or(Value::Null);
        let mut params: Vec<(&str, String)> = Vec::new();
        for k in [
            "awardCode",
            "game",
            "roleId",
            "serverId",
            "timeStamp",
            "uid",
        ] {
            let text = match &v[k] {
                Value::String(s) => s.clone(),
                other => other.to_string(),
            };
            params.push((k, text));
        }
        let genuine = v["sign"].as_str()
            == Some(md5_hex(&format!("{}{LLEWAN_SECRET}", sorted_params(&params))).as_str());
        if genuine && v["timeStamp"].is_number() {
            r#"{"code":1,"msg":"success"}"#
        } else {
            r#"{"code":-1,"msg":"bad"}"#
        }
    }
    let hits = Arc::new(AtomicU32::new(0));
    let app = Router::new()
        .route("/notify", get(notify))
        .route("/gift", post(gift))
        .with_state(hits.clone());
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0")
        .await
        .expect("bind");
    let base = format!("http://{}", listener.local_addr().expect("addr"));
    tokio::spawn(async move { axum::serve(listener, app).await });
    (base, hits)
}

#[tokio::test]
async fn callbacks_are_resent_until_acknowledged() {
    let mock = mock_with(|_| {}).await;
    let (game, hits) = game_server().await;
    let fields = vec![
        ("bill_no".to_owned(), "B1".to_owned()),
        ("price".to_owned(), "6.00".to_owned()),
    ];
    let report = mock
        .send_callback("wancms", "pay_notify", &format!("{game}/notify"), fields)
        .await
        .expect("callback built");
    assert!(report.delivered, "{report:?}");
    assert_eq!(report.attempts, 3);
    assert_eq!(hits.load(Ordering::SeqCst), 3);

    // Through the admin endpoint: llewan gift codes, POST JSON, acknowledged at once.
    let body = serde_json::json!({ "target_url": format!("{game}/gift"), "fields": { "uid": "12_11_1", "awardCode": "GIFT1" } });
    let report: Value = client()
        .post(format!(
            "{}/__mock/callbacks/llewan/gift_code",
            mock.base_url()
        ))
        .json(&body)
        .send()
        .await
        .expect("admin answers")
        .json()
        .await
        .expect("report");
    assert_eq!(
        (report["delivered"].clone(), report["attempts"].clone()),
        (true.into(), 1.into()),
        "{report}"
    );
    mock.shutdown().await;
}
