//! End to end for the platforms after the seeds: the mock sends each new callback (QQ v3
//! delivery, vivo, OPPO, Huawei) correctly signed to a game server that verifies with the
//! generated code; callbacks signed here by hand from the published rules are accepted, and
//! refused when one byte changes, when re-signed with another RSA key, or forged.

mod e2e_support;

use std::sync::{Arc, Mutex};
use std::time::{Duration, SystemTime, UNIX_EPOCH};

use axum::Router;
use axum::routing::{get, post};
use base64::Engine as _;
use e2e_support::*;
use gamechannel::axum::{CallbackConfig, callback};
use gamechannel::{MemoryDedup, ReplayWindow, Secret, huawei, oppo, qqgame, vivo};
use gamechannel_cli::mock::{
    CallbackPolicy, MockConfig, RunningMock, TEST_RSA_PRIVATE_KEY, TEST_RSA_PUBLIC_KEY,
};
use hmac::{Hmac, Mac};
use md5::{Digest as _, Md5};
use rsa::pkcs8::DecodePrivateKey;
use rsa::{Pkcs1v15Sign, RsaPrivateKey};

/// Another RSA key pair: what an attacker without the platform's key signs with.
const OTHER_KEY: &str = include_str!("other_test_key.pem");

/// What the game delivered: (platform, order).
type Delivered = Arc<Mutex<Vec<(String, String)>>>;

struct GameServer {
    url: String,
    delivered: Delivered,
    task: tokio::task::JoinHandle<()>,
}

impl Drop for GameServer {
    fn drop(&mut self) {
        self.task.abort();
    }
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
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0")
        .await
        .expect("game server binds");
    let url = format!("http://{}", listener.local_addr().expect("bound address"));
    let task = tokio::spawn(async move {
        axum::serve(listener, router).await.expect("game server");
    });
    GameServer {
        url,
        delivered,
        task,
    }
}

fn quick_callbacks(config: &mut MockConfig) {
    config.callbacks = CallbackPolicy {
        max_attempts: 3,
        first_backoff: Duration::from_millis(5),
        max_backoff: Duration::from_millis(20),
        timeout: Duration::from_secs(3),
    };
}

fn fields(pairs: &[(&str, &str)]) -> Vec<(String, String)> {
    pairs
        .iter()
        .map(|(n, v)| ((*n).to_owned(), (*v).to_owned()))
        .collect()
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
        mock.send_callback(platform, endpoint, url, fields(given)),
    )
    .await
    .expect("the mock can build and sign the callback");
    assert!(report.delivered, "{report:?}");
    assert_eq!(report.attempts, 1, "{report:?}");
    report.last_body
}

