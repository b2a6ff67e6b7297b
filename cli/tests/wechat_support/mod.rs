//! Shared by the WeChat pay tests: clients of the mock for xpay and mini-game pay 2.0, and a
//! game server that takes their message pushes.

#![allow(dead_code)] // each test file uses a different part

use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};
use std::time::Duration;

use axum::Router;
use axum::routing::get;
use gamechannel::axum::{CallbackConfig, callback, one_of};
use gamechannel::client::{CachedTokens, RetryPolicy, Target};
use gamechannel::{
    MemoryDedup, ReplayWindow, Secret, wechat_minigame_v2 as mg2, wechat_xpay as xpay,
};
use gamechannel_cli::mock::RunningMock;

use super::e2e_support::*;

/// An xpay client of the mock that never retries.
pub fn xpay_client(mock: &RunningMock, session_key: Option<&str>) -> xpay::Client {
    xpay_client_retrying(mock, session_key, RetryPolicy::NEVER, Recording::new())
}

/// An xpay client of the mock with the stable-token source, retrying as `retry` says.
pub fn xpay_client_retrying(
    mock: &RunningMock,
    session_key: Option<&str>,
    retry: RetryPolicy,
    transport: Recording,
) -> xpay::Client {
    let target = Target::Custom {
        base_url: mock.base_url(),
        environment: xpay::Environment::Production,
    };
    let credentials = || xpay::Credentials {
        push_token: Secret::new(""),
        encoding_aes_key: Secret::new(""),
        appid: String::new(),
        app_key: Secret::new(cred("wechat_xpay", "app_key")),
        session_key: session_key.map(Secret::new),
        access_token: Secret::new(""),
    };
    let bootstrap = xpay::Client::with_transport(
        xpay::Config::new(target.clone(), credentials()),
        Recording::new(),
    );
    let token = xpay::GetStableTokenRequest {
        grant_type: "client_credential".into(),
        appid: cred("wechat_xpay", "appid").into(),
        secret: Secret::new(cred("wechat_xpay", "app_secret")),
        force_refresh: None,
    };
    let tokens = CachedTokens::new(xpay::AccessTokenSource::new(bootstrap, token));
    let mut config = xpay::Config::new(target, credentials()).with_tokens(Arc::new(tokens));
    config.retry = retry;
    config.timeout = Duration::from_secs(5);
    xpay::Client::with_transport(config, transport)
}

/// A mini-game 2.0 client of the mock, and the transport that records its exchanges.
pub fn mg2_client(
    mock: &RunningMock,
    session_key: &str,
    app_key: &str,
) -> (mg2::Client, Recording) {
    let target = Target::Custom {
        base_url: mock.base_url(),
        environment: mg2::Environment::Production,
    };
    let credentials = || mg2::Credentials {
        push_token: Secret::new(""),
        encoding_aes_key: Secret::new(""),
        appid: String::new(),
        app_key: Secret::new(app_key),
        sandbox_app_key: Secret::new(""),
        session_key: Secret::new(session_key),
        access_token: Secret::new(""),
    };
    let bootstrap = mg2::Client::with_transport(
        mg2::Config::new(target.clone(), credentials()),
        Recording::new(),
    );
    let token = mg2::GetStableTokenRequest {
        grant_type: "client_credential".into(),
        appid: cred("wechat_minigame_v2", "appid").into(),
        secret: Secret::new(cred("wechat_minigame_v2", "app_secret")),
        force_refresh: None,
    };
    let tokens = CachedTokens::new(mg2::AccessTokenSource::new(bootstrap, token));
    let mut config = mg2::Config::new(target, credentials()).with_tokens(Arc::new(tokens));
    config.retry = RetryPolicy::NEVER;
    config.timeout = Duration::from_secs(5);
    let transport = Recording::new();
    (
        mg2::Client::with_transport(config, transport.clone()),
        transport,
    )
}

/// What the game's delivery functions saw.
#[derive(Default)]
pub struct Game {
    /// Runs of the item delivery (failures included).
    pub goods_calls: AtomicUsize,
    /// (OutTradeNo, ProductId, Quantity) delivered, in order.
    pub goods: Mutex<Vec<(String, String, i64)>>,
    /// (OutTradeNo, Quantity) credited, in order.
    pub coins: Mutex<Vec<(String, i64)>>,
    /// Orders of the mini-game currency deliveries (read inside `MiniGame.Payload`), in order.
    pub payloads: Mutex<Vec<String>>,
}

