//! End to end for the platforms after the seeds: the mock sends each new callback (QQ v3
//! delivery, vivo, OPPO, Huawei) correctly signed to a game server that verifies with the
//! generated code; callbacks signed here by hand from the published rules are accepted, and
//! refused when one byte changes, when re-signed with another RSA key, or forged.

mod e2e_support;
mod platform_rules;

use std::sync::{Arc, Mutex};

use axum::Router;
use axum::routing::{get, post};
use e2e_support::*;
use gamechannel::axum::{CallbackConfig, callback};
use gamechannel::{MemoryDedup, ReplayWindow, Secret, huawei, oppo, qqgame, vivo};
use gamechannel_cli::mock::{RunningMock, TEST_RSA_PRIVATE_KEY, TEST_RSA_PUBLIC_KEY};
use platform_rules::*;

/// Another RSA key pair: what an attacker without the platform's key signs with.
const OTHER_KEY: &str = include_str!("other_test_key.pem");

/// What the game delivered: (platform, order).
type Delivered = Arc<Mutex<Vec<(String, String)>>>;

struct GameServer {
    served: Served,
    delivered: Delivered,
}

impl GameServer {
    fn delivered(&self) -> Vec<(String, String)> {
        self.delivered
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .clone()
    }
}

fn config<C>(credentials: C) -> CallbackConfig<C> {
    CallbackConfig {
        credentials,
        dedup: Arc::new(MemoryDedup::default()),
        window: ReplayWindow::default(),
    }
}

fn record(delivered: &Delivered, platform: &str, order: String) {
    delivered
        .lock()
        .unwrap_or_else(|e| e.into_inner())
        .push((platform.to_owned(), order));
}

/// A game server verifying with the mock's documented credentials, RSA with the public key.
async fn game_server() -> GameServer {
    let delivered = Delivered::default();
    let d = delivered.clone();
    let qq = callback::<qqgame::PayDeliverNotification, _, _>(
        config(qqgame::Credentials {
            app_key: Secret::new(cred("qqgame", "app_key")),
            deliver_path: Some(cred("qqgame", "deliver_path").to_owned()),
        }),
        move |n: qqgame::PayDeliverNotification| {
            let d = d.clone();
            async move {
                record(&d, "qqgame", n.billno);
                Ok(())
            }
        },
    );
    let d = delivered.clone();
    let vivo = callback::<vivo::PayNotifyNotification, _, _>(
        config(vivo::Credentials {
            app_secret: Secret::new(cred("vivo", "app_secret")),
        }),
        move |n: vivo::PayNotifyNotification| {
            let d = d.clone();
            async move {
                record(&d, "vivo", n.order_number);
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
                record(&d, "oppo", format!("{} {}", n.notify_id, n.attach));
                Ok(())
            }
        },
    );
    let d = delivered.clone();
    let huawei = callback::<huawei::PayNotifyNotification, _, _>(
        config(huawei::Credentials {
            public_key: TEST_RSA_PUBLIC_KEY.to_owned(),
            private_key: Secret::new(TEST_RSA_PRIVATE_KEY),
        }),
        move |n: huawei::PayNotifyNotification| {
            let d = d.clone();
            async move {
                let ext = n.ext_reserved.unwrap_or_default();
                record(&d, "huawei", format!("{} {ext}", n.order_id));
                Ok(())
            }
        },
    );
    let router = Router::new()
        .route("/qq/deliver", get(qq))
        .route("/vivo/notify", post(vivo))
        .route("/oppo/notify", post(oppo))
        .route("/huawei/notify", post(huawei));
    GameServer {
        served: serve(router).await,
        delivered,
    }
}

async fn send(
    mock: &RunningMock,
    platform: &str,
    endpoint: &str,
    url: &str,
    given: &[(&str, &str)],
) -> String {
    let report = bounded(
        "callback",
        mock.send_callback(platform, endpoint, url, pairs(given)),
    )
    .await
    .expect("the mock can build and sign the callback");
    assert!(report.delivered, "{report:?}");
    assert_eq!(report.attempts, 1, "{report:?}");
    report.last_body
}

