//! The H5 pay flow over plain HTTP, as the browser would walk it: portal -> signed login ->
//! server-signed payload -> the SDK's checks -> notify -> goods delivered once. Runs without a
//! browser; `browser.rs` walks the same flow in headless Chromium.

mod support;

use std::time::Duration;

use serde_json::{Value, json};
use support::{RESENDS, Stage};

/// The game's login URL as the mock's portal opens it.
async fn portal_login_url(http: &reqwest::Client, stage: &Stage, open_id: &str) -> String {
    let portal = http
        .get(format!(
            "{}/__mock/portal/wancms?open_id={open_id}",
            stage.mock.base_url()
        ))
        .send()
        .await
        .expect("portal answers")
        .text()
        .await
        .expect("portal page");
    let start = portal.find("src=\"").expect("an iframe") + 5;
    let end = start + portal[start..].find('"').expect("closed");
    portal[start..end].replace("&amp;", "&")
}

/// Logs in through the portal; the session the game gave the page.
async fn login(http: &reqwest::Client, stage: &Stage, open_id: &str) -> String {
    let url = portal_login_url(http, stage, open_id).await;
    assert!(url.starts_with(&stage.game_url), "{url}");
    for part in ["open_id=", "channel=", "is_favorite=", "sign="] {
        assert!(url.contains(part), "{part} missing in {url}");
    }
    let page = http.get(&url).send().await.expect("game answers");
    assert_eq!(page.status(), 200);
    let page = page.text().await.expect("page");
    let at = page.find("\"session\":\"").expect("a session in the page") + 11;
    page[at..at + page[at..].find('"').expect("closed")].to_owned()
}

async fn signed_payload(http: &reqwest::Client, stage: &Stage, session: &str) -> Value {
    http.post(format!("{}/api/pay", stage.game_url))
        .json(&json!({ "session": session, "total_fee": 60, "ext": "srv=3;role=77" }))
        .send()
        .await
        .expect("game answers")
        .json()
        .await
        .expect("a JSON payload")
}

async fn sdk(http: &reqwest::Client, stage: &Stage, path: &str, body: &Value) -> Value {
    http.post(format!(
        "{}/__mock/sdk/wancms/{path}",
        stage.mock.base_url()
    ))
    .body(body.to_string())
    .send()
    .await
    .expect("mock answers")
    .json()
    .await
    .expect("a JSON answer")
}

#[tokio::test]
async fn paid_order_is_delivered_once_and_tampered_ones_never() {
    let outcome = tokio::time::timeout(Duration::from_secs(60), async {
        let stage = Stage::start().await;
        let http = reqwest::Client::new();

        let forged = http
            .get(format!(
                "{}/?open_id=player-1&sign=0123456789abcdef0123456789abcdef",
                stage.game_url
            ))
            .send()
            .await
            .expect("game answers");
        assert_eq!(forged.status(), 403, "a forged login is refused");

        let script = http
            .get(format!(
                "{}/themes/main_template/Public/h5style/js/h5sdk.js",
                stage.mock.base_url()
            ))
            .send()
            .await
            .expect("script")
            .text()
            .await
            .expect("text");
        for function in [
            "init",
            "selectServer",
            "createRole",
            "pay",
            "share",
            "favorite",
        ] {
            assert!(
                script.contains(&format!("\"wancmssdk.{function}\"")),
                "{function} missing"
            );
        }

        let session = login(&http, &stage, "player-1").await;
        let payload = signed_payload(&http, &stage, &session).await;
        let bill_no = payload["bill_no"].as_str().expect("bill_no").to_owned();
        let choices = sdk(&http, &stage, "pay", &payload).await;
        let names: Vec<&str> = choices["choices"]
            .as_array()
            .expect("the payment dialog's choices")
            .iter()
            .filter_map(|c| c["name"].as_str())
            .collect();
        assert_eq!(names, ["closed", "paid", "failed", "cancelled"]);
        let paid = sdk(
            &http,
            &stage,
            "pay/outcome",
            &json!({ "ticket": choices["ticket"], "code": 6 }),
        )
        .await;
        assert_eq!(paid["code"], 6);
        let record = stage.settled_pay(&bill_no, Duration::from_secs(20)).await;
        let report = record.notify.expect("a notify");
        assert!(report.delivered, "{report:?}");
        assert_eq!(record.resent, RESENDS);
        assert_eq!(stage.order(&bill_no).expect("ordered").deliveries, 1);

        let mut tampered = signed_payload(&http, &stage, &session).await;
        tampered["total_fee"] = json!(1);
        let refused = sdk(&http, &stage, "pay", &tampered).await;
        assert_eq!(refused["code"], 9, "{refused}");
        let mut unsigned = signed_payload(&http, &stage, &session).await;
        unsigned.as_object_mut().expect("object").remove("sign");
        assert_eq!(sdk(&http, &stage, "pay", &unsigned).await["code"], 10);
        let unknown = json!({ "open_id": "player-1", "extra": "x" });
        assert_eq!(
            sdk(&http, &stage, "share", &unknown).await.get("code"),
            None
        );
        tokio::time::sleep(Duration::from_millis(300)).await;
        for bill in
            [&tampered, &unsigned].map(|p| p["bill_no"].as_str().unwrap_or_default().to_owned())
        {
            assert_eq!(stage.order(&bill).expect("ordered").deliveries, 0);
        }
        stage.stop().await;
    })
    .await;
    assert!(outcome.is_ok(), "the flow took more than a minute");
}
