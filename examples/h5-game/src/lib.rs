//! An H5 game on wancms, whole but small: the game server verifies the login redirect, signs
//! each pay payload (the pay key never reaches the browser), and credits an order once however
//! often wancms sends its notify; the page (`static/`) talks to the wancms JS SDK.
//!
//! Routes: `GET /` (the login URL wancms opens), `POST /api/pay`, `GET /api/state`,
//! `GET /wancms/notify` (the pay notify URL), `GET /game.js`.

use std::collections::HashMap;
use std::collections::hash_map::RandomState;
use std::hash::{BuildHasher, Hasher};
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, Mutex, MutexGuard};

use axum::extract::{Query, RawQuery, State};
use axum::http::{HeaderValue, StatusCode, header};
use axum::response::{Html, IntoResponse, Response};
use axum::routing::{get, post};
use axum::{Json, Router};
use gamechannel::axum::{CallbackConfig, callback};
use gamechannel::{MemoryDedup, ReplayWindow, wancms};
use serde::{Deserialize, Serialize};

const PAGE: &str = include_str!("../static/index.html");
const SCRIPT: &str = include_str!("../static/game.js");

/// What the game is given by wancms, and where the page loads the SDK from.
pub struct GameConfig {
    /// The game's `app_id`.
    pub app_id: String,
    /// `login_key` and `pay_key`.
    pub credentials: wancms::Credentials,
    /// Scheme and host of the platform's site (`https://h5.wancms.com`, or the mock's URL):
    /// the page loads the SDK script from there.
    pub platform_url: String,
}

/// One order, from the signed payload to the delivery.
#[derive(Debug, Clone, Serialize, PartialEq, Eq)]
pub struct Order {
    /// The game's order number.
    pub bill_no: String,
    /// The buyer.
    pub open_id: String,
    /// Yuanbao bought.
    pub total_fee: i64,
    /// Times the goods were delivered: 1 once paid, never more.
    pub deliveries: u32,
}

/// The game server's state.
pub struct Game {
    config: GameConfig,
    sessions: Mutex<HashMap<String, String>>,
    orders: Mutex<Vec<Order>>,
    next_order: AtomicU64,
    random: RandomState,
}

impl Game {
    /// A game with no players yet.
    pub fn new(config: GameConfig) -> Arc<Self> {
        Arc::new(Game {
            config,
            sessions: Mutex::new(HashMap::new()),
            orders: Mutex::new(Vec::new()),
            next_order: AtomicU64::new(1),
            random: RandomState::new(),
        })
    }

    /// Every order so far.
    pub fn orders(&self) -> Vec<Order> {
        lock(&self.orders).clone()
    }

    /// A session token for a verified player. Random per process, so another player cannot
    /// guess it; a real game keeps sessions in its own store.
    fn open_session(&self, open_id: &str) -> String {
        let mut hasher = self.random.build_hasher();
        hasher.write(open_id.as_bytes());
        hasher.write_u64(self.next_order.fetch_add(1, Ordering::Relaxed));
        let token = format!("{:016x}", hasher.finish());
        lock(&self.sessions).insert(token.clone(), open_id.to_owned());
        token
    }

    fn player(&self, session: &str) -> Option<String> {
        lock(&self.sessions).get(session).cloned()
    }

    /// Credits a paid order; called once per notification by the callback handler.
    fn deliver(&self, notify: &wancms::PayNotifyNotification) -> Result<(), String> {
        if notify.status != "success" {
            return Ok(());
        }
        let mut orders = lock(&self.orders);
        let order = orders
            .iter_mut()
            .find(|o| o.bill_no == notify.bill_no && o.open_id == notify.open_id)
            // An unknown order is refused; wancms resends and the operator looks into it.
            .ok_or_else(|| format!("unknown order {}", notify.bill_no))?;
        order.deliveries += 1;
        Ok(())
    }
}

fn lock<T>(m: &Mutex<T>) -> MutexGuard<'_, T> {
    m.lock().unwrap_or_else(|e| e.into_inner())
}

