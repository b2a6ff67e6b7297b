//! Without a network: retry decisions, backoff bounds, token caching rules, and that no
//! `Debug` of the client side ever shows a secret.

#![cfg(all(feature = "reqwest", feature = "wechat_midas", feature = "qqgame"))]

mod client_support;

use std::sync::Arc;
use std::sync::atomic::AtomicUsize;
use std::time::Duration;

use client_support::midas::{self as fixture, APP_KEY, SESSION_KEY, STATIC_TOKEN, Sequence};
use gamechannel::client::{
    CachedTokens, HttpRequest, HttpResponse, ReqwestTransport, RetryPolicy, TokenProvider,
    TransportError,
};
use gamechannel::{Error, InvalidRequest, Secret, qqgame, wechat_midas as midas};

fn api(code: i64) -> Error<midas::ErrorCode> {
    Error::Api {
        code: midas::ErrorCode::from_code(code),
        message: String::new(),
    }
}

#[test]
fn only_transient_failures_of_retry_safe_calls_are_retried() {
    let transient = [
        api(-1),
        Error::Transport("timeout: no answer".into()),
        Error::http(500, b""),
        Error::http(503, b""),
        Error::decode("bad json", b"{"),
    ];
    let permanent = [
        api(90011),
        api(90013),
        api(42001),
        api(123_456),
        Error::http(404, b""),
        Error::Invalid(InvalidRequest::new()),
    ];
    for error in &transient {
        assert!(RetryPolicy::is_retryable(true, error), "{error:?}");
        assert!(!RetryPolicy::is_retryable(false, error), "{error:?}");
    }
    for error in &permanent {
        assert!(!RetryPolicy::is_retryable(true, error), "{error:?}");
    }
}

#[test]
fn token_errors_come_from_the_spec() {
    for code in [40001, 40014, 42001] {
        assert!(midas::ErrorCode::from_code(code).is_token_error(), "{code}");
        assert!(RetryPolicy::is_token_rejection(&api(code)), "{code}");
    }
    for code in [-1, 90011, 40125, 7] {
        assert!(
            !midas::ErrorCode::from_code(code).is_token_error(),
            "{code}"
        );
    }
    assert!(!qqgame::ErrorCode::from_code(2_000_030).is_token_error());
    const { assert!(midas::PresentRequest::RETRY_SAFE && midas::GetBalanceRequest::RETRY_SAFE) };
    const { assert!(!qqgame::ReportDawankaPayRequest::RETRY_SAFE) };
}

#[test]
fn backoff_doubles_up_to_its_cap_and_jitters_within_it() {
    let policy = RetryPolicy::default();
    assert_eq!(policy.max_attempts, 3);
    let caps: Vec<_> = (1..=7).map(|n| policy.backoff_cap(n).as_millis()).collect();
    assert_eq!(caps, [100, 200, 400, 800, 1600, 2000, 2000]);
    let mut x = 0x1234_5678_9abc_def0_u64;
    for retry in 1..=40 {
        for _ in 0..100 {
            x ^= x << 13;
            x ^= x >> 7;
            x ^= x << 17;
            assert!(policy.backoff(retry, x) <= policy.backoff_cap(retry));
        }
    }
    // Full jitter spans the whole range, zero included.
    assert_eq!(policy.backoff(1, 0), Duration::ZERO);
    assert_eq!(policy.backoff(1, 100_000_000), policy.backoff_cap(1));
    // No overflow at absurd settings.
    let huge = RetryPolicy {
        max_attempts: u32::MAX,
        initial_backoff: Duration::MAX,
        max_backoff: Duration::MAX,
    };
    assert!(huge.backoff(u32::MAX, u64::MAX) <= Duration::MAX);
    assert_eq!(RetryPolicy::NEVER.backoff(3, 99), Duration::ZERO);
}

#[tokio::test]
async fn cached_tokens_refresh_ahead_of_expiry_and_only_on_a_current_rejection() {
    // 100 ms lifetime, refreshed 50 ms (capped at half the lifetime) before expiry.
    let source = Arc::new(Sequence::new(
        &["t1", "t2", "t3"],
        Some(Duration::from_millis(100)),
    ));
    let tokens = CachedTokens::new(source.clone()).with_margin(Duration::from_secs(60));
    assert_eq!(tokens.token().await.expect("t1"), Secret::new("t1"));
    assert_eq!(tokens.token().await.expect("cached"), Secret::new("t1"));
    assert_eq!(source.fetches(), 1);
    tokio::time::sleep(Duration::from_millis(60)).await;
    assert_eq!(
        tokens.token().await.expect("t2"),
        Secret::new("t2"),
        "due early"
    );
    // A rejection of a token that was already replaced fetches nothing.
    assert_eq!(
        tokens.refresh(&Secret::new("t1")).await.expect("t2"),
        Secret::new("t2")
    );
    assert_eq!(source.fetches(), 2);
    assert_eq!(
        tokens.refresh(&Secret::new("t2")).await.expect("t3"),
        Secret::new("t3")
    );
    assert_eq!(source.fetches(), 3);
}