#[tokio::test]
async fn the_mock_sends_each_new_callback_signed_and_the_game_verifies_it() {
    let mock = mock_with(quick_callbacks(3)).await;
    let game = game_server().await;
    let u = &game.served.url;

    let qq = [
        ("billno", "-APPDJT18700-20120210-1"),
        ("payitem", "323003*8*1"),
    ];
    let body = send(
        &mock,
        "qqgame",
        "pay_deliver",
        &format!("{u}/qq/deliver"),
        &qq,
    )
    .await;
    assert_eq!(body, qqgame::PayDeliverNotification::SUCCESS_REPLY);
    assert_eq!(body, r#"{"ret":0,"msg":"OK"}"#);

    let v = [
        ("orderNumber", "V-1"),
        ("respMsg", "交易成功"),
        ("extInfo", ""),
    ];
    let body = send(&mock, "vivo", "pay_notify", &format!("{u}/vivo/notify"), &v).await;
    assert_eq!(body, "success");

    let o = [
        ("notifyId", "GC-1"),
        ("attach", "自定义 & 字段"),
        ("userId", "9"),
    ];
    let body = send(&mock, "oppo", "pay_notify", &format!("{u}/oppo/notify"), &o).await;
    assert_eq!(body, "result=OK&resultMsg=成功");

    // SHA256withRSA chosen by signType, an empty value kept, extReserved encoded twice.
    let h = [
        ("orderId", "H-1"),
        ("signType", "RSA256"),
        ("sysReserved", ""),
        ("extReserved", "role=7&name=a b+c/中"),
    ];
    let body = send(
        &mock,
        "huawei",
        "pay_notify",
        &format!("{u}/huawei/notify"),
        &h,
    )
    .await;
    assert_eq!(body, r#"{"result":0}"#);
    // And SHA1withRSA without signType.
    let h1 = [("orderId", "H-2"), ("extReserved", "x")];
    send(
        &mock,
        "huawei",
        "pay_notify",
        &format!("{u}/huawei/notify"),
        &h1,
    )
    .await;

    assert_eq!(
        game.delivered(),
        [
            ("qqgame".to_owned(), "-APPDJT18700-20120210-1".to_owned()),
            ("vivo".to_owned(), "V-1".to_owned()),
            ("oppo".to_owned(), "GC-1 自定义 & 字段".to_owned()),
            ("huawei".to_owned(), "H-1 role=7&name=a b+c/中".to_owned()),
            ("huawei".to_owned(), "H-2 x".to_owned()),
        ]
    );
    mock.shutdown().await;
}

async fn post_form(url: &str, body: String) -> String {
    let response = reqwest::Client::new()
        .post(url)
        .header("content-type", "application/x-www-form-urlencoded")
        .body(body)
        .send()
        .await
        .expect("game server answers");
    response.text().await.expect("body")
}

async fn get_query(url: &str, query: String) -> String {
    let response = reqwest::get(format!("{url}?{query}"))
        .await
        .expect("game server answers");
    response.text().await.expect("body")
}

#[tokio::test]
async fn callbacks_signed_by_the_rules_are_accepted_and_refused_when_changed() {
    let game = game_server().await;
    let u = &game.served.url;
    let (qq, vivo_url) = (format!("{u}/qq/deliver"), format!("{u}/vivo/notify"));
    let (oppo_url, huawei_url) = (format!("{u}/oppo/notify"), format!("{u}/huawei/notify"));

    assert_eq!(
        get_query(&qq, qq_query("-B-1", false)).await,
        r#"{"ret":0,"msg":"OK"}"#
    );
    assert_eq!(
        post_form(&vivo_url, vivo_form("V-9", false)).await,
        "success"
    );
    let ok = post_form(&oppo_url, oppo_form(TEST_RSA_PRIVATE_KEY, "N-1", false)).await;
    assert_eq!(ok, "result=OK&resultMsg=成功");
    assert_eq!(
        post_form(&huawei_url, huawei_form("H-9", false)).await,
        r#"{"result":0}"#
    );

    // One byte changed after signing: refused, nothing delivered.
    assert_ne!(
        get_query(&qq, qq_query("-B-2", true)).await,
        r#"{"ret":0,"msg":"OK"}"#
    );
    assert_ne!(
        post_form(&vivo_url, vivo_form("V-10", true)).await,
        "success"
    );
    let changed = post_form(&oppo_url, oppo_form(TEST_RSA_PRIVATE_KEY, "N-2", true)).await;
    assert!(changed.starts_with("result=FAIL"), "{changed}");
    assert_ne!(
        post_form(&huawei_url, huawei_form("H-10", true)).await,
        r#"{"result":0}"#
    );

    // Re-signed with another key, or a forged signature: refused.
    let other = post_form(&oppo_url, oppo_form(OTHER_KEY, "N-3", false)).await;
    assert!(other.starts_with("result=FAIL"), "{other}");
    let forged = oppo_form(TEST_RSA_PRIVATE_KEY, "N-4", false);
    let cut = forged.find("&sign=").expect("signed") + "&sign=".len();
    let forged = format!("{}{}", &forged[..cut], form_component(&"A".repeat(172)));
    let refused = post_form(&oppo_url, forged).await;
    assert!(refused.starts_with("result=FAIL"), "{refused}");

    assert_eq!(
        game.delivered(),
        [
            ("qqgame".to_owned(), "-B-1".to_owned()),
            ("vivo".to_owned(), "V-9".to_owned()),
            ("oppo".to_owned(), "N-1 ".to_owned()),
            ("huawei".to_owned(), "H-9 a&b=c d".to_owned()),
        ]
    );
}

fn check_player_sign(player: &str) -> huawei::CpSignRequest {
    huawei::CpSignRequest {
        method: "external.hms.gs.checkPlayerSign".to_owned(),
        app_id: "10000001".to_owned(),
        cp_id: "890086000000000001".to_owned(),
        ts: "1543218888888".to_owned(),
        player_id: player.to_owned(),
        player_level: "10".to_owned(),
        player_s_sign: "a+b/c=~*".to_owned(),
    }
}

async fn send_prepared(
    mock: &RunningMock,
    prepared: gamechannel::PreparedRequest,
) -> (u16, String) {
    let mut request =
        reqwest::Client::new().post(format!("{}{}", mock.base_url(), prepared.path_and_query));
    if let Some(content_type) = prepared.content_type {
        request = request.header("content-type", content_type);
    }
    let response = request
        .body(prepared.body.unwrap_or_default())
        .send()
        .await
        .expect("mock answers");
    let status = response.status().as_u16();
    (status, response.text().await.expect("body"))
}

#[tokio::test]
async fn the_mock_checks_cp_sign_requests_signed_with_the_game_private_key() {
    let mock = mock_with(quick_callbacks(3)).await;
    let path = "/gameservice/api/gbClientApi";
    let ours = huawei::Credentials {
        public_key: TEST_RSA_PUBLIC_KEY.to_owned(),
        private_key: Secret::new(TEST_RSA_PRIVATE_KEY),
    };
    let prepared = check_player_sign("P-1")
        .prepare_at(path, &ours)
        .expect("signs");
    let (status, body) = send_prepared(&mock, prepared).await;
    assert_eq!(status, 200, "{body}");
    assert!(body.contains("\"rtnCode\":0"), "{body}");

    // Signed with a key the platform does not know: refused.
    let theirs = huawei::Credentials {
        public_key: TEST_RSA_PUBLIC_KEY.to_owned(),
        private_key: Secret::new(OTHER_KEY),
    };
    let prepared = check_player_sign("P-2")
        .prepare_at(path, &theirs)
        .expect("signs");
    let (status, body) = send_prepared(&mock, prepared).await;
    assert!(
        status != 200 || !body.contains("\"rtnCode\":0"),
        "{status} {body}"
    );
    mock.shutdown().await;
}
