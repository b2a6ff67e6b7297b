//! End to end: the QQ game hall and llewan `call` endpoints through the generated clients,
//! against the mock platform over real loopback HTTP — success paths and the error paths the
//! mock implements, checked as typed error codes.

mod e2e_support;

use e2e_support::*;
use gamechannel::client::Target;
use gamechannel::{Error, Secret, llewan, qqgame};
use gamechannel_cli::mock::Faults;

fn api_code<T: std::fmt::Debug, C: std::fmt::Debug + Copy>(result: Result<T, Error<C>>) -> C {
    match result {
        Err(Error::Api { code, .. }) => code,
        other => panic!("expected a platform error, got {other:?}"),
    }
}

fn qq_client(
    mock: &gamechannel_cli::mock::RunningMock,
    app_key: &str,
    transport: &Recording,
) -> qqgame::Client {
    let target = Target::Custom {
        base_url: mock.base_url(),
        environment: qqgame::Environment::Sandbox,
    };
    let credentials = qqgame::Credentials {
        app_key: Secret::new(app_key),
        deliver_path: None,
    };
    let mut config = qqgame::Config::new(target, credentials);
    config.retry = quick_retry(3);
    qqgame::Client::with_transport(config, transport.clone())
}

fn dawanka(openid: &str) -> qqgame::GetDawankaInfoRequest {
    qqgame::GetDawankaInfoRequest {
        appid: "1110000001".into(),
        openid: openid.into(),
        openkey: "FEDCBA9876543210FEDCBA9876543210".into(),
        pf: "qqgame".into(),
        format: None,
        userip: None,
        version: Some(2),
    }
}

fn dawanka_pay(openid: &str) -> qqgame::ReportDawankaPayRequest {
    let info = dawanka(openid);
    qqgame::ReportDawankaPayRequest {
        appid: info.appid,
        openid: info.openid,
        openkey: info.openkey,
        pf: info.pf,
        format: None,
        userip: None,
    }
}

#[tokio::test]
async fn qq_dawanka_info_and_pay_reports() {
    let mock = mock_with(|_| {}).await;
    let transport = Recording::new();
    let client = qq_client(&mock, cred("qqgame", "app_key"), &transport);
    let openid = "0123456789ABCDEF0123456789ABCDEF";

    let info = bounded("info", client.get_dawanka_info(&dawanka(openid)))
        .await
        .expect("dawanka info");
    assert_eq!(info.level, Some(1));
    assert_eq!(info.score, Some(1200));
    assert_eq!(info.discount, Some(20));
    assert_eq!(info.pay_return_count, Some(3));

    for n in 1..=3 {
        let used = bounded("report", client.report_dawanka_pay(&dawanka_pay(openid)))
            .await
            .expect("a bonus is left");
        assert_eq!((used.r#use, used.left), (Some(n), Some(3 - n)));
    }
    let info = bounded("info again", client.get_dawanka_info(&dawanka(openid)))
        .await
        .expect("dawanka info");
    assert_eq!(info.pay_return_count, Some(0));

    // No bonus left: refused, and a report is never retried (it has no idempotency key).
    transport.clear();
    let code =
        api_code(bounded("none left", client.report_dawanka_pay(&dawanka_pay(openid))).await);
    assert!(
        matches!(code, qqgame::ErrorCode::InvalidOpenid),
        "no bonus left: {code:?}"
    );
    mock.set_faults(Faults {
        busy_next: 1,
        ..Faults::default()
    });
    let code = api_code(
        bounded(
            "busy report",
            client.report_dawanka_pay(&dawanka_pay("FFFF456789ABCDEF0123456789ABCDEF")),
        )
        .await,
    );
    assert_eq!(code, qqgame::ErrorCode::BackendError);
    assert_eq!(
        transport.exchanges().len(),
        2,
        "{:?}",
        transport.exchanges()
    );
    // A read is retried through the same busy answer.
    mock.set_faults(Faults {
        busy_next: 1,
        ..Faults::default()
    });
    bounded("busy info", client.get_dawanka_info(&dawanka(openid)))
        .await
        .expect("retried past the busy answer");
    assert_eq!(transport.exchanges().len(), 4);
    mock.shutdown().await;
}

#[tokio::test]
async fn qq_wrong_app_key_is_invalid_sig() {
    let mock = mock_with(|_| {}).await;
    let transport = Recording::new();
    let client = qq_client(&mock, "not-the-qq-key", &transport);
    let openid = "0123456789ABCDEF0123456789ABCDEF";
    let code = api_code(bounded("info", client.get_dawanka_info(&dawanka(openid))).await);
    assert_eq!(code, qqgame::ErrorCode::InvalidSig);
    assert_eq!(code.code(), 2000004);
    let code = api_code(bounded("report", client.report_dawanka_pay(&dawanka_pay(openid))).await);
    assert_eq!(code, qqgame::ErrorCode::InvalidSig);
    assert_eq!(transport.exchanges().len(), 2, "a bad sig is not retried");

    // Nothing was used up: the right key still sees all three bonuses.
    let good = qq_client(&mock, cred("qqgame", "app_key"), &transport);
    let info = bounded("info", good.get_dawanka_info(&dawanka(openid)))
        .await
        .expect("info");
    assert_eq!(info.pay_return_count, Some(3));
    mock.shutdown().await;
}

fn llewan_client(
    mock: &gamechannel_cli::mock::RunningMock,
    secret: &str,
    transport: &Recording,
) -> llewan::Client {
    let target = Target::Custom {
        base_url: mock.base_url(),
        environment: llewan::Environment::Production,
    };
    let credentials = llewan::Credentials {
        secret: Secret::new(secret),
    };
    let mut config = llewan::Config::new(target, credentials);
    config.retry = quick_retry(3);
    llewan::Client::with_transport(config, transport.clone())
}

fn open_id_request(uid: &str) -> llewan::GetUserOpenIdRequest {
    llewan::GetUserOpenIdRequest {
        game: "demo-weixin".into(),
        uid: uid.into(),
        timestamp: now(),
    }
}

#[tokio::test]
async fn llewan_open_id_is_stable_and_wrong_secret_fails() {
    let mock = mock_with(|_| {}).await;
    let transport = Recording::new();
    let client = llewan_client(&mock, cred("llewan", "secret"), &transport);
    let openid = |r: llewan::GetUserOpenIdResponse| {
        r.d.and_then(|d| d.openid).expect("the answer has d.openid")
    };
    let a = openid(
        bounded(
            "openid",
            client.get_user_open_id(&open_id_request("12_11_1")),
        )
        .await
        .expect("openid"),
    );
    let b = openid(
        bounded(
            "openid",
            client.get_user_open_id(&open_id_request("12_11_1")),
        )
        .await
        .expect("openid again"),
    );
    let other = openid(
        bounded(
            "openid",
            client.get_user_open_id(&open_id_request("12_11_2")),
        )
        .await
        .expect("other uid"),
    );
    assert!(a.starts_with("ll_") && a.len() == 35, "{a}");
    assert_eq!(a, b, "stable across calls");
    assert_ne!(a, other, "distinct per uid");
    assert_eq!(
        a,
        gamechannel_cli::mock::state::llewan::openid("demo-weixin", "12_11_1")
    );

    let bad = llewan_client(&mock, "not-the-llewan-secret", &transport);
    let code = api_code(
        bounded(
            "bad secret",
            bad.get_user_open_id(&open_id_request("12_11_1")),
        )
        .await,
    );
    assert_eq!(code, llewan::ErrorCode::Failed);
    assert_eq!(code.code(), -1);
    mock.shutdown().await;
}
