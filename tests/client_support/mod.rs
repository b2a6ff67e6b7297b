//! A tiny loopback platform for client tests: records every request it receives and answers
//! as a test script says; plus signatures computed independently of the generated code.

#![allow(dead_code)] // each test file uses its own part

use std::sync::{Arc, Mutex, PoisonError};
use std::time::Duration;

use axum::body::Bytes;
use axum::http::{StatusCode, Uri};
use hmac::{Hmac, Mac};
use sha2::Sha256;

/// One request as the platform received it.
#[derive(Debug, Clone)]
pub struct Received {
    pub path: String,
    pub query: String,
    pub body: String,
}

impl Received {
    /// A query parameter's (unencoded enough for our ASCII test values) value.
    pub fn query_param(&self, name: &str) -> Option<String> {
        self.query.split('&').find_map(|pair| {
            let (k, v) = pair.split_once('=')?;
            (k == name).then(|| v.to_owned())
        })
    }

    /// The body as JSON.
    pub fn json(&self) -> serde_json::Value {
        serde_json::from_str(&self.body).expect("the client sent JSON")
    }
}

/// The platform's answer to one request.
pub struct Reply {
    pub status: u16,
    pub body: String,
    pub delay: Duration,
}

impl Reply {
    /// A 200 with a JSON body.
    pub fn json(body: serde_json::Value) -> Self {
        Self {
            status: 200,
            body: body.to_string(),
            delay: Duration::ZERO,
        }
    }

    /// An HTTP error status.
    pub fn status(status: u16) -> Self {
        Self {
            status,
            body: "upstream trouble".into(),
            delay: Duration::ZERO,
        }
    }

    /// The same answer, late.
    pub fn after(mut self, delay: Duration) -> Self {
        self.delay = delay;
        self
    }
}

type Script = dyn Fn(&Received, usize) -> Reply + Send + Sync;

/// A running loopback platform.
pub struct Platform {
    pub base_url: String,
    received: Arc<Mutex<Vec<Received>>>,
}

impl Platform {
    /// Everything received so far, in order.
    pub fn received(&self) -> Vec<Received> {
        self.received
            .lock()
            .unwrap_or_else(PoisonError::into_inner)
            .clone()
    }
}

/// Serves `script(request, index)` on a free loopback port until the test's runtime ends.
pub async fn serve(script: impl Fn(&Received, usize) -> Reply + Send + Sync + 'static) -> Platform {
    let received = Arc::new(Mutex::new(Vec::new()));
    let script: Arc<Script> = Arc::new(script);
    let log = received.clone();
    let app = axum::Router::new().fallback(move |uri: Uri, body: Bytes| {
        let (log, script) = (log.clone(), script.clone());
        async move {
            let request = Received {
                path: uri.path().to_owned(),
                query: uri.query().unwrap_or("").to_owned(),
                body: String::from_utf8_lossy(&body).into_owned(),
            };
            let index = {
                let mut log = log.lock().unwrap_or_else(PoisonError::into_inner);
                log.push(request.clone());
                log.len() - 1
            };
            let reply = script(&request, index);
            tokio::time::sleep(reply.delay).await;
            (
                StatusCode::from_u16(reply.status).expect("valid status"),
                reply.body,
            )
        }
    });
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0")
        .await
        .expect("a free loopback port");
    let addr = listener.local_addr().expect("bound");
    tokio::spawn(async move { axum::serve(listener, app).await });
    Platform {
        base_url: format!("http://{addr}"),
        received,
    }
}

/// Lowercase hex HMAC-SHA256.
pub fn hmac_sha256_hex(key: &str, message: &str) -> String {
    let mut mac = Hmac::<Sha256>::new_from_slice(key.as_bytes()).expect("any key length");
    mac.update(message.as_bytes());
    mac.finalize()
        .into_bytes()
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect()
}

/// `name=value` pairs of a flat JSON body, raw values, sorted, empty ones left out.
fn sorted_params(body: &serde_json::Value, skip: &[&str], extra: &[(&str, String)]) -> String {
    let mut pairs: Vec<(String, String)> = body
        .as_object()
        .expect("a JSON object")
        .iter()
        .filter(|(k, _)| !skip.contains(&k.as_str()))
        .map(|(k, v)| {
            let text = match v {
                serde_json::Value::String(s) => s.clone(),
                other => other.to_string(),
            };
            (k.clone(), text)
        })
        .chain(extra.iter().map(|(k, v)| (k.to_string(), v.clone())))
        .filter(|(_, v)| !v.is_empty())
        .collect();
    pairs.sort();
    pairs
        .iter()
        .map(|(k, v)| format!("{k}={v}"))
        .collect::<Vec<_>>()
        .join("&")
}

