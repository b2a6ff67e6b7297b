//! Shared by the end-to-end tests: the mock platform on a free loopback port, the generated
//! clients pointed at it, and a transport that records every HTTP exchange the clients make.

#![allow(dead_code)] // each test file uses a different part

use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};
use std::time::{Duration, SystemTime, UNIX_EPOCH};

use gamechannel::Secret;
use gamechannel::client::{
    BoxFuture, CachedTokens, HttpRequest, HttpResponse, ReqwestTransport, RetryPolicy, Target,
    TokenError, TokenSource, Transport, TransportError,
};
use gamechannel::wechat_midas::{self as midas, Environment};
use gamechannel_cli::mock::{CallbackPolicy, DEFAULT_CREDENTIALS, MockConfig, RunningMock, start};
use gamechannel_cli::specs::Catalog;
pub use gamechannel_cli::tour::Player;
use hmac::{Hmac, Mac};
use sha2::Sha256;

/// How long any single step of a test may take before it counts as hung.
pub const STEP: Duration = Duration::from_secs(10);

/// Runs `future`, failing the test if it takes longer than [`STEP`].
pub async fn bounded<F: std::future::Future>(what: &str, future: F) -> F::Output {
    match tokio::time::timeout(STEP, future).await {
        Ok(out) => out,
        Err(_) => panic!("{what} took longer than {STEP:?}"),
    }
}

/// A default credential of the mock (the documented public mock values).
pub fn cred(platform: &str, name: &str) -> &'static str {
    DEFAULT_CREDENTIALS
        .iter()
        .find(|(p, n, _)| *p == platform && *n == name)
        .map(|(_, _, v)| *v)
        .unwrap_or_else(|| panic!("no default credential {platform}.{name}"))
}

/// The default mock configuration on a free loopback port, edited by `edit`.
pub fn config_with(edit: impl FnOnce(&mut MockConfig)) -> MockConfig {
    let mut config = MockConfig::defaults("127.0.0.1:0".parse().expect("loopback address"));
    edit(&mut config);
    config
}

/// A mock with `config`, serving the built-in specs.
pub async fn mock_from(config: MockConfig) -> RunningMock {
    let platforms = Catalog::load(&[])
        .expect("built-in specs")
        .platforms()
        .to_vec();
    let mock = start(config, platforms).await.expect("mock starts");
    assert!(mock.addr().ip().is_loopback(), "{}", mock.addr());
    mock
}

/// A mock with the default configuration edited by `edit`.
pub async fn mock_with(edit: impl FnOnce(&mut MockConfig)) -> RunningMock {
    mock_from(config_with(edit)).await
}

/// Now, in UNIX seconds.
pub fn now() -> i64 {
    let secs = SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .expect("clock after 1970")
        .as_secs();
    i64::try_from(secs).expect("seconds fit i64")
}

/// What one HTTP exchange came to, as the transport saw it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Seen {
    /// An answer: status and the body's `errcode`/`ret`/`code` if it is a JSON envelope.
    Answer { status: u16, code: Option<i64> },
    /// No answer (connection dropped, refused, timed out).
    Failed,
}

/// One exchange: the path asked (never the query, which may hold a token) and its outcome.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Exchange {
    pub path: String,
    /// The `bill_no` of a JSON body, if it has one.
    pub bill_no: Option<String>,
    pub seen: Seen,
}

/// A [`Transport`] over reqwest that records every exchange.
#[derive(Clone)]
pub struct Recording {
    inner: Arc<ReqwestTransport>,
    log: Arc<Mutex<Vec<Exchange>>>,
}

impl Recording {
    pub fn new() -> Self {
        Recording {
            inner: Arc::new(ReqwestTransport::new().expect("reqwest transport")),
            log: Arc::default(),
        }
    }

    /// Every exchange so far.
    pub fn exchanges(&self) -> Vec<Exchange> {
        self.log.lock().unwrap_or_else(|e| e.into_inner()).clone()
    }

