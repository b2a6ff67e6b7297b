//! End to end: every WeChat Midas `call` endpoint through the generated clients, against
//! the mock platform over real loopback HTTP — success paths, and every error path the mock
//! implements, checked as typed error codes.

mod e2e_support;

use e2e_support::*;
use gamechannel::client::{RetryPolicy, Target};
use gamechannel::wechat_midas::{self as midas, Environment};
use gamechannel::{Error, Secret};

const PRESENT: &str = "/present";
const TOKEN_PATH: &str = "/cgi-bin/stable_token";

/// A Midas client without a token provider, for the token endpoint itself.
fn plain_midas(mock: &gamechannel_cli::mock::RunningMock, transport: &Recording) -> midas::Client {
    let target = Target::Custom {
        base_url: mock.base_url(),
        environment: Environment::Production,
    };
    let mut config = midas::Config::new(target, midas_credentials(cred("wechat_midas", "app_key")));
    config.retry = RetryPolicy::NEVER;
    midas::Client::with_transport(config, transport.clone())
}

#[tokio::test]
async fn midas_stable_token_and_its_errors() {
    let mock = mock_with(|_| {}).await;
    let transport = Recording::new();
    let client = plain_midas(&mock, &transport);

    let first = bounded("stable token", client.get_stable_token(&token_request()))
        .await
        .expect("the mock's appid and secret get a token");
    assert!(!first.access_token.expose().is_empty());
    assert!(
        (1..=7200).contains(&first.expires_in),
        "expires_in {}",
        first.expires_in
    );
    let second = bounded("stable token", client.get_stable_token(&token_request()))
        .await
        .expect("token again");
    assert_eq!(
        second.access_token.expose(),
        first.access_token.expose(),
        "a valid stable token is answered again, not replaced"
    );

    let forced = midas::GetStableTokenRequest {
        force_refresh: Some(true),
        ..token_request()
    };
    let third = bounded("forced token", client.get_stable_token(&forced))
        .await
        .expect("forced refresh");
    assert_ne!(third.access_token.expose(), first.access_token.expose());

    let wrong_secret = midas::GetStableTokenRequest {
        secret: Secret::new("not-the-app-secret"),
        ..token_request()
    };
    let code = api_code(bounded("bad secret", client.get_stable_token(&wrong_secret)).await);
    assert_eq!(code, midas::ErrorCode::InvalidAppsecret);
    assert_eq!(code.code(), 40125);

    let wrong_appid = midas::GetStableTokenRequest {
        appid: "wx0000000000000bad".into(),
        ..token_request()
    };
    let code = api_code(bounded("bad appid", client.get_stable_token(&wrong_appid)).await);
    assert_eq!(code, midas::ErrorCode::InvalidAppid);
    assert_eq!(code.code(), 40013);

    // A grant type outside the spec's values never leaves the client.
    let before = transport.exchanges().len();
    let wrong_grant = midas::GetStableTokenRequest {
        grant_type: "password".into(),
        ..token_request()
    };
    match bounded("bad grant", client.get_stable_token(&wrong_grant)).await {
        Err(Error::Invalid(invalid)) => {
            assert!(
                invalid.violations().iter().any(|v| v.field == "grant_type"),
                "{invalid:?}"
            );
        }
        other => panic!("expected Error::Invalid, got {other:?}"),
    }
    assert_eq!(transport.exchanges().len(), before, "nothing sent");
    assert_eq!(transport.to(TOKEN_PATH).len(), 5);
    mock.shutdown().await;
}