/// Midas `sig` of a received request, recomputed from what was received.
pub fn midas_sig(request: &Received, app_key: &str) -> String {
    let params = sorted_params(&request.json(), &["sig", "mp_sig"], &[]);
    let message = format!(
        "{params}&org_loc={}&method=POST&secret={app_key}",
        request.path
    );
    hmac_sha256_hex(app_key, &message)
}

/// Midas `mp_sig` of a received request: also covers the query's `access_token` and `sig`.
pub fn midas_mp_sig(request: &Received, session_key: &str) -> String {
    let body = request.json();
    let extra = [
        (
            "access_token",
            request.query_param("access_token").unwrap_or_default(),
        ),
        ("sig", body["sig"].as_str().unwrap_or_default().to_owned()),
    ];
    let params = sorted_params(&body, &["sig", "mp_sig"], &extra);
    let message = format!(
        "{params}&org_loc={}&method=POST&session_key={session_key}",
        request.path
    );
    hmac_sha256_hex(session_key, &message)
}

pub mod midas {
    //! Midas fixtures with distinctive secret values, so that leaks are easy to find.

    use std::sync::atomic::{AtomicUsize, Ordering};
    use std::time::Duration;

    use gamechannel::Secret;
    use gamechannel::client::{BoxFuture, RetryPolicy, Target, TokenError, TokenSource};
    use gamechannel::wechat_midas as midas;

    pub const APP_KEY: &str = "appkey-SECRET-5f1e";
    pub const SESSION_KEY: &str = "sessionkey-SECRET-77aa";
    pub const STATIC_TOKEN: &str = "statictoken-SECRET-0c3d";
    pub const TOKEN_A: &str = "tokenA-SECRET-1111";
    pub const TOKEN_B: &str = "tokenB-SECRET-2222";

    pub fn credentials() -> midas::Credentials {
        midas::Credentials {
            app_key: Secret::new(APP_KEY),
            session_key: None,
            access_token: Secret::new(STATIC_TOKEN),
        }
    }

    /// Against the loopback platform, with fast retries.
    pub fn config(base_url: &str) -> midas::Config {
        let mut config = midas::Config::new(
            Target::Custom {
                base_url: base_url.to_owned(),
                environment: midas::Environment::Sandbox,
            },
            credentials(),
        );
        config.retry = RetryPolicy {
            max_attempts: 3,
            initial_backoff: Duration::from_millis(1),
            max_backoff: Duration::from_millis(5),
        };
        config.timeout = Duration::from_secs(5);
        config
    }

    pub fn present(bill_no: &str) -> midas::PresentRequest {
        midas::PresentRequest {
            openid: "openid-1".into(),
            appid: "wx-test".into(),
            offer_id: "offer-1".into(),
            ts: 1_700_000_000,
            zone_id: "1".into(),
            pf: "android".into(),
            user_ip: None,
            bill_no: bill_no.into(),
            present_counts: 60,
        }
    }

    pub fn get_balance() -> midas::GetBalanceRequest {
        midas::GetBalanceRequest {
            openid: "openid-1".into(),
            appid: "wx-test".into(),
            offer_id: "offer-1".into(),
            ts: 1_700_000_000,
            zone_id: "1".into(),
            pf: "android".into(),
            user_ip: Some("10.0.0.1".into()),
        }
    }

    /// Hands out `tokens` in order (the last one forever), counting fetches; the first lives
    /// `first_lifetime`, the others until rejected.
    pub struct Sequence {
        pub tokens: Vec<&'static str>,
        pub first_lifetime: Option<Duration>,
        pub fetches: AtomicUsize,
    }

    impl Sequence {
        pub fn new(tokens: &[&'static str], first_lifetime: Option<Duration>) -> Self {
            Self {
                tokens: tokens.to_vec(),
                first_lifetime,
                fetches: AtomicUsize::new(0),
            }
        }

        pub fn fetches(&self) -> usize {
            self.fetches.load(Ordering::SeqCst)
        }
    }

    impl TokenSource for Sequence {
        fn fetch(&self) -> BoxFuture<'_, Result<(Secret, Option<Duration>), TokenError>> {
            Box::pin(async move {
                let n = self.fetches.fetch_add(1, Ordering::SeqCst);
                // A slow issuer widens the window in which concurrent callers pile up.
                tokio::time::sleep(Duration::from_millis(20)).await;
                let token = self.tokens[n.min(self.tokens.len() - 1)];
                let lifetime = if n == 0 { self.first_lifetime } else { None };
                Ok((Secret::new(token), lifetime))
            })
        }
    }
}
