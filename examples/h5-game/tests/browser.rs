//! The whole H5 pay flow in a real browser: headless Chromium opens the mock's wancms portal,
//! which opens the example game with a signed login; the player enters a server, creates a
//! role and pays in the SDK stand-in's dialog. Then: the page saw the paid code, the game
//! delivered once although the mock resent the notify, and a page that tampers with the
//! payload gets the parameter-error code and no goods.
//!
//! Needs `chromium` and `chromedriver` (Debian `chromium`, `chromium-driver`); without them it
//! says so and passes, unless `GAMECHANNEL_REQUIRE_BROWSER` is set (CI sets it).

mod support;
#[path = "support/webdriver.rs"]
mod webdriver;

use std::time::Duration;

use serde_json::Value;
use support::{RESENDS, Stage};
use webdriver::{Browser, Session};

const STEP: Duration = Duration::from_secs(15);

#[tokio::test]
async fn h5_pay_flow_in_headless_chromium() {
    let Some(browser) = Browser::find() else {
        if std::env::var_os("GAMECHANNEL_REQUIRE_BROWSER").is_some() {
            panic!(
                "chromium and chromedriver are required (apt-get install chromium chromium-driver)"
            );
        }
        eprintln!(
            "SKIPPED: no chromium/chromedriver on PATH (apt-get install chromium chromium-driver)"
        );
        return;
    };
    let stage = Stage::start().await;
    let session = Session::start(&browser).await.expect("browser session");
    let run = tokio::time::timeout(Duration::from_secs(120), play(&stage, &session)).await;
    let diagnostics = match &run {
        Ok(Ok(())) => String::new(),
        _ => session.page_source().await,
    };
    session.quit().await;
    let records = stage.mock.sdk_records();
    stage.stop().await;
    match run {
        Ok(Ok(())) => {}
        Ok(Err(e)) => panic!("{e}\nSDK calls: {records:#?}\npage: {diagnostics}"),
        Err(_) => panic!("the browser flow took more than two minutes\npage: {diagnostics}"),
    }
}

async fn play(stage: &Stage, session: &Session) -> Result<(), String> {
    let portal = format!(
        "{}/__mock/portal/wancms?open_id=player-7",
        stage.mock.base_url()
    );
    session.goto(&portal).await?;
    let frame = session.wait_for("#game", STEP).await?;
    session.enter_frame(&frame).await?;
    session
        .wait_text("#status", "logged in as player-7", STEP)
        .await?;
    let opened = session
        .run_async("arguments[arguments.length - 1](location.href)")
        .await?;
    let opened = opened.as_str().unwrap_or_default();
    if !opened.starts_with(&stage.game_url) || !opened.contains("&sign=") {
        return Err(format!("the portal opened {opened}"));
    }

    session
        .click(&session.wait_for("#enter-server:enabled", STEP).await?)
        .await?;
    session.wait_text("#status", "on Server 3", STEP).await?;
    session
        .click(&session.wait_for("#create-role:enabled", STEP).await?)
        .await?;
    session.wait_text("#status", "playing Hero", STEP).await?;
    session
        .click(&session.wait_for("#buy:enabled", STEP).await?)
        .await?;
    // The SDK stand-in's payment dialog, in the game's document as the platform's would be.
    session
        .click(&session.wait_for("button[data-result=paid]", STEP).await?)
        .await?;
    let result = session.wait_text("#pay-result", "code=6", STEP).await?;
    let bill_no = result
        .split("bill_no=")
        .nth(1)
        .ok_or("the page shows no bill_no")?
        .trim()
        .to_owned();

    let record = stage.settled_pay(&bill_no, STEP).await;
    let report = record.notify.ok_or("no notify was sent")?;
    if !report.delivered || record.resent != RESENDS {
        return Err(format!("notify {report:?}, resent {}", record.resent));
    }
    let order = stage.order(&bill_no).ok_or("the game has no such order")?;
    if order.deliveries != 1 {
        return Err(format!("delivered {} times: {order:?}", order.deliveries));
    }
    session.wait_text("#orders", "delivered 1x", STEP).await?;
    for endpoint in ["init", "select_server", "create_role"] {
        let seen = stage
            .mock
            .sdk_records()
            .into_iter()
            .find(|r| r.endpoint == endpoint)
            .ok_or(format!("the mock never saw {endpoint}"))?;
        if let Some(problem) = seen.problem {
            return Err(format!("{endpoint} was refused: {problem}"));
        }
    }

    // A page that lowers the price after the server signed it.
    let tampered: Value = session
        .run_async(
            "const done = arguments[arguments.length - 1];
             game.signedPayload(60).then((payload) => {
               payload.total_fee = 1;
               wancmssdk.pay(payload, (code, msg) => done({ code, msg, bill_no: payload.bill_no }));
             }).catch((e) => done({ error: String(e) }));",
        )
        .await?;
    if tampered["code"] != 9 {
        return Err(format!("a tampered payload got {tampered}"));
    }
    let tampered_bill = tampered["bill_no"].as_str().unwrap_or_default();
    let refused = stage.settled_pay(tampered_bill, STEP).await;
    tokio::time::sleep(Duration::from_millis(500)).await;
    let order = stage
        .order(tampered_bill)
        .ok_or("the tampered order is unknown")?;
    if refused.notify.is_some() || order.deliveries != 0 {
        return Err(format!(
            "a tampered payload was confirmed: {refused:?} {order:?}"
        ));
    }
    Ok(())
}