/// The game server's routes.
pub fn router(game: Arc<Game>) -> Router {
    let delivering = game.clone();
    let notify = callback::<wancms::PayNotifyNotification, _, _>(
        CallbackConfig {
            credentials: game.config.credentials.clone(),
            dedup: Arc::new(MemoryDedup::default()),
            window: ReplayWindow::default(),
        },
        move |n: wancms::PayNotifyNotification| {
            let game = delivering.clone();
            async move { game.deliver(&n) }
        },
    );
    Router::new()
        .route("/", get(login))
        .route("/game.js", get(script))
        .route("/api/pay", post(pay))
        .route("/api/state", get(state))
        .route("/wancms/notify", get(notify))
        .with_state(game)
}

/// The login redirect: the page, for a genuine `sign` only.
async fn login(State(game): State<Arc<Game>>, RawQuery(query): RawQuery) -> Response {
    let query = query.unwrap_or_default();
    let login = match wancms::LoginNotification::verify(&query, &game.config.credentials) {
        Ok(login) => login,
        // The reason names fields only, never values or keys.
        Err(e) => return (StatusCode::FORBIDDEN, format!("login refused: {e}")).into_response(),
    };
    let session = game.open_session(&login.open_id);
    let page_config = serde_json::json!({
        "session": session,
        "app_id": game.config.app_id,
        "open_id": login.open_id,
        "channel": login.channel.unwrap_or_default(),
    });
    // `</` cannot end the inline JSON early once its slash is escaped.
    let json = page_config.to_string().replace("</", "<\\/");
    let sdk = format!(
        "{}/themes/main_template/Public/h5style/js/h5sdk.js",
        game.config.platform_url
    );
    Html(
        PAGE.replace("{{CONFIG}}", &json)
            .replace("{{SDK}}", &html_attr(&sdk)),
    )
    .into_response()
}

async fn script() -> Response {
    let mut response = SCRIPT.into_response();
    response.headers_mut().insert(
        header::CONTENT_TYPE,
        HeaderValue::from_static("application/javascript; charset=utf-8"),
    );
    response
}

/// What the page asks to buy.
#[derive(Deserialize)]
struct PayRequest {
    session: String,
    /// Yuanbao to buy.
    total_fee: i64,
    /// Where the role plays, returned in the notify.
    ext: String,
}

/// A new order, signed: the JSON object the page passes to `wancmssdk.pay` as it is.
async fn pay(State(game): State<Arc<Game>>, Json(request): Json<PayRequest>) -> Response {
    let Some(open_id) = game.player(&request.session) else {
        return (StatusCode::UNAUTHORIZED, "no such session").into_response();
    };
    let bill_no = format!("H5G{:06}", game.next_order.fetch_add(1, Ordering::Relaxed));
    let payload = wancms::PayPayload {
        app_id: game.config.app_id.clone(),
        open_id: open_id.clone(),
        bill_no: bill_no.clone(),
        goods_name: format!("{} 元宝", request.total_fee),
        total_fee: request.total_fee,
        ext: request.ext,
    };
    let signed = match payload.signed_json(&game.config.credentials) {
        Ok(json) => json,
        Err(e) => return (StatusCode::BAD_REQUEST, e.to_string()).into_response(),
    };
    lock(&game.orders).push(Order {
        bill_no,
        open_id,
        total_fee: request.total_fee,
        deliveries: 0,
    });
    let mut response = signed.into_response();
    response.headers_mut().insert(
        header::CONTENT_TYPE,
        HeaderValue::from_static("application/json"),
    );
    response
}

#[derive(Deserialize)]
struct StateQuery {
    session: String,
}

/// The player's orders, for the page to show what was delivered.
async fn state(State(game): State<Arc<Game>>, Query(q): Query<StateQuery>) -> Response {
    let Some(open_id) = game.player(&q.session) else {
        return (StatusCode::UNAUTHORIZED, "no such session").into_response();
    };
    let orders: Vec<Order> = game
        .orders()
        .into_iter()
        .filter(|o| o.open_id == open_id)
        .collect();
    Json(orders).into_response()
}

fn html_attr(text: &str) -> String {
    text.replace('&', "&amp;")
        .replace('"', "&quot;")
        .replace('<', "&lt;")
}