/// The game server of the push tests and what its handlers saw.
pub struct GameServer {
    pub served: Served,
    pub game: Arc<Game>,
}

/// The push credentials of the mock's xpay game.
pub fn xpay_credentials() -> xpay::Credentials {
    xpay::Credentials {
        app_key: Secret::new(""),
        session_key: None,
        access_token: Secret::new(""),
        push_token: Secret::new(cred("wechat_xpay", "push_token")),
        encoding_aes_key: Secret::new(cred("wechat_xpay", "encoding_aes_key")),
        appid: cred("wechat_xpay", "appid").to_owned(),
    }
}

/// The push credentials of the mock's mini-game 2.0 game.
pub fn mg2_credentials() -> mg2::Credentials {
    mg2::Credentials {
        session_key: Secret::new(""),
        access_token: Secret::new(""),
        app_key: Secret::new(cred("wechat_minigame_v2", "app_key")),
        sandbox_app_key: Secret::new(cred("wechat_minigame_v2", "sandbox_app_key")),
        push_token: Secret::new(cred("wechat_minigame_v2", "push_token")),
        encoding_aes_key: Secret::new(cred("wechat_minigame_v2", "encoding_aes_key")),
        appid: cred("wechat_minigame_v2", "appid").to_owned(),
    }
}

/// A callback configuration with in-memory deduplication.
pub fn config<C>(credentials: C) -> CallbackConfig<C> {
    CallbackConfig {
        credentials,
        dedup: Arc::new(MemoryDedup::default()),
        window: ReplayWindow::default(),
    }
}

/// A game server whose item delivery fails its first `goods_failures` runs. One push URL per
/// endpoint; the GET handshake shares the item push's URL, as WeChat checks that URL.
pub async fn game_server(goods_failures: usize) -> GameServer {
    let game = Arc::new(Game::default());
    let g = game.clone();
    let goods = callback::<xpay::GoodsDeliverNotifyNotification, _, _>(
        config(xpay_credentials()),
        move |n: xpay::GoodsDeliverNotifyNotification| {
            let g = g.clone();
            async move {
                if g.goods_calls.fetch_add(1, Ordering::SeqCst) < goods_failures {
                    return Err("warehouse unavailable".to_owned());
                }
                let item = (
                    n.out_trade_no,
                    n.goods_info_product_id,
                    n.goods_info_quantity,
                );
                record(&g.goods, item);
                Ok(())
            }
        },
    );
    let handshake = callback::<xpay::PushUrlVerifyNotification, _, _>(
        config(xpay_credentials()),
        |_: xpay::PushUrlVerifyNotification| async { Ok::<(), String>(()) },
    );
    let g = game.clone();
    let coins = callback::<xpay::CoinPayNotifyNotification, _, _>(
        config(xpay_credentials()),
        move |n: xpay::CoinPayNotifyNotification| {
            let g = g.clone();
            async move {
                record(&g.coins, (n.out_trade_no, n.coin_info_quantity));
                Ok(())
            }
        },
    );
    let g = game.clone();
    let mini_game = callback::<mg2::CoinDeliverCompletedNotification, _, _>(
        config(mg2_credentials()),
        move |n: mg2::CoinDeliverCompletedNotification| {
            let g = g.clone();
            async move {
                record(&g.payloads, n.mini_game_payload_out_trade_no);
                Ok(())
            }
        },
    );
    let mini_game_handshake = callback::<mg2::PushUrlVerifyNotification, _, _>(
        config(mg2_credentials()),
        |_: mg2::PushUrlVerifyNotification| async { Ok::<(), String>(()) },
    );
    // WeChat pushes every event to the one URL of the console: both handlers behind it.
    let every_event = one_of(goods.clone(), coins.clone());
    let router = Router::new()
        .route("/xpay/push", get(handshake).post(goods))
        .route("/xpay/coins", axum::routing::post(coins))
        .route("/xpay/all", axum::routing::post(every_event))
        .route("/mg2/push", get(mini_game_handshake).post(mini_game));
    GameServer {
        served: serve(router).await,
        game,
    }
}
