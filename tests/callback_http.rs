//! The axum handlers over real loopback HTTP: the wancms notify vector sent three times is
//! answered `success` three times and delivered once; tampered callbacks get the failure reply.

#![cfg(all(feature = "axum", feature = "wancms", feature = "llewan"))]

use std::net::SocketAddr;
use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};

use axum::Router;
use axum::routing::{get, post};
use gamechannel::axum::{CallbackConfig, callback};
use gamechannel::core_primitives::{Algorithm, Output, sign};
use gamechannel::{MemoryDedup, ReplayWindow, Secret, llewan, now_unix_secs, wancms};

const NOTIFY: &str = "app_id=game_1001&open_id=wc_open_9f8e7d&bill_no=B20261121001&orderid=WC202611210000123&ext=role%3D77%3Bsrv%3D3&price=6.00&status=success&sign=48c46a50d1eec1fae2590f0d288591f1";

struct Server {
    addr: SocketAddr,
    paid: Arc<AtomicUsize>,
    gifts: Arc<AtomicUsize>,
    http: reqwest::Client,
}

async fn serve() -> Server {
    let (paid, gifts) = (Arc::new(AtomicUsize::new(0)), Arc::new(AtomicUsize::new(0)));
    let dedup = Arc::new(MemoryDedup::default());
    let pay = {
        let paid = Arc::clone(&paid);
        callback::<wancms::PayNotifyNotification, _, _>(
            CallbackConfig {
                credentials: wancms::Credentials {
                    login_key: Secret::new("wancms-login-key-test"),
                    pay_key: Secret::new("wancms-pay-key-test"),
                },
                dedup: dedup.clone(),
                window: ReplayWindow::default(),
            },
            move |_n: wancms::PayNotifyNotification| {
                let paid = Arc::clone(&paid);
                async move {
                    paid.fetch_add(1, Ordering::SeqCst);
                    tokio::time::sleep(std::time::Duration::from_millis(20)).await;
                    Ok::<(), String>(())
                }
            },
        )
    };
    let gift = {
        let gifts = Arc::clone(&gifts);
        callback::<llewan::GiftCodeNotification, _, _>(
            CallbackConfig {
                credentials: llewan::Credentials {
                    secret: Secret::new("abc"),
                },
                dedup,
                window: ReplayWindow::default(),
            },
            move |_n| {
                let gifts = Arc::clone(&gifts);
                async move {
                    gifts.fetch_add(1, Ordering::SeqCst);
                    Ok(())
                }
            },
        )
    };
    let app = Router::new()
        .route("/wancms/notify", get(pay))
        .route("/llewan/gift", post(gift));
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0")
        .await
        .expect("bind loopback");
    let addr = listener.local_addr().expect("bound address");
    tokio::spawn(async move { axum::serve(listener, app).await });
    // A proxy from the environment must not see loopback test traffic.
    let http = reqwest::Client::builder()
        .no_proxy()
        .build()
        .expect("client");
    Server {
        addr,
        paid,
        gifts,
        http,
    }
}

impl Server {
    /// (content type, body) of a notify GET with this raw query.
    async fn notify(&self, query: &str) -> (String, String) {
        let url = format!("http://{}/wancms/notify?{query}", self.addr);
        let response = self.http.get(url).send().await.expect("request");
        assert_eq!(response.status(), 200);
        let content_type = response.headers()["content-type"]
            .to_str()
            .unwrap_or_default()
            .to_owned();
        (content_type, response.text().await.expect("body"))
    }

    async fn gift(&self, body: String) -> serde_json::Value {
        let url = format!("http://{}/llewan/gift", self.addr);
        let response = self
            .http
            .post(url)
            .body(body)
            .send()
            .await
            .expect("request");
        assert_eq!(response.status(), 200);
        assert_eq!(response.headers()["content-type"], "application/json");
        let text = response.text().await.expect("body");
        serde_json::from_str(&text).expect("JSON reply")
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn wancms_notify_three_times_delivered_once() {
    let server = serve().await;
    for _ in 0..3 {
        let (content_type, body) = server.notify(NOTIFY).await;
        assert_eq!(
            (content_type.as_str(), body.as_str()),
            ("text/plain", "success")
        );
    }
    assert_eq!(server.paid.load(Ordering::SeqCst), 1);

    let tampered = NOTIFY.replace("price=6.00", "price=600.00");
    assert_eq!(server.notify(&tampered).await.1, "fail");
    assert_eq!(server.notify("").await.1, "fail");
    assert_eq!(server.notify("bill_no=%zz").await.1, "fail");
    assert_eq!(server.paid.load(Ordering::SeqCst), 1);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn concurrent_http_resends_delivered_once() {
    let server = Arc::new(serve().await);
    let sends: Vec<_> = (0..8)
        .map(|_| {
            let server = Arc::clone(&server);
            tokio::spawn(async move { server.notify(NOTIFY).await.1 })
        })
        .collect();
    for send in sends {
        let body = send.await.expect("no panic");
        assert!(body == "success" || body == "fail", "{body}");
    }
    assert_eq!(server.paid.load(Ordering::SeqCst), 1);
    assert_eq!(server.notify(NOTIFY).await.1, "success");
}

/// A gift-code body signed now by an independent implementation of the llewan rule.
fn gift_body(ts: u64) -> String {
    let plain = format!(
        "awardCode=GIFT2026A&game=demo-weixin&roleId=10086&serverId=3&timeStamp={ts}&uid=12_11_1abc"
    );
    let sig = sign(Algorithm::Md5, &[], plain.as_bytes(), Output::Hex).expect("MD5 cannot fail");
    format!(
        r#"{{"game":"demo-weixin","uid":"12_11_1","roleId":"10086","serverId":"3","awardCode":"GIFT2026A","timeStamp":{ts},"sign":"{sig}"}}"#
    )
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn llewan_gift_code_over_http() {
    let server = serve().await;
    let fresh = gift_body(now_unix_secs());
    for _ in 0..2 {
        let reply = server.gift(fresh.clone()).await;
        assert_eq!(reply, serde_json::json!({"code": 1, "msg": "success"}));
    }
    assert_eq!(server.gifts.load(Ordering::SeqCst), 1);

    let stale = server.gift(gift_body(now_unix_secs() - 3600)).await;
    assert_eq!(stale["code"], -1);
    assert_eq!(stale["msg"], "stale timestamp in timeStamp");
    let future = server.gift(gift_body(now_unix_secs() + 3600)).await;
    assert_eq!(future["code"], -1);
    let tampered = server.gift(fresh.replace("10086", "10087")).await;
    assert_eq!(tampered["msg"], "bad signature sign");
    let malformed = server.gift("not json".into()).await;
    assert_eq!(malformed["code"], -1);
    assert_eq!(server.gifts.load(Ordering::SeqCst), 1);
}
