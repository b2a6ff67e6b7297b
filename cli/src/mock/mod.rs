//! The mock platform: every spec'd `call` endpoint served on one address, checking requests
//! exactly as the platform would (constraints, signatures, tokens), answering in the
//! platform's envelope and codes, keeping platform state (Midas, xpay and mini-game 2.0
//! balances and order-number idempotency, QQ 大玩咖 counters, WeChat tokens), injecting
//! faults, and sending signed callbacks to game servers. A sandbox in a box for game servers'
//! tests.
//!
//! Admin endpoints: `GET /__mock/ledger` (Douyin's: `/__mock/ledger/douyin_game`),
//! `GET|POST /__mock/faults`, `GET /__mock/tokens`, `POST /__mock/tokens/expire`,
//! `POST /__mock/callbacks/{platform}/{endpoint}` with `{"target_url": ..., "fields": {...}}`,
//! `GET /__mock/sdk`. The page side (SDK stand-ins, portal) is described in [`page`].

mod admin;
pub mod callback;
pub mod cli;
pub mod config;
pub mod faults;
mod handler;
pub mod page;
pub mod push;
mod routes;
mod server;
pub mod state;
mod wire;

use std::io;
use std::net::SocketAddr;
use std::sync::{Arc, Mutex, MutexGuard};

use gamechannel_codegen::model::{Endpoint, Platform};
use tokio::sync::watch;
use tokio::task::JoinHandle;

pub use callback::CallbackReport;
pub use config::{
    CallbackPolicy, DEFAULT_CREDENTIALS, MockConfig, PageConfig, TEST_RSA_PRIVATE_KEY,
    TEST_RSA_PUBLIC_KEY,
};
pub use faults::Faults;
pub use page::SdkRecord;
pub use push::PushOptions;
pub use state::{Ledger, TokenCounts};

use faults::FaultDice;
use routes::{Route, Routes};
use state::Stores;

/// Everything the handlers share.
struct Shared {
    platforms: Vec<Platform>,
    routes: Routes,
    config: MockConfig,
    dice: Mutex<FaultDice>,
    stores: Stores,
    http: reqwest::Client,
    page: page::PageState,
}

impl Shared {
    /// The platform and endpoint a route names (routes only hold valid indexes).
    fn endpoint(&self, route: &Route) -> (&Platform, &Endpoint) {
        let platform = &self.platforms[route.platform];
        (platform, &platform.endpoints[route.endpoint])
    }
}

/// Locks, shrugging off poisoning: the dice and the state stay usable after a panic elsewhere.
fn lock<T>(m: &Mutex<T>) -> MutexGuard<'_, T> {
    m.lock().unwrap_or_else(|e| e.into_inner())
}

/// A running mock; dropping it without [`RunningMock::shutdown`] leaves it serving until the
/// runtime ends.
pub struct RunningMock {
    addr: SocketAddr,
    shared: Arc<Shared>,
    stop: watch::Sender<bool>,
    task: JoinHandle<()>,
}

/// Binds `config.listen` and serves `platforms` until shut down.
pub async fn start(config: MockConfig, platforms: Vec<Platform>) -> io::Result<RunningMock> {
    let listener = tokio::net::TcpListener::bind(config.listen).await?;
    let addr = listener.local_addr()?;
    let http = reqwest::Client::builder()
        .build()
        .map_err(io::Error::other)?;
    let routes = routes::table(&platforms);
    let shared = Arc::new(Shared {
        dice: Mutex::new(FaultDice::new(config.faults.clone())),
        stores: Stores::new(config.token_lifetime),
        platforms,
        routes,
        config,
        http,
        page: page::PageState::default(),
    });
    let (stop, stopped) = watch::channel(false);
    let task = tokio::spawn(server::serve(
        listener,
        admin::router(shared.clone()),
        stopped,
    ));
    Ok(RunningMock {
        addr,
        shared,
        stop,
        task,
    })
}

impl RunningMock {
    /// The address actually bound.
    pub fn addr(&self) -> SocketAddr {
        self.addr
    }

    /// `http://<addr>`: the base URL to give clients instead of the platform's host.
    pub fn base_url(&self) -> String {
        format!("http://{}", self.addr)
    }

    /// Lines saying what is served: `platform.endpoint METHOD path (environment)`.
    pub fn describe(&self) -> &[String] {
        &self.shared.routes.lines
    }

    /// Lines saying where the page side is served: SDK stand-ins, portals, notify targets.
    pub fn describe_pages(&self) -> Vec<String> {
        page::describe(&self.shared)
    }

    /// Every call the SDK stand-ins passed on, with the result code and notify of each.
    pub fn sdk_records(&self) -> Vec<SdkRecord> {
        self.shared.page.records()
    }

    /// Replaces the faults (and reseeds the dice).
    pub fn set_faults(&self, faults: Faults) {
        *lock(&self.shared.dice) = FaultDice::new(faults);
    }

    /// The faults in force (a `busy_next` counts down as it is used).
    pub fn faults(&self) -> Faults {
        lock(&self.shared.dice).faults().clone()
    }

    /// Expires every access token issued so far, so clients meet `token_expired` next.
    pub fn expire_tokens(&self) {
        self.shared.stores.expire_tokens();
    }

    /// Access tokens requested and issued so far, per platform.
    pub fn token_counts(&self) -> std::collections::BTreeMap<String, TokenCounts> {
        self.shared.stores.token_counts()
    }

    /// Snapshot of the Midas state.
    pub fn ledger(&self) -> Ledger {
        self.shared.stores.ledger()
    }

    /// Signs and sends a callback to `target_url`, resending until the game answers the
    /// spec's success reply or the attempts run out (see [`CallbackPolicy`]).
    pub async fn send_callback(
        &self,
        platform: &str,
        endpoint: &str,
        target_url: &str,
        fields: Vec<(String, String)>,
    ) -> Result<CallbackReport, String> {
        callback::send(&self.shared, platform, endpoint, target_url, fields).await
    }

    /// [`Self::send_callback`] for a push, in the body format and encryption of `options`
    /// (an XML body, a safe-mode encrypted one).
    pub async fn send_push(
        &self,
        platform: &str,
        endpoint: &str,
        target_url: &str,
        fields: Vec<(String, String)>,
        options: PushOptions,
    ) -> Result<CallbackReport, String> {
        callback::send_as(
            &self.shared,
            platform,
            endpoint,
            target_url,
            fields,
            options,
        )
        .await
    }

    /// Stops accepting, closes open connections and waits for the server to end.
    pub async fn shutdown(self) {
        // Sending fails only when the server already ended, which is what we want anyway.
        let _ = self.stop.send(true);
        let _ = self.task.await;
    }
}
