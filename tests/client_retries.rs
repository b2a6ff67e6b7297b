//! Generated clients over real loopback HTTP: what is retried, what is not, and that every
//! attempt carries the same request, freshly and correctly signed.

#![cfg(all(feature = "reqwest", feature = "wechat_midas", feature = "qqgame"))]

mod client_support;

use std::time::Duration;

use client_support::midas::{self as fixture, APP_KEY, STATIC_TOKEN};
use client_support::{Reply, midas_sig, serve};
use gamechannel::client::{ReqwestTransport, RetryPolicy, Target};
use gamechannel::{Error, Secret, qqgame, wechat_midas as midas};
use serde_json::json;

fn midas_client(base_url: &str) -> midas::Client {
    midas::Client::with_transport(
        fixture::config(base_url),
        ReqwestTransport::new().expect("TLS backend"),
    )
}

#[tokio::test]
async fn system_busy_is_retried_with_the_same_bill_no_and_valid_signatures() {
    let platform = serve(|_, index| {
        if index < 2 {
            Reply::json(json!({"errcode": -1, "errmsg": "system busy"}))
        } else {
            Reply::json(
                json!({"errcode": 0, "errmsg": "ok", "balance": 160, "bill_no": "bill-0001"}),
            )
        }
    })
    .await;
    let response = midas_client(&platform.base_url)
        .present(&fixture::present("bill-0001"))
        .await
        .expect("third attempt succeeds");
    assert_eq!(response.balance, Some(160));

    let received = platform.received();
    assert_eq!(received.len(), 3, "two busy answers, then success");
    for request in &received {
        assert_eq!(
            request.path, "/cgi-bin/midas/sandbox/present",
            "sandbox path kept"
        );
        let body = request.json();
        assert_eq!(
            body["bill_no"], "bill-0001",
            "the idempotency key never changes"
        );
        assert_eq!(body["present_counts"], 60);
        assert_eq!(
            body["sig"],
            midas_sig(request, APP_KEY),
            "sig over what was sent"
        );
        assert_eq!(
            request.query_param("access_token").as_deref(),
            Some(STATIC_TOKEN)
        );
    }
}

#[tokio::test]
async fn a_code_not_marked_retry_is_not_retried() {
    let platform =
        serve(|_, _| Reply::json(json!({"errcode": 90011, "errmsg": "sig error"}))).await;
    let error = midas_client(&platform.base_url)
        .present(&fixture::present("bill-0002"))
        .await
        .expect_err("bad sig");
    assert!(
        matches!(
            error,
            Error::Api {
                code: midas::ErrorCode::BadSig,
                ..
            }
        ),
        "{error:?}"
    );
    assert_eq!(platform.received().len(), 1);
}

#[tokio::test]
async fn retries_stop_at_max_attempts_and_5xx_counts_as_transient() {
    let platform = serve(|_, _| Reply::status(503)).await;
    let error = midas_client(&platform.base_url)
        .get_balance(&fixture::get_balance())
        .await
        .expect_err("always 503");
    assert!(
        matches!(error, Error::Http { status: 503, .. }),
        "{error:?}"
    );
    assert_eq!(platform.received().len(), 3, "max_attempts = 3");
}

#[tokio::test]
async fn a_timeout_of_a_retry_safe_call_is_retried() {
    let platform = serve(|_, index| {
        let reply = Reply::json(json!({"errcode": 0, "balance": 7}));
        if index == 0 {
            reply.after(Duration::from_secs(2))
        } else {
            reply
        }
    })
    .await;
    let mut config = fixture::config(&platform.base_url);
    config.timeout = Duration::from_millis(200);
    let client = midas::Client::with_transport(config, ReqwestTransport::new().expect("TLS"));
    let response = client
        .get_balance(&fixture::get_balance())
        .await
        .expect("second attempt answers in time");
    assert_eq!(response.balance, Some(7));
    assert_eq!(platform.received().len(), 2);
}

