//! Access tokens over real loopback HTTP: a rejected token is refreshed once and every
//! signature recomputed; concurrent calls share one refresh; the generated source works.

#![cfg(all(feature = "reqwest", feature = "wechat_midas"))]

mod client_support;

use std::sync::Arc;
use std::time::Duration;

use client_support::midas::{self as fixture, APP_KEY, SESSION_KEY, Sequence, TOKEN_A, TOKEN_B};
use client_support::{Received, Reply, midas_mp_sig, midas_sig, serve};
use gamechannel::client::{CachedTokens, ReqwestTransport, RetryPolicy, TokenProvider};
use gamechannel::{Error, Secret, wechat_midas as midas};
use serde_json::json;

/// Rejects token A as expired, accepts anything else.
fn rejects_a(request: &Received, _: usize) -> Reply {
    if request.query_param("access_token").as_deref() == Some(TOKEN_A) {
        Reply::json(json!({"errcode": 42001, "errmsg": "access_token expired"}))
    } else {
        Reply::json(json!({"errcode": 0, "errmsg": "ok", "balance": 42}))
    }
}

fn client_with(base_url: &str, tokens: Arc<dyn TokenProvider>) -> midas::Client {
    midas::Client::with_transport(
        fixture::config(base_url).with_tokens(tokens),
        ReqwestTransport::new().expect("TLS backend"),
    )
}

fn player() -> midas::UserCredentials {
    midas::UserCredentials {
        session_key: Some(Secret::new(SESSION_KEY)),
    }
}

#[tokio::test]
async fn an_expired_token_is_refreshed_once_and_every_signature_recomputed() {
    let platform = serve(rejects_a).await;
    let source = Arc::new(Sequence::new(&[TOKEN_A, TOKEN_B], None));
    let tokens = Arc::new(CachedTokens::new(source.clone()));
    let client = client_with(&platform.base_url, tokens).for_user(player());

    let balance = client
        .get_balance(&fixture::get_balance())
        .await
        .expect("B works");
    assert_eq!(balance.balance, Some(42));
    assert_eq!(
        source.fetches(),
        2,
        "the first token, then exactly one refresh"
    );

    let received = platform.received();
    assert_eq!(received.len(), 2);
    let tokens: Vec<_> = received
        .iter()
        .map(|r| r.query_param("access_token"))
        .collect();
    assert_eq!(tokens, [Some(TOKEN_A.to_owned()), Some(TOKEN_B.to_owned())]);
    for request in &received {
        let body = request.json();
        assert_eq!(body["sig"], midas_sig(request, APP_KEY));
        assert_eq!(
            body["mp_sig"],
            midas_mp_sig(request, SESSION_KEY),
            "covers the token sent"
        );
    }
    assert_ne!(received[0].json()["mp_sig"], received[1].json()["mp_sig"]);
}

#[tokio::test]
async fn a_token_is_refreshed_even_when_the_policy_allows_no_retry() {
    let platform = serve(rejects_a).await;
    let source = Arc::new(Sequence::new(&[TOKEN_A, TOKEN_B], None));
    let mut config = fixture::config(&platform.base_url)
        .with_tokens(Arc::new(CachedTokens::new(source.clone())));
    config.retry = RetryPolicy::NEVER;
    let client = midas::Client::with_transport(config, ReqwestTransport::new().expect("TLS"));
    client
        .present(&fixture::present("bill-t1"))
        .await
        .expect("refreshed once");
    assert_eq!(platform.received().len(), 2);
}

#[tokio::test]
async fn a_token_rejected_twice_is_not_refreshed_again() {
    let platform = serve(|_, _| Reply::json(json!({"errcode": 40001, "errmsg": "invalid"}))).await;
    let source = Arc::new(Sequence::new(&[TOKEN_A, TOKEN_B, "tokenC"], None));
    let client = client_with(
        &platform.base_url,
        Arc::new(CachedTokens::new(source.clone())),
    );
    let error = client
        .present(&fixture::present("bill-t2"))
        .await
        .expect_err("invalid");
    assert!(
        matches!(
            error,
            Error::Api {
                code: midas::ErrorCode::InvalidCredential,
                ..
            }
        ),
        "{error:?}"
    );
    assert_eq!(source.fetches(), 2, "one refresh per call");
    assert_eq!(platform.received().len(), 2);
}

