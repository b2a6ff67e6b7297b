//! The hardest case for retries, made by the mock itself: the platform applies a `present`
//! but its answer never arrives. The retry with the same `bill_no` must get the original
//! result back, and the ledger must show one credit.

mod e2e_support;

use e2e_support::{bounded, midas_client, mock_with, player, quick_retry};
use gamechannel::client::ReqwestTransport;
use gamechannel::wechat_midas::Environment;
use gamechannel_cli::mock::Faults;

#[tokio::test]
async fn an_applied_present_whose_answer_is_lost_is_credited_once() {
    let mock = mock_with(|_| {}).await;
    let transport = ReqwestTransport::new().expect("TLS backend starts");
    let setup = midas_client(
        &mock,
        Environment::Sandbox,
        e2e_support::cred("wechat_midas", "app_key"),
        quick_retry(1),
        &transport,
    );
    let player = player("lost-answer-player");
    // Fetch the token first, so that the lost answer is the present's.
    bounded("warm-up", setup.client.get_balance(&player.balance()))
        .await
        .expect("balance");

    mock.set_faults(Faults {
        lose_answer_rate: 1.0,
        seed: Some(1),
        ..Faults::default()
    });
    let first = bounded(
        "lost present",
        setup.client.present(&player.present("lost-1", 30)),
    )
    .await;
    assert!(
        first.is_err(),
        "the answer was lost, yet the call succeeded: {first:?}"
    );
    mock.set_faults(Faults::default());

    let retried = bounded(
        "retried present",
        setup.client.present(&player.present("lost-1", 30)),
    )
    .await
    .expect("retry succeeds");
    assert_eq!(
        retried.balance,
        Some(30),
        "the retry returns the original result"
    );
    let order = mock
        .ledger()
        .orders
        .into_iter()
        .find(|o| o.bill_no == "lost-1")
        .expect("the order is recorded");
    assert_eq!(order.applied, 1, "applied once although sent twice");
    assert_eq!(order.requests, 2);
    assert_eq!(player.ledger_balance(&mock), 30);
    mock.shutdown().await;
}