    /// Exchanges with paths ending in `suffix`.
    pub fn to(&self, suffix: &str) -> Vec<Exchange> {
        self.exchanges()
            .into_iter()
            .filter(|e| e.path.ends_with(suffix))
            .collect()
    }

    pub fn clear(&self) {
        self.log.lock().unwrap_or_else(|e| e.into_inner()).clear();
    }
}

/// The platform code of a JSON envelope, whichever name the platform gives it.
fn envelope_code(body: &[u8]) -> Option<i64> {
    let value: serde_json::Value = serde_json::from_slice(body).ok()?;
    ["errcode", "ret", "code"]
        .iter()
        .find_map(|name| value.get(*name).and_then(serde_json::Value::as_i64))
}

impl Transport for Recording {
    fn send(&self, request: HttpRequest) -> BoxFuture<'_, Result<HttpResponse, TransportError>> {
        let path = request.url_without_query().to_owned();
        let path = match path.find("://").map(|i| i + 3) {
            Some(start) => path[start..]
                .find('/')
                .map(|i| path[start + i..].to_owned())
                .unwrap_or_default(),
            None => path,
        };
        let bill_no = request
            .body
            .as_deref()
            .and_then(|b| serde_json::from_str::<serde_json::Value>(b).ok())
            .and_then(|v| v.get("bill_no").and_then(|b| b.as_str()).map(str::to_owned));
        Box::pin(async move {
            let result = self.inner.send(request).await;
            let seen = match &result {
                Ok(r) => Seen::Answer {
                    status: r.status,
                    code: envelope_code(&r.body),
                },
                Err(_) => Seen::Failed,
            };
            self.log
                .lock()
                .unwrap_or_else(|e| e.into_inner())
                .push(Exchange {
                    path,
                    bill_no,
                    seen,
                });
            result
        })
    }
}

/// Counts fetches of a token source.
pub struct Counted<S> {
    pub source: S,
    pub fetches: Arc<AtomicUsize>,
}

impl<S: TokenSource> TokenSource for Counted<S> {
    fn fetch(&self) -> BoxFuture<'_, Result<(Secret, Option<Duration>), TokenError>> {
        self.fetches.fetch_add(1, Ordering::SeqCst);
        self.source.fetch()
    }
}

/// Midas credentials with `app_key` and no token (the provider puts one in each attempt).
pub fn midas_credentials(app_key: &str) -> midas::Credentials {
    midas::Credentials {
        app_key: Secret::new(app_key),
        session_key: None,
        access_token: Secret::new(""),
    }
}

/// A Midas client of `environment` at the mock, sending through `transport`.
pub struct MidasSetup {
    pub client: midas::Client,
    pub fetches: Arc<AtomicUsize>,
    pub environment: Environment,
}

/// The default stable-token request (the mock's appid and secret).
pub fn token_request() -> midas::GetStableTokenRequest {
    midas::GetStableTokenRequest {
        grant_type: "client_credential".into(),
        appid: cred("wechat_midas", "appid").into(),
        secret: Secret::new(cred("wechat_midas", "app_secret")),
        force_refresh: None,
    }
}

/// A Midas client with a `CachedTokens` over `AccessTokenSource`, signing with `app_key`.
pub fn midas_client<T: Transport + Clone + 'static>(
    mock: &RunningMock,
    environment: Environment,
    app_key: &str,
    retry: RetryPolicy,
    transport: &T,
) -> MidasSetup {
    let target = Target::Custom {
        base_url: mock.base_url(),
        environment,
    };
    let mut bootstrap_config = midas::Config::new(target.clone(), midas_credentials(app_key));
    bootstrap_config.timeout = Duration::from_secs(5);
    let bootstrap = midas::Client::with_transport(bootstrap_config, transport.clone());
    let fetches = Arc::new(AtomicUsize::new(0));
    let source = Counted {
        source: midas::AccessTokenSource::new(bootstrap, token_request()),
        fetches: fetches.clone(),
    };
    let mut config = midas::Config::new(target, midas_credentials(app_key))
        .with_tokens(Arc::new(CachedTokens::new(source)));
    config.retry = retry;
    config.timeout = Duration::from_secs(5);
    MidasSetup {
        client: midas::Client::with_transport(config, transport.clone()),
        fetches,
        environment,
    }
}