#[tokio::test]
async fn the_mock_sends_each_new_callback_signed_and_the_game_verifies_it() {
    let mock = mock_with(quick_callbacks).await;
    let game = game_server().await;
    let u = &game.url;

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

/// `application/x-www-form-urlencoded` by hand: alphanumerics and `-_.*` kept, the rest `%XX`.
fn form_component(text: &str) -> String {
    let mut out = String::new();
    for b in text.bytes() {
        if b.is_ascii_alphanumeric() || b"-_.*".contains(&b) {
            out.push(char::from(b));
        } else {
            out.push_str(&format!("%{b:02X}"));
        }
    }
    out
}

fn form(pairs: &[(&str, String)]) -> String {
    pairs
        .iter()
        .map(|(n, v)| format!("{}={}", form_component(n), form_component(v)))
        .collect::<Vec<_>>()
        .join("&")
}

fn rsa_sign(pem: &str, sha256: bool, text: &str) -> String {
    let key = RsaPrivateKey::from_pkcs8_pem(pem).expect("test key");
    let signature = if sha256 {
        key.sign(
            Pkcs1v15Sign::new::<sha2::Sha256>(),
            &sha2::Sha256::digest(text.as_bytes()),
        )
    } else {
        key.sign(
            Pkcs1v15Sign::new::<sha1::Sha1>(),
            &sha1::Sha1::digest(text.as_bytes()),
        )
    };
    base64::engine::general_purpose::STANDARD.encode(signature.expect("signs"))
}

/// OPPO by the rule: fixed order, all seven present, SHA1withRSA, base64.
fn oppo_form(key: &str, notify_id: &str, tamper: bool) -> String {
    let signed = [
        ("notifyId", notify_id),
        ("partnerOrder", "P-1"),
        ("productName", "300钻石"),
        ("productDesc", "55555"),
        ("price", "600"),
        ("count", "1"),
        ("attach", ""),
    ];
    let text = signed
        .iter()
        .map(|(n, v)| format!("{n}={v}"))
        .collect::<Vec<_>>()
        .join("&");
    let sign = rsa_sign(key, false, &text);
    let mut pairs: Vec<(&str, String)> = signed.iter().map(|(n, v)| (*n, v.to_string())).collect();
    if tamper {
        pairs[4].1 = "601".to_owned();
    }
    pairs.push(("userId", "111".to_owned()));
    pairs.push(("sign", sign));
    form(&pairs)
}

/// Huawei by the rule: sorted, empty kept, SHA256withRSA for RSA256; extReserved, sysReserved
/// and sign URL-encoded once more before the form encoding.
fn huawei_form(order: &str, tamper: bool) -> String {
    let ext = "a&b=c d";
    let mut signed = vec![
        ("amount", "10.00"),
        ("extReserved", ext),
        ("notifyTime", "1554733129506"),
        ("orderId", order),
        ("payType", "4"),
        ("productName", "100元宝"),
        ("requestId", "R-1"),
        ("result", "0"),
        ("sysReserved", ""),
        ("userName", "900086000000000001"),
    ];
    signed.sort();
    let text = signed
        .iter()
        .map(|(n, v)| format!("{n}={v}"))
        .collect::<Vec<_>>()
        .join("&");
    let sign = rsa_sign(TEST_RSA_PRIVATE_KEY, true, &text);
    let mut pairs: Vec<(&str, String)> = signed
        .iter()
        .map(|(n, v)| match *n {
            "extReserved" | "sysReserved" => (*n, form_component(v)),
            _ => (*n, v.to_string()),
        })
        .collect();
    if tamper {
        pairs[0].1 = "10.01".to_owned();
    }
    pairs.push(("signType", "RSA256".to_owned()));
    pairs.push(("sign", form_component(&sign)));
    form(&pairs)
}

fn now() -> String {
    SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map(|d| d.as_secs())
        .unwrap_or(0)
        .to_string()
}

/// Tencent v3 delivery by the rule: each value keeps only `[0-9a-zA-Z!*()]`, then
/// `GET&enc(path)&enc(sorted k=v)`, base64 HMAC-SHA1 keyed by `appkey&`.
fn qq_query(billno: &str, tamper: bool) -> String {
    fn pre(v: &str) -> String {
        v.bytes()
            .map(|b| match b {
                b'0'..=b'9' | b'a'..=b'z' | b'A'..=b'Z' | b'!' | b'*' | b'(' | b')' => {
                    char::from(b).to_string()
                }
                _ => format!("%{b:02X}"),
            })
            .collect()
    }
    fn rfc3986(v: &str) -> String {
        v.bytes()
            .map(|b| match b {
                b'0'..=b'9' | b'a'..=b'z' | b'A'..=b'Z' | b'-' | b'_' | b'.' => {
                    char::from(b).to_string()
                }
                _ => format!("%{b:02X}"),
            })
            .collect()
    }
    let ts = now();
    let mut params = vec![
        ("amt", "80"),
        ("appid", "33758"),
        ("billno", billno),
        ("openid", "test001"),
        ("payitem", "323003*8*1"),
        ("providetype", "0"),
        ("pubacct_payamt_coins", ""),
        ("token", "53227955F80B805B50FFB511E5AD51E025360"),
        ("ts", ts.as_str()),
        ("version", "v3"),
        ("zoneid", "1"),
    ];
    params.sort();
    let list = params
        .iter()
        .map(|(n, v)| format!("{n}={}", pre(v)))
        .collect::<Vec<_>>()
        .join("&");
    let source = format!(
        "GET&{}&{}",
        rfc3986(cred("qqgame", "deliver_path")),
        rfc3986(&list)
    );
    let key = format!("{}&", cred("qqgame", "app_key"));
    let mut mac = Hmac::<sha1::Sha1>::new_from_slice(key.as_bytes()).expect("any key");
    mac.update(source.as_bytes());
    let sig = base64::engine::general_purpose::STANDARD.encode(mac.finalize().into_bytes());
    let mut pairs: Vec<(&str, String)> = params.iter().map(|(n, v)| (*n, v.to_string())).collect();
    if tamper {
        pairs[0].1 = "81".to_owned();
    }
    pairs.push(("sig", sig));
    form(&pairs)
}

/// vivo by the rule: sorted non-empty `k=v`, `&` + md5(AppSecret), md5, lowercase hex.
fn vivo_form(order: &str, tamper: bool) -> String {
    let mut signed = vec![
        ("appId", "100000001"),
        ("cpId", "2014"),
        ("cpOrderNumber", "CP-1"),
        ("orderAmount", "600"),
        ("orderNumber", order),
        ("payTime", "20210610213219"),
        ("respCode", "200"),
        ("respMsg", "交易成功"),
        ("tradeStatus", "0000"),
        ("tradeType", "01"),
        ("uid", "u1"),
    ];
    signed.sort();
    let secret = format!("{:x}", Md5::digest(cred("vivo", "app_secret").as_bytes()));
    let text = signed
        .iter()
        .map(|(n, v)| format!("{n}={v}"))
        .chain([secret])
        .collect::<Vec<_>>()
        .join("&");
    let signature = format!("{:x}", Md5::digest(text.as_bytes()));
    let mut pairs: Vec<(&str, String)> = signed.iter().map(|(n, v)| (*n, v.to_string())).collect();
    if tamper {
        pairs[0].1 = "100000002".to_owned();
    }
    pairs.push(("extInfo", String::new()));
    pairs.push(("signMethod", "MD5".to_owned()));
    pairs.push(("signature", signature));
    form(&pairs)
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
    let u = &game.url;
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
    let mock = mock_with(quick_callbacks).await;
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
