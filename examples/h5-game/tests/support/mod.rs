//! The stage of the H5 tests: `gamechannel mock` playing wancms and the example game, both
//! in-process on loopback, each knowing the other's URL.

use std::net::SocketAddr;
use std::sync::Arc;
use std::time::{Duration, Instant};

use gamechannel::{Secret, wancms};
use gamechannel_cli::mock::{self, CallbackPolicy, MockConfig, RunningMock, SdkRecord};
use gamechannel_cli::specs::Catalog;
use h5_game::{Game, GameConfig, Order};

/// Times the mock sends an acknowledged notify again.
pub const RESENDS: u32 = 2;

/// The mock and the game, running.
pub struct Stage {
    pub mock: RunningMock,
    pub game: Arc<Game>,
    pub game_url: String,
    server: tokio::task::JoinHandle<()>,
}

impl Stage {
    pub async fn start() -> Stage {
        let listener = tokio::net::TcpListener::bind("127.0.0.1:0")
            .await
            .expect("game binds");
        let game_url = format!("http://{}", listener.local_addr().expect("bound"));
        let mut config = MockConfig::defaults(SocketAddr::from(([127, 0, 0, 1], 0)));
        config.page.callback_urls = vec![
            ("wancms.login".into(), format!("{game_url}/")),
            (
                "wancms.pay_notify".into(),
                format!("{game_url}/wancms/notify"),
            ),
        ];
        config.page.resend_acknowledged = RESENDS;
        config.callbacks = CallbackPolicy {
            max_attempts: 3,
            first_backoff: Duration::from_millis(20),
            max_backoff: Duration::from_millis(100),
            timeout: Duration::from_secs(5),
        };
        let catalog = Catalog::load(&[]).expect("seed specs load");
        let mock = mock::start(config.clone(), catalog.platforms().to_vec())
            .await
            .expect("mock starts");
        let key = |name: &str| {
            Secret::new(
                config
                    .credential("wancms", name)
                    .expect("default")
                    .to_owned(),
            )
        };
        let game = Game::new(GameConfig {
            app_id: "h5-game-test".into(),
            credentials: wancms::Credentials {
                login_key: key("login_key"),
                pay_key: key("pay_key"),
            },
            platform_url: mock.base_url(),
        });
        let app = h5_game::router(game.clone());
        let server = tokio::spawn(async move {
            let _ = axum::serve(listener, app).await;
        });
        Stage {
            mock,
            game,
            game_url,
            server,
        }
    }

    /// The game's order, by number.
    pub fn order(&self, bill_no: &str) -> Option<Order> {
        self.game
            .orders()
            .into_iter()
            .find(|o| o.bill_no == bill_no)
    }

    /// Waits (at most `within`) for the mock's record of a pay payload for `bill_no` to hold
    /// the notify and its resends.
    pub async fn settled_pay(&self, bill_no: &str, within: Duration) -> SdkRecord {
        let deadline = Instant::now() + within;
        loop {
            let record = self.mock.sdk_records().into_iter().find(|r| {
                r.endpoint == "pay" && r.fields.iter().any(|(n, v)| n == "bill_no" && v == bill_no)
            });
            match record {
                Some(r) if r.notify.is_some() || (r.code.is_some() && r.code != Some(6)) => {
                    return r;
                }
                other if Instant::now() > deadline => {
                    panic!("the pay of {bill_no} never settled: {other:?}")
                }
                _ => tokio::time::sleep(Duration::from_millis(50)).await,
            }
        }
    }

    pub async fn stop(self) {
        self.server.abort();
        self.mock.shutdown().await;
    }
}
