//! One of several game-server processes sharing one Redis: the WeChat access token and the
//! record of handled callbacks live there, so the processes behave as one server.
//!
//! Start Redis and the mock, then as many of these as you like, each on its own port:
//!
//! ```text
//! redis-server --port 6379 --save '' --appendonly no &
//! cargo run -p gamechannel-cli -- mock                 # prints its base URL
//! GAMECHANNEL_BASE_URL=http://127.0.0.1:PORT GAMECHANNEL_REDIS_URL=redis://127.0.0.1:6379/ \
//!   cargo run --example redis_game_server --features redis,axum -- 127.0.0.1:3001
//! ```
//!
//! Each process presents 10 game currency to a player (order `gift-<port>`) through Midas —
//! only the first process to need a token fetches it, the others take it from Redis — then
//! serves wancms pay notifies on `/wancms/notify`. Send the same notify to two processes
//! (`gamechannel mock callback --mock MOCK_URL wancms.pay_notify --target
//! http://127.0.0.1:3001/wancms/notify bill_no=B1`, then `--target` the other): it is credited
//! once, and both answer `success`.
//!
//! Environment: `GAMECHANNEL_BASE_URL` and `GAMECHANNEL_REDIS_URL` (required); the credentials
//! default to the mock's (`GAMECHANNEL_MIDAS_APP_KEY`, `_APPID`, `_APP_SECRET`,
//! `GAMECHANNEL_WANCMS_PAY_KEY`).

use std::error::Error;
use std::sync::Arc;

use axum::Router;
use axum::routing::get;
use gamechannel::axum::{CallbackConfig, callback};
use gamechannel::redis::{RedisDedup, RedisStore, RedisTokens, TokenKey};
use gamechannel::{ReplayWindow, Secret, wancms, wechat_midas as midas};

/// An environment variable, or the mock's default.
fn setting(name: &str, default: &str) -> String {
    std::env::var(name).unwrap_or_else(|_| default.to_owned())
}

fn required(name: &str) -> String {
    std::env::var(name).unwrap_or_else(|_| {
        eprintln!("set {name} (see the example's docs)");
        std::process::exit(2);
    })
}

#[tokio::main]
async fn main() -> Result<(), Box<dyn Error>> {
    let listen = std::env::args().nth(1).unwrap_or("127.0.0.1:3001".into());
    // Fails at start-up if Redis does not answer; later outages fail calls and refuse
    // callbacks (the platform resends) until it is back.
    let store = RedisStore::connect(&required("GAMECHANNEL_REDIS_URL")).await?;

    // Midas: the token comes from Redis; one process at a time fetches a new one.
    let appid = setting("GAMECHANNEL_MIDAS_APPID", "wxmock0000000001");
    // The key names the app, never a secret: `gamechannel:token:wechat_midas:<appid>:access_token`.
    let key = TokenKey::new("wechat_midas", &appid, "access_token");
    let shared = store.clone();
    let client = midas::Client::builder(midas::Environment::Sandbox)
        .base_url(required("GAMECHANNEL_BASE_URL"))
        .credential(
            "app_key",
            setting("GAMECHANNEL_MIDAS_APP_KEY", "mock-midas-app-key"),
        )
        .credential("appid", &appid)
        .credential(
            "secret",
            setting("GAMECHANNEL_MIDAS_APP_SECRET", "mock-wechat-app-secret"),
        )
        .keep_tokens(move |source| Arc::new(RedisTokens::new(shared, key, source)))
        .build()?;
    let bill_no = format!("gift-{}", listen.rsplit(':').next().unwrap_or("0"));
    let ts = i64::try_from(gamechannel::now_unix_secs())?;
    let gift = midas::PresentRequest {
        openid: "mock-openid-1".into(),
        appid,
        offer_id: "mock-offer-id".into(),
        ts,
        zone_id: "1".into(),
        pf: "android".into(),
        user_ip: None,
        bill_no: bill_no.clone(),
        present_counts: 10,
    };
    match client.present(&gift).await {
        Ok(_) => println!("presented 10 ({bill_no})"),
        // Safe to send again later with the same bill_no.
        Err(error) => eprintln!("present {bill_no} failed: {error}"),
    }

    // wancms: every process shares one record of handled notifies.
    let notify = callback::<wancms::PayNotifyNotification, _, _>(
        CallbackConfig {
            credentials: wancms::Credentials {
                login_key: Secret::new(""),
                pay_key: Secret::new(setting("GAMECHANNEL_WANCMS_PAY_KEY", "mock-wancms-pay-key")),
            },
            dedup: Arc::new(RedisDedup::new(store)),
            window: ReplayWindow::default(),
        },
        |n: wancms::PayNotifyNotification| async move {
            // Credit in the game's database, keyed by bill_no: a crash mid-delivery means the
            // notify is delivered again after the claim's lease, so refuse a second credit.
            println!(
                "credit order {} ({} RMB) to {}",
                n.bill_no, n.price, n.open_id
            );
            Ok::<(), String>(())
        },
    );
    let app = Router::new().route("/wancms/notify", get(notify));
    let listener = tokio::net::TcpListener::bind(&listen).await?;
    println!(
        "listening on http://{}/wancms/notify",
        listener.local_addr()?
    );
    axum::serve(listener, app).await?;
    Ok(())
}