/// A mock with default settings and a recording production Midas client of its app,
/// retrying up to 3 times.
pub async fn production_midas() -> (RunningMock, Recording, MidasSetup) {
    let mock = mock_with(|_| {}).await;
    let transport = Recording::new();
    let setup = midas_client(
        &mock,
        Environment::Production,
        cred("wechat_midas", "app_key"),
        quick_retry(3),
        &transport,
    );
    (mock, transport, setup)
}

/// Fast retries for tests: `attempts` tries, 1–10 ms waits.
pub fn quick_retry(attempts: u32) -> RetryPolicy {
    RetryPolicy {
        max_attempts: attempts,
        initial_backoff: Duration::from_millis(1),
        max_backoff: Duration::from_millis(10),
    }
}

/// A Midas player of the mock's app: the tour's [`gamechannel_cli::tour::Player`].
pub fn player(openid: &str) -> Player {
    Player::new(cred("wechat_midas", "appid"), openid, now())
}

/// The platform code of a call that must have failed with one.
pub fn api_code<T: std::fmt::Debug, C: std::fmt::Debug + Copy>(
    result: Result<T, gamechannel::Error<C>>,
) -> C {
    match result {
        Err(gamechannel::Error::Api { code, .. }) => code,
        other => panic!("expected a platform error code, got {other:?}"),
    }
}

/// A game server on a free loopback port, stopped when dropped.
pub struct Served {
    /// `http://127.0.0.1:<port>`.
    pub url: String,
    task: tokio::task::JoinHandle<()>,
}

impl Drop for Served {
    fn drop(&mut self) {
        self.task.abort();
    }
}

/// Serves `router` on a free loopback port.
pub async fn serve(router: axum::Router) -> Served {
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0")
        .await
        .expect("game server binds");
    let url = format!("http://{}", listener.local_addr().expect("bound address"));
    let task = tokio::spawn(async move {
        axum::serve(listener, router).await.expect("game server");
    });
    Served { url, task }
}

/// A mock configuration edit: callbacks and pushes resent quickly, at most `max_attempts`
/// times.
pub fn quick_callbacks(max_attempts: u32) -> impl FnOnce(&mut MockConfig) {
    move |config| {
        config.callbacks = CallbackPolicy {
            max_attempts,
            first_backoff: Duration::from_millis(5),
            max_backoff: Duration::from_millis(20),
            timeout: Duration::from_secs(3),
        };
    }
}

/// Owned (name, value) pairs.
pub fn pairs(list: &[(&str, &str)]) -> Vec<(String, String)> {
    list.iter()
        .map(|(n, v)| ((*n).to_owned(), (*v).to_owned()))
        .collect()
}

/// The contents of a list shared with a handler (a panicked handler does not hide them).
pub fn taken<T: Clone>(list: &Mutex<Vec<T>>) -> Vec<T> {
    list.lock().unwrap_or_else(|e| e.into_inner()).clone()
}

/// Appends to a list shared with a test.
pub fn record<T>(list: &Mutex<Vec<T>>, item: T) {
    list.lock().unwrap_or_else(|e| e.into_inner()).push(item);
}

/// Lowercase hex.
pub fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

/// `hex(HMAC-SHA256(key, message))`, computed here, independently of the crate's signing.
pub fn hmac_sha256_hex(key: &str, message: &[u8]) -> String {
    let mut mac = Hmac::<Sha256>::new_from_slice(key.as_bytes()).expect("any key length");
    mac.update(message);
    hex(&mac.finalize().into_bytes())
}
