//! End to end: WeChat Midas error paths through the generated clients, against the mock
//! platform over real loopback HTTP — refused orders, bogus tokens, retry budgets, and
//! requests that never leave the client.

mod e2e_support;

use e2e_support::*;
use gamechannel::client::Target;
use gamechannel::wechat_midas::{self as midas, Environment};
use gamechannel::{Error, Secret};
use gamechannel_cli::mock::Faults;

const PRESENT: &str = "/present";
const TOKEN_PATH: &str = "/cgi-bin/stable_token";

#[tokio::test]
async fn midas_order_errors_change_nothing() {
    let mock = mock_with(|_| {}).await;
    let transport = Recording::new();
    let setup = midas_client(
        &mock,
        Environment::Sandbox,
        cred("wechat_midas", "app_key"),
        quick_retry(3),
        &transport,
    );
    let client = &setup.client;
    let player = player("e2e-orders");
    bounded("present", client.present(&player.present("e2e-dup-1", 30)))
        .await
        .expect("present");

    // Same bill_no, other content: the order exists.
    let code = api_code(
        bounded(
            "duplicate",
            client.present(&player.present("e2e-dup-1", 31)),
        )
        .await,
    );
    assert_eq!(code, midas::ErrorCode::OrderExists);
    assert_eq!(code.code(), 90012);
    // A pay may not reuse a present's bill_no either (one order-number space).
    let code = api_code(bounded("dup pay", client.pay(&player.pay("e2e-dup-1", 1))).await);
    assert_eq!(code, midas::ErrorCode::OrderExists);

    // Paying more than the balance.
    let code = api_code(bounded("too much", client.pay(&player.pay("e2e-too-much-1", 31))).await);
    assert_eq!(code, midas::ErrorCode::BalanceTooLow);
    assert_eq!(code.code(), 90013);

    // Cancelling a pay that never happened.
    let code = api_code(
        bounded(
            "cancel unknown",
            client.cancel_pay(&player.cancel("e2e-never-paid")),
        )
        .await,
    );
    assert_eq!(code, midas::ErrorCode::BadParameter);
    assert_eq!(code.code(), 90018);

    let ledger = mock.ledger();
    assert_eq!(ledger.orders.len(), 1, "{:?}", ledger.orders);
    let order = &ledger.orders[0];
    assert_eq!(
        (
            order.bill_no.as_str(),
            order.amount,
            order.applied,
            order.requests
        ),
        ("e2e-dup-1", 30, 1, 1)
    );
    assert_eq!(player.ledger_balance(&mock), 30);
    let balance = bounded("balance", client.get_balance(&player.balance()))
        .await
        .expect("balance");
    assert_eq!(balance.balance, Some(30));
    mock.shutdown().await;
}

#[tokio::test]
async fn midas_static_bogus_token_is_invalid_credential() {
    let mock = mock_with(|_| {}).await;
    let transport = Recording::new();
    let target = Target::Custom {
        base_url: mock.base_url(),
        environment: Environment::Production,
    };
    let credentials = midas::Credentials {
        access_token: Secret::new("bogus-token-never-issued"),
        ..midas_credentials(cred("wechat_midas", "app_key"))
    };
    let mut config = midas::Config::new(target, credentials);
    config.retry = quick_retry(3);
    let client = midas::Client::with_transport(config, transport.clone());
    let player = player("e2e-bogus-token");
    let code = api_code(bounded("bogus", client.get_balance(&player.balance())).await);
    assert_eq!(code, midas::ErrorCode::InvalidCredential);
    assert_eq!(code.code(), 40001);
    assert!(code.is_token_error());
    let code = api_code(
        bounded(
            "bogus present",
            client.present(&player.present("e2e-bogus-1", 5)),
        )
        .await,
    );
    assert_eq!(code, midas::ErrorCode::InvalidCredential);
    // No token provider: nothing to refresh, nothing retried, no token fetched.
    assert_eq!(
        transport.exchanges().len(),
        2,
        "{:?}",
        transport.exchanges()
    );
    assert!(transport.to(TOKEN_PATH).is_empty());
    assert!(mock.ledger().orders.is_empty());
    mock.shutdown().await;
}

