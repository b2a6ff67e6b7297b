//! A game server receiving wancms pay notifies with axum, delivering each order once.
//!
//! Run it (the keys are the test vectors' keys; use your own from wancms):
//!
//! ```sh
//! WANCMS_PAY_KEY=wancms-pay-key-test cargo run --example wancms_notify_axum --features axum
//! ```
//!
//! Then play wancms and send it the signed notify from the pinned signing vectors (`vectors.jsonl`), a few times:
//!
//! ```sh
//! curl 'http://127.0.0.1:3000/wancms/notify?app_id=game_1001&open_id=wc_open_9f8e7d&bill_no=B20261121001&orderid=WC202611210000123&ext=role%3D77%3Bsrv%3D3&price=6.00&status=success&sign=48c46a50d1eec1fae2590f0d288591f1'
//! ```
//!
//! Every call answers `success`; the order is credited once. Change any value (or the `sign`)
//! and the answer is `fail`. `gamechannel verify` explains why a real platform's URL fails.

use std::env;
use std::sync::Arc;

use axum::Router;
use axum::routing::get;
use gamechannel::axum::{CallbackConfig, callback};
use gamechannel::{MemoryDedup, ReplayWindow, Secret, wancms};

/// Credits the order; called once per `bill_no` however often wancms resends.
async fn deliver(n: wancms::PayNotifyNotification) -> Result<(), String> {
    if n.status != "success" {
        // A failed payment is a genuine notify too: acknowledge it, credit nothing.
        println!("order {} not paid ({})", n.bill_no, n.status);
        return Ok(());
    }
    // A real server credits in its database here, keyed by bill_no, and returns Err when it
    // cannot (the platform then resends).
    println!(
        "credit order {} ({} RMB) to {}",
        n.bill_no, n.price, n.open_id
    );
    Ok(())
}

#[tokio::main]
async fn main() -> Result<(), Box<dyn std::error::Error>> {
    let credentials = wancms::Credentials {
        login_key: Secret::new(env::var("WANCMS_LOGIN_KEY").unwrap_or_default()),
        pay_key: Secret::new(env::var("WANCMS_PAY_KEY")?),
    };
    let notify = callback::<wancms::PayNotifyNotification, _, _>(
        CallbackConfig {
            credentials,
            dedup: Arc::new(MemoryDedup::default()),
            window: ReplayWindow::default(),
        },
        deliver,
    );
    let app = Router::new().route("/wancms/notify", get(notify));
    let listener = tokio::net::TcpListener::bind("127.0.0.1:3000").await?;
    println!(
        "listening on http://{}/wancms/notify",
        listener.local_addr()?
    );
    axum::serve(listener, app).await?;
    Ok(())
}
