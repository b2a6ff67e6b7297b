//! `gamechannel tour`: the mock platform in-process on a free loopback port, and every seed
//! endpoint driven through the generated clients, with a short report of what was sent,
//! signed and answered.

mod callbacks;
mod channels;
mod douyin;
mod midas;
mod others;
mod player;
mod pushes;
mod report;
mod wechat_pay;

pub use player::Player;

use std::time::{SystemTime, UNIX_EPOCH};

use gamechannel_codegen::model::Platform;

use crate::mock::{self, MockConfig};
use report::Report;

/// Runs the tour over `platforms` (the seed specs); true when every step behaved.
pub async fn run(platforms: Vec<Platform>) -> Result<bool, String> {
    let listen = "127.0.0.1:0".parse().map_err(|e| format!("{e}"))?;
    let config = MockConfig::defaults(listen);
    let running = mock::start(config.clone(), platforms.clone())
        .await
        .map_err(|e| format!("cannot start the mock platform: {e}"))?;
    println!(
        "gamechannel tour — mock platform at {} ({} routes)",
        running.base_url(),
        running.describe().len()
    );
    println!(
        "every request below is real HTTP over loopback, signed by the generated code and checked by the mock"
    );

    let now = SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map(|d| d.as_secs())
        .unwrap_or(0);
    let now = i64::try_from(now).unwrap_or(i64::MAX);
    let mut report = Report::default();
    midas::run(&mut report, &running, &config, now).await;
    others::qq(&mut report, &running, &config).await;
    others::llewan(&mut report, &running, &config, now).await;
    others::wancms_pay(&mut report, &config);
    others::wancms_login(&mut report, &config, &platforms);
    others::wancms_sdk_calls(&mut report);
    callbacks::run(&mut report, &running, &config).await;
    channels::run(&mut report, &running, &config).await;
    wechat_pay::xpay(&mut report, &running, &config).await;
    wechat_pay::minigame_v2(&mut report, &running, &config, now).await;
    douyin::run(&mut report, &running, &config, now).await;
    pushes::run(&mut report, &running, &config).await;
    running.shutdown().await;
    Ok(report.finish())
}
