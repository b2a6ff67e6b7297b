//! A game server granting game currency with WeChat Midas `present`.
//!
//! The client is made once at start-up by `Client::builder`, from the AppKey, AppID and
//! AppSecret: it fetches `access_token` from `get_stable_token` when first needed, keeps it and
//! refreshes it before it expires (and once more when Midas rejects it), and retries transient
//! failures with the same `bill_no`, so a gift is never credited twice.
//!
//! Run it against `gamechannel mock` (whose default credentials are the defaults below):
//!
//! ```text
//! cargo run -p gamechannel-cli -- mock            # prints its base URL
//! GAMECHANNEL_BASE_URL=http://127.0.0.1:PORT cargo run --example midas_present -- bill-42 60
//! ```
//!
//! Arguments: the order number (`bill_no`, default: one made from the clock) and the amount
//! (default 10). Environment: `GAMECHANNEL_BASE_URL` (required), `GAMECHANNEL_MIDAS_ENV`
//! (`sandbox`, the default, or `production`), and `GAMECHANNEL_MIDAS_APP_KEY`, `_APPID`,
//! `_APP_SECRET`, `_OFFER_ID`, `_OPENID` for the credentials and the player.

use std::error::Error;
use std::time::{SystemTime, UNIX_EPOCH};

use gamechannel::wechat_midas as midas;

/// An environment variable, or the mock's default.
fn setting(name: &str, default: &str) -> String {
    std::env::var(format!("GAMECHANNEL_MIDAS_{name}")).unwrap_or_else(|_| default.to_owned())
}

#[tokio::main]
async fn main() -> Result<(), Box<dyn Error>> {
    let Ok(base_url) = std::env::var("GAMECHANNEL_BASE_URL") else {
        eprintln!("set GAMECHANNEL_BASE_URL to the platform's base URL (e.g. gamechannel mock's)");
        std::process::exit(2);
    };
    let environment = match setting("ENV", "sandbox").as_str() {
        "production" => midas::Environment::Production,
        _ => midas::Environment::Sandbox,
    };
    let appid = setting("APPID", "wxmock0000000001");
    let now = SystemTime::now().duration_since(UNIX_EPOCH)?.as_secs();
    let mut args = std::env::args().skip(1);
    let bill_no = args.next().unwrap_or_else(|| format!("gift-{now}"));
    let amount: i64 = args.next().map_or(Ok(10), |a| a.parse())?;

    let client = midas::Client::builder(environment)
        .base_url(base_url)
        .credential("app_key", setting("APP_KEY", "mock-midas-app-key"))
        .credential("appid", &appid)
        .credential("secret", setting("APP_SECRET", "mock-wechat-app-secret"))
        .build()?;

    let gift = midas::PresentRequest {
        openid: setting("OPENID", "mock-openid-1"),
        appid,
        offer_id: setting("OFFER_ID", "mock-offer-id"),
        ts: i64::try_from(now)?,
        zone_id: "1".into(),
        pf: "android".into(),
        user_ip: None,
        bill_no: bill_no.clone(),
        present_counts: amount,
    };
    match client.present(&gift).await {
        Ok(done) => {
            let balance = done.balance.map_or("unknown".to_owned(), |b| b.to_string());
            println!(
                "gave {amount} to {} ({bill_no}); balance now {balance}",
                gift.openid
            );
            Ok(())
        }
        // Safe to call again later with the same bill_no: Midas never applies it twice.
        Err(gamechannel::Error::Api { code, message }) => {
            eprintln!("Midas refused {bill_no}: {code} {message}: {}", code.doc());
            std::process::exit(1);
        }
        Err(other) => Err(other.into()),
    }
}