/// Issues one token for `lifetime`, then fails every fetch (a daily limit, an outage).
struct OnceThenDown(AtomicUsize, Duration);

impl gamechannel::client::TokenSource for OnceThenDown {
    fn fetch(
        &self,
    ) -> gamechannel::client::BoxFuture<
        '_,
        Result<(Secret, Option<Duration>), gamechannel::client::TokenError>,
    > {
        Box::pin(async move {
            match self.0.fetch_add(1, std::sync::atomic::Ordering::SeqCst) {
                0 => Ok((Secret::new("only"), Some(self.1))),
                _ => Err(gamechannel::client::TokenError::new("issuer down")),
            }
        })
    }
}

#[tokio::test]
async fn a_failed_early_refresh_keeps_using_the_token_until_it_expires() {
    let tokens = CachedTokens::new(OnceThenDown(
        AtomicUsize::new(0),
        Duration::from_millis(200),
    ))
    .with_margin(Duration::from_millis(150));
    assert_eq!(tokens.token().await.expect("issued"), Secret::new("only"));
    // Refresh is due after 100 ms (the margin is capped at half the lifetime).
    tokio::time::sleep(Duration::from_millis(120)).await;
    // Due for refresh, the refresh fails, the token is still accepted: keep using it.
    assert_eq!(tokens.token().await.expect("fallback"), Secret::new("only"));
    tokio::time::sleep(Duration::from_millis(100)).await;
    // Expired now: the failure shows.
    assert!(tokens.token().await.is_err());
}

#[tokio::test]
async fn no_debug_output_shows_a_secret() {
    let source = Arc::new(Sequence::new(&[fixture::TOKEN_A], None));
    let tokens = Arc::new(CachedTokens::new(source));
    tokens.token().await.expect("cached now");
    let mut credentials = fixture::credentials();
    credentials.session_key = Some(Secret::new(SESSION_KEY));
    let config = midas::Config::new(midas::Environment::Production, credentials.clone())
        .with_tokens(tokens.clone());
    let client =
        midas::Client::with_transport(config.clone(), ReqwestTransport::new().expect("TLS"));
    let player = client.for_user(midas::UserCredentials {
        session_key: Some(Secret::new(SESSION_KEY)),
    });
    let source = midas::AccessTokenSource::new(
        client.clone(),
        midas::GetStableTokenRequest {
            grant_type: "client_credential".into(),
            appid: "wx-test".into(),
            secret: Secret::new("appsecret-SECRET-4b4b"),
            force_refresh: None,
        },
    );
    let request = HttpRequest {
        method: "POST",
        url: format!("https://api.weixin.qq.com/cgi-bin/midas/present?access_token={STATIC_TOKEN}"),
        body: Some(format!(r#"{{"secret":"{APP_KEY}"}}"#)),
        content_type: Some("application/json"),
        timeout: Duration::from_secs(1),
    };
    let response = HttpResponse {
        status: 200,
        body: br#"{"access_token":"tokenA-SECRET-1111"}"#.to_vec(),
    };
    let debug = format!(
        "{config:?} {config:#?} {credentials:?} {client:?} {client:#?} {player:?} {tokens:?} \
         {source:?} {request:?} {response:?} {:?}",
        TransportError::timeout(Duration::from_secs(1))
    );
    for secret in [
        APP_KEY,
        SESSION_KEY,
        STATIC_TOKEN,
        fixture::TOKEN_A,
        "appsecret-SECRET",
    ] {
        assert!(!debug.contains(secret), "{secret} in {debug}");
    }
    assert!(!debug.contains("SECRET"), "{debug}");
    assert!(
        debug.contains("/cgi-bin/midas/present"),
        "the path is fine to show"
    );
    assert_eq!(
        request.url_without_query(),
        "https://api.weixin.qq.com/cgi-bin/midas/present"
    );
}