#[tokio::test]
async fn midas_busy_until_the_retry_budget_runs_out() {
    let mock = mock_with(|_| {}).await;
    let transport = Recording::new();
    let setup = midas_client(
        &mock,
        Environment::Sandbox,
        cred("wechat_midas", "app_key"),
        quick_retry(4),
        &transport,
    );
    let player = player("e2e-busy");
    bounded(
        "present",
        setup.client.present(&player.present("e2e-busy-0", 7)),
    )
    .await
    .expect("present before the outage");
    let before = mock.ledger();

    mock.set_faults(Faults {
        busy_rate: 1.0,
        seed: Some(11),
        ..Faults::default()
    });
    transport.clear();
    let code = api_code(
        bounded(
            "busy present",
            setup.client.present(&player.present("e2e-busy-1", 5)),
        )
        .await,
    );
    assert_eq!(code, midas::ErrorCode::SystemBusy);
    assert_eq!(code.code(), -1);
    assert!(code.is_retryable());
    let sent = transport.to(PRESENT);
    assert_eq!(sent.len(), 4, "the whole retry budget was used: {sent:?}");
    assert!(sent.iter().all(|e| e.seen
        == Seen::Answer {
            status: 200,
            code: Some(-1)
        }));
    // Reads are retried the same way.
    let code = api_code(bounded("busy balance", setup.client.get_balance(&player.balance())).await);
    assert_eq!(code, midas::ErrorCode::SystemBusy);
    assert_eq!(mock.ledger(), before, "a busy answer applies nothing");
    assert_eq!(player.ledger_balance(&mock), 7);

    mock.set_faults(Faults::default());
    let answer = bounded(
        "after the outage",
        setup.client.present(&player.present("e2e-busy-1", 5)),
    )
    .await
    .expect("present once the platform is back");
    assert_eq!(answer.balance, Some(12));
    mock.shutdown().await;
}

#[tokio::test]
async fn midas_constraint_violations_are_never_sent() {
    let (mock, transport, setup) = production_midas().await;
    let player = player("e2e-invalid");
    // Warm the token cache, so that no token fetch is due either.
    bounded("warm", setup.client.get_balance(&player.balance()))
        .await
        .expect("balance");
    let before = mock.ledger();
    transport.clear();

    let long_bill = "b".repeat(64);
    let cases = [
        (player.present("e2e-invalid-1", 0), "present_counts"),
        (player.present(&long_bill, 5), "bill_no"),
        (player.present("bad bill no!", 5), "bill_no"),
    ];
    for (request, field) in &cases {
        match bounded("invalid", setup.client.present(request)).await {
            Err(Error::Invalid(invalid)) => {
                assert!(
                    invalid.violations().iter().any(|v| v.field == *field),
                    "{field}: {invalid:?}"
                );
            }
            other => panic!("{field}: expected Error::Invalid, got {other:?}"),
        }
    }
    match bounded("invalid pay", setup.client.pay(&player.pay(&long_bill, 0))).await {
        Err(Error::Invalid(invalid)) => {
            let fields: Vec<_> = invalid.violations().iter().map(|v| &v.field).collect();
            assert!(fields.contains(&&"bill_no".to_owned()), "{fields:?}");
        }
        other => panic!("expected Error::Invalid, got {other:?}"),
    }
    assert_eq!(transport.exchanges(), Vec::new(), "nothing was sent");
    assert_eq!(mock.ledger(), before, "the mock saw no order");
    mock.shutdown().await;
}

#[tokio::test]
async fn midas_constraint_violation_on_a_cold_client_reaches_no_midas_endpoint() {
    let mock = mock_with(|_| {}).await;
    let transport = Recording::new();
    let setup = midas_client(
        &mock,
        Environment::Sandbox,
        cred("wechat_midas", "app_key"),
        quick_retry(3),
        &transport,
    );
    let player = player("e2e-invalid-cold");
    match bounded(
        "invalid cold",
        setup.client.present(&player.present("e2e-cold-1", 0)),
    )
    .await
    {
        Err(Error::Invalid(invalid)) => {
            assert_eq!(invalid.violations().len(), 1, "{invalid:?}");
            assert_eq!(invalid.violations()[0].field, "present_counts");
        }
        other => panic!("expected Error::Invalid, got {other:?}"),
    }
    let sent = transport.exchanges();
    assert!(
        sent.iter().all(|e| e.path == TOKEN_PATH),
        "only a token fetch may happen: {sent:?}"
    );
    // The engine asks the token provider before it validates the request, so a cold client
    // still fetches a token (one stable_token exchange) for a request it then refuses.
    assert!(sent.len() <= 1, "{sent:?}");
    assert!(mock.ledger().orders.is_empty());
    mock.shutdown().await;
}