#[tokio::test]
async fn midas_every_call_in_sandbox_and_production() {
    let mock = mock_with(|_| {}).await;
    for environment in Environment::ALL {
        let transport = Recording::new();
        let setup = midas_client(
            &mock,
            environment,
            cred("wechat_midas", "app_key"),
            quick_retry(3),
            &transport,
        );
        let client = &setup.client;
        let env = environment.name();
        let player = player(&format!("e2e-player-{env}"));

        let balance = bounded("get_balance", client.get_balance(&player.balance()))
            .await
            .expect("balance of a new player");
        assert_eq!(balance.balance, Some(0));
        assert_eq!(
            balance.first_save,
            Some(1),
            "1: qualifies for the first top-up offer"
        );
        assert_eq!(setup.fetches.load(std::sync::atomic::Ordering::SeqCst), 1);
        let path = midas::GetBalanceRequest::path(environment);
        assert_eq!(transport.to(path).len(), 1, "{env}: one get_balance sent");

        let gift = format!("e2e-{env}-gift-1");
        let answer = bounded("present", client.present(&player.present(&gift, 60)))
            .await
            .expect("present");
        assert_eq!(answer.balance, Some(60));
        assert_eq!(answer.bill_no.as_deref(), Some(gift.as_str()));
        // The same order again is answered the same and applied once.
        let again = bounded("present again", client.present(&player.present(&gift, 60)))
            .await
            .expect("present replayed");
        assert_eq!(again.balance, Some(60));

        let pay_bill = format!("e2e-{env}-pay-1");
        let paid = bounded("pay", client.pay(&player.pay(&pay_bill, 10)))
            .await
            .expect("pay");
        assert_eq!(paid.balance, Some(50));
        assert_eq!(
            paid.used_gen_amt,
            Some(10),
            "gifted currency is spent first"
        );
        assert_eq!(paid.bill_no.as_deref(), Some(pay_bill.as_str()));
        assert_eq!(player.ledger_balance(&mock), 50);

        let cancelled = bounded("cancel_pay", client.cancel_pay(&player.cancel(&pay_bill)))
            .await
            .expect("cancel_pay");
        assert_eq!(cancelled.bill_no.as_deref(), Some(pay_bill.as_str()));
        // Cancelling twice refunds once.
        bounded(
            "cancel_pay again",
            client.cancel_pay(&player.cancel(&pay_bill)),
        )
        .await
        .expect("cancel_pay replayed");
        assert_eq!(player.ledger_balance(&mock), 60);

        // With the player's session key, mp_sig is sent and checked.
        let user = midas::UserCredentials {
            session_key: Some(Secret::new(cred("wechat_midas", "session_key"))),
        };
        let balance = bounded(
            "get_balance mp_sig",
            client.for_user(user).get_balance(&player.balance()),
        )
        .await
        .expect("balance with mp_sig");
        assert_eq!(balance.balance, Some(60));
        assert_eq!(balance.gen_balance, Some(60));
        assert_eq!(balance.cost_sum, Some(0));
        assert_eq!(balance.present_sum, Some(60));

        let ledger = mock.ledger();
        let of = |bill: &str, endpoint: &str| {
            ledger
                .orders
                .iter()
                .find(|o| o.bill_no == bill && o.endpoint == endpoint)
                .map(|o| (o.amount, o.applied, o.requests))
        };
        assert_eq!(of(&gift, "present"), Some((60, 1, 2)));
        assert_eq!(of(&pay_bill, "pay"), Some((10, 1, 1)));
        assert_eq!(of(&pay_bill, "cancel_pay"), Some((10, 1, 2)));
        // Sandbox and production use their own paths.
        assert!(
            transport
                .to(midas::PresentRequest::path(environment))
                .iter()
                .all(|e| e.seen
                    == Seen::Answer {
                        status: 200,
                        code: Some(0)
                    })
        );

        // Every token expires: the next call is refused 42001, refreshed once and re-signed.
        mock.expire_tokens();
        let balance = bounded("after expiry", client.get_balance(&player.balance()))
            .await
            .expect("refreshed");
        assert_eq!(balance.balance, Some(60));
        assert_eq!(setup.fetches.load(std::sync::atomic::Ordering::SeqCst), 2);
        let balances = transport.to(path);
        let codes: Vec<_> = balances.iter().map(|e| e.seen.clone()).collect();
        assert_eq!(
            codes[codes.len() - 2..],
            [
                Seen::Answer {
                    status: 200,
                    code: Some(42001)
                },
                Seen::Answer {
                    status: 200,
                    code: Some(0)
                }
            ],
            "{env}"
        );
    }
    mock.shutdown().await;
}

#[tokio::test]
async fn midas_wrong_app_key_is_bad_sig() {
    let mock = mock_with(|_| {}).await;
    let transport = Recording::new();
    let setup = midas_client(
        &mock,
        Environment::Sandbox,
        "not-the-app-key",
        quick_retry(3),
        &transport,
    );
    let player = player("e2e-bad-sig");
    let code = api_code(bounded("bad sig", setup.client.get_balance(&player.balance())).await);
    assert_eq!(code, midas::ErrorCode::BadSig);
    assert_eq!(code.code(), 90011);
    let code = api_code(
        bounded(
            "bad sig present",
            setup.client.present(&player.present("e2e-badsig-1", 5)),
        )
        .await,
    );
    assert_eq!(code, midas::ErrorCode::BadSig);
    assert_eq!(
        transport.to(PRESENT).len(),
        1,
        "a bad signature is not retried"
    );
    assert!(mock.ledger().orders.is_empty());
    assert_eq!(player.ledger_balance(&mock), 0);
    mock.shutdown().await;
}

#[tokio::test]
async fn midas_wrong_session_key_is_bad_mp_sig() {
    let (mock, _transport, setup) = production_midas().await;
    let player = player("e2e-bad-mp-sig");
    let user = midas::UserCredentials {
        session_key: Some(Secret::new("not-the-session-key")),
    };
    let for_user = setup.client.for_user(user);
    let code = api_code(bounded("mp_sig", for_user.get_balance(&player.balance())).await);
    assert_eq!(code, midas::ErrorCode::BadMpSig);
    assert_eq!(code.code(), 90009);
    // `pay` and `cancel_pay` carry mp_sig too; the signature is checked before the balance.
    let code = api_code(bounded("mp_sig pay", for_user.pay(&player.pay("e2e-mpsig-1", 1))).await);
    assert_eq!(code, midas::ErrorCode::BadMpSig);
    let code = api_code(
        bounded(
            "mp_sig cancel",
            for_user.cancel_pay(&player.cancel("e2e-mpsig-1")),
        )
        .await,
    );
    assert_eq!(code, midas::ErrorCode::BadMpSig);
    assert!(mock.ledger().orders.is_empty());
    // The same client without the player's key is fine.
    bounded("no mp_sig", setup.client.get_balance(&player.balance()))
        .await
        .expect("no session key, no mp_sig");
    mock.shutdown().await;
}
