//! Runs the example game against `gamechannel mock` (or wancms itself):
//!
//! ```sh
//! gamechannel mock --callback-url wancms.login=http://127.0.0.1:3000/ \
//!     --callback-url wancms.pay_notify=http://127.0.0.1:3000/wancms/notify
//! WANCMS_PLATFORM_URL=http://127.0.0.1:8080 cargo run -p h5-game
//! ```
//!
//! then open <http://127.0.0.1:8080/__mock/portal/wancms> in a browser. Without variables it
//! uses the mock's public test keys; set `WANCMS_APP_ID`, `WANCMS_LOGIN_KEY`,
//! `WANCMS_PAY_KEY`, `WANCMS_PLATFORM_URL` and `LISTEN` for anything else.

use std::env;

use gamechannel::{Secret, wancms};
use h5_game::{Game, GameConfig, router};

#[tokio::main]
async fn main() -> Result<(), Box<dyn std::error::Error>> {
    let var = |name: &str, default: &str| env::var(name).unwrap_or_else(|_| default.to_owned());
    let config = GameConfig {
        app_id: var("WANCMS_APP_ID", "h5-game-example"),
        credentials: wancms::Credentials {
            login_key: Secret::new(var("WANCMS_LOGIN_KEY", "mock-wancms-login-key")),
            pay_key: Secret::new(var("WANCMS_PAY_KEY", "mock-wancms-pay-key")),
        },
        platform_url: var("WANCMS_PLATFORM_URL", "http://127.0.0.1:8080"),
    };
    let listen = var("LISTEN", "127.0.0.1:3000");
    let listener = tokio::net::TcpListener::bind(&listen).await?;
    println!(
        "H5 game at http://{}/ (login URL), notify URL /wancms/notify",
        listener.local_addr()?
    );
    axum::serve(listener, router(Game::new(config))).await?;
    Ok(())
}