fn qq_client(base_url: &str) -> qqgame::Client {
    let mut config = qqgame::Config::new(
        Target::Custom {
            base_url: base_url.to_owned(),
            environment: qqgame::Environment::Production,
        },
        qqgame::Credentials {
            app_key: Secret::new("qq-appkey-SECRET"),
            deliver_path: None,
        },
    );
    config.retry = RetryPolicy {
        max_attempts: 3,
        initial_backoff: Duration::from_millis(1),
        max_backoff: Duration::from_millis(5),
    };
    config.timeout = Duration::from_millis(300);
    qqgame::Client::with_transport(config, ReqwestTransport::new().expect("TLS"))
}

fn report() -> qqgame::ReportDawankaPayRequest {
    qqgame::ReportDawankaPayRequest {
        appid: "1110000001".into(),
        openid: "0123456789ABCDEF0123456789ABCDEF".into(),
        openkey: "FEDCBA9876543210FEDCBA9876543210".into(),
        pf: "qqgame".into(),
        format: Some("json".into()),
        userip: None,
    }
}

#[tokio::test]
async fn a_non_retry_safe_endpoint_is_never_retried() {
    // A retryable code...
    let busy = serve(|_, _| Reply::json(json!({"ret": 2000030, "msg": "backend busy"}))).await;
    let error = qq_client(&busy.base_url)
        .report_dawanka_pay(&report())
        .await
        .expect_err("busy");
    let Error::Api { code, .. } = error else {
        panic!("{error:?}")
    };
    assert!(code.is_retryable(), "the code itself is marked retry");
    assert_eq!(
        busy.received().len(),
        1,
        "but the endpoint is not retry-safe"
    );

    // ...and a timeout: the platform may have applied the report.
    let slow = serve(|_, _| Reply::json(json!({"ret": 0})).after(Duration::from_secs(2))).await;
    let error = qq_client(&slow.base_url)
        .report_dawanka_pay(&report())
        .await
        .expect_err("timeout");
    let Error::Transport(message) = &error else {
        panic!("{error:?}")
    };
    assert!(message.contains("timeout"), "{message}");
    assert_eq!(slow.received().len(), 1);
}

#[tokio::test]
async fn a_read_only_qq_endpoint_is_retried_on_the_same_code() {
    let platform = serve(|_, index| {
        if index == 0 {
            Reply::json(json!({"ret": 2000030, "msg": "backend busy"}))
        } else {
            Reply::json(json!({"ret": 0, "msg": "ok"}))
        }
    })
    .await;
    let request = qqgame::GetDawankaInfoRequest {
        appid: "1110000001".into(),
        openid: "0123456789ABCDEF0123456789ABCDEF".into(),
        openkey: "FEDCBA9876543210FEDCBA9876543210".into(),
        pf: "qqgame".into(),
        format: None,
        userip: None,
        version: Some(2),
    };
    qq_client(&platform.base_url)
        .get_dawanka_info(&request)
        .await
        .expect("retried");
    let received = platform.received();
    assert_eq!(received.len(), 2);
    assert_eq!(
        received[0].query, received[1].query,
        "same request, same signature"
    );
}

#[tokio::test]
async fn transport_errors_never_show_the_token_in_the_query() {
    // Nothing listens on port 9 of loopback (discard): connecting is refused.
    let client = midas_client("http://127.0.0.1:9");
    let error = client
        .present(&fixture::present("bill-0003"))
        .await
        .expect_err("refused");
    let text = format!("{error} {error:?}");
    assert!(matches!(error, Error::Transport(_)), "{text}");
    assert!(!text.contains(STATIC_TOKEN), "{text}");
    assert!(!text.contains("access_token"), "{text}");
}

#[tokio::test]
async fn client_futures_are_send() {
    fn assert_send<T: Send>(_: &T) {}
    let client = midas_client("http://127.0.0.1:9");
    let request = fixture::present("bill-0004");
    let call = client.present(&request);
    assert_send(&call);
    drop(call);
}