#[tokio::test]
async fn twenty_concurrent_calls_rejecting_a_token_share_one_refresh() {
    let platform = serve(rejects_a).await;
    let source = Arc::new(Sequence::new(&[TOKEN_A, TOKEN_B], None));
    let client = client_with(
        &platform.base_url,
        Arc::new(CachedTokens::new(source.clone())),
    );
    let calls = (0..20).map(|i| {
        let client = client.clone();
        tokio::spawn(async move {
            client
                .present(&fixture::present(&format!("bill-c{i}")))
                .await
        })
    });
    for call in calls {
        call.await.expect("no panic").expect("B works");
    }
    assert_eq!(
        source.fetches(),
        2,
        "the first token, then exactly one refresh"
    );
    let received = platform.received();
    let with_b = received
        .iter()
        .filter(|r| r.query_param("access_token").as_deref() == Some(TOKEN_B))
        .count();
    assert_eq!(with_b, 20, "every call ends with B");
    assert!(received.len() <= 40, "at most one attempt with A per call");
}

#[tokio::test]
async fn twenty_concurrent_calls_after_expiry_share_one_fetch() {
    let platform = serve(rejects_a).await;
    // A lives 100 ms and is due 10 ms before that; B until rejected.
    let source = Arc::new(Sequence::new(
        &[TOKEN_A, TOKEN_B],
        Some(Duration::from_millis(100)),
    ));
    let tokens = Arc::new(CachedTokens::new(source.clone()));
    assert_eq!(tokens.token().await.expect("A"), Secret::new(TOKEN_A));
    tokio::time::sleep(Duration::from_millis(120)).await;

    let client = client_with(&platform.base_url, tokens.clone());
    let calls = (0..20).map(|_| {
        let client = client.clone();
        tokio::spawn(async move { client.get_balance(&fixture::get_balance()).await })
    });
    for call in calls {
        call.await.expect("no panic").expect("B works");
    }
    assert_eq!(
        source.fetches(),
        2,
        "A, then B fetched ahead of A's expiry, once"
    );
    assert_eq!(
        platform.received().len(),
        20,
        "no call even tried the stale A"
    );
}

#[tokio::test]
async fn the_generated_source_fetches_the_stable_token_and_caches_it() {
    let platform = serve(|request, _| match request.path.as_str() {
        "/cgi-bin/stable_token" => {
            Reply::json(json!({"access_token": "stable-SECRET-9e9e", "expires_in": 7200}))
        }
        _ => Reply::json(json!({"errcode": 0, "balance": 1})),
    })
    .await;
    let bootstrap = midas::Client::with_transport(
        fixture::config(&platform.base_url),
        ReqwestTransport::new().expect("TLS"),
    );
    let source = midas::AccessTokenSource::new(
        bootstrap.clone(),
        midas::GetStableTokenRequest {
            grant_type: "client_credential".into(),
            appid: "wx-test".into(),
            secret: Secret::new("appsecret-SECRET-4b4b"),
            force_refresh: None,
        },
    );
    let client = client_with(&platform.base_url, Arc::new(CachedTokens::new(source)));
    for _ in 0..3 {
        client
            .get_balance(&fixture::get_balance())
            .await
            .expect("balance");
    }
    let received = platform.received();
    let paths: Vec<_> = received.iter().map(|r| r.path.as_str()).collect();
    assert_eq!(paths[0], "/cgi-bin/stable_token", "{paths:?}");
    assert_eq!(
        paths.iter().filter(|p| p.contains("stable_token")).count(),
        1
    );
    assert_eq!(received[0].json()["secret"], "appsecret-SECRET-4b4b");
    assert!(received[0].query.is_empty(), "the issuer is sent no token");
    for request in &received[1..] {
        assert_eq!(
            request.query_param("access_token").as_deref(),
            Some("stable-SECRET-9e9e")
        );
    }
}

#[tokio::test]
async fn a_failing_token_source_fails_the_call_without_secrets() {
    let platform =
        serve(|_, _| Reply::json(json!({"errcode": 40125, "errmsg": "invalid appsecret"}))).await;
    let bootstrap = midas::Client::with_transport(
        fixture::config(&platform.base_url),
        ReqwestTransport::new().expect("TLS"),
    );
    let request = midas::GetStableTokenRequest {
        grant_type: "client_credential".into(),
        appid: "wx-test".into(),
        secret: Secret::new("appsecret-SECRET-4b4b"),
        force_refresh: None,
    };
    let source = midas::AccessTokenSource::new(bootstrap, request);
    let client = client_with(&platform.base_url, Arc::new(CachedTokens::new(source)));
    let error = client
        .get_balance(&fixture::get_balance())
        .await
        .expect_err("no token");
    let text = format!("{error} {error:?}");
    // The token endpoint's own code, typed: a wrong AppSecret is not a network error.
    assert!(
        matches!(
            error,
            gamechannel::Error::Api {
                code: midas::ErrorCode::InvalidAppsecret,
                ..
            }
        ),
        "{text}"
    );
    assert!(!text.contains("SECRET"), "{text}");
    assert_eq!(
        platform.received().len(),
        1,
        "the call itself was never sent"
    );
}
