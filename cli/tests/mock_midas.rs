//! The mock's Midas: tokens, signatures, constraints, bill_no idempotency, balances.

mod mock_support;

use std::time::Duration;

use mock_support::*;

const BALANCE: &str = "/cgi-bin/midas/getbalance";
const PRESENT: &str = "/cgi-bin/midas/present";
const PAY: &str = "/cgi-bin/midas/pay";

#[tokio::test]
async fn signed_calls_are_accepted_and_tampered_ones_refused() {
    let mock = mock_with(|_| {}).await;
    let token = token(&mock).await;
    assert_eq!(
        token,
        mock_support::token(&mock).await,
        "stable token while valid"
    );

    let params = midas_params("o1", &[]);
    let answer = midas_signed(&mock, BALANCE, &token, &params, Some(SESSION_KEY)).await;
    assert_eq!(answer["errcode"], 0, "{answer}");
    assert_eq!(answer["balance"], 0);
    // mp_sig is optional: sig alone is accepted too.
    assert_eq!(
        midas_signed(&mock, BALANCE, &token, &params, None).await["errcode"],
        0
    );
    // The sandbox path signs its own org_loc.
    let sandbox = "/cgi-bin/midas/sandbox/getbalance";
    assert_eq!(
        midas_signed(&mock, sandbox, &token, &params, None).await["errcode"],
        0
    );

    // A wrong session key breaks mp_sig only.
    let answer = midas_signed(&mock, BALANCE, &token, &params, Some("other-key")).await;
    assert_eq!(answer["errcode"], 90009, "{answer}");

    // One field changed after signing: sig error.
    let gift = midas_params(
        "o1",
        &[
            ("bill_no", "gift-1".into()),
            ("present_counts", "60".into()),
        ],
    );
    let sig = midas_sig(&gift, PRESENT, MIDAS_KEY);
    let mut body = json_body(&gift, &[("sig", sig)]);
    body["present_counts"] = 61.into();
    assert_eq!(
        midas_call(&mock, PRESENT, &token, &body).await["errcode"],
        90011
    );

    // Missing required field: the parameter error, before any signature check.
    let no_bill = midas_params("o1", &[("present_counts", "60".into())]);
    assert_eq!(
        midas_signed(&mock, PRESENT, &token, &no_bill, None).await["errcode"],
        90018
    );
    // A constraint broken (present_counts may not be 0).
    let zero = midas_params(
        "o1",
        &[("bill_no", "gift-0".into()), ("present_counts", "0".into())],
    );
    assert_eq!(
        midas_signed(&mock, PRESENT, &token, &zero, None).await["errcode"],
        90018
    );

    // Unknown token.
    assert_eq!(
        midas_signed(&mock, BALANCE, "nope", &params, None).await["errcode"],
        40001
    );
    mock.shutdown().await;
}

#[tokio::test]
async fn present_is_idempotent_by_bill_no_and_pay_checks_balance() {
    let mock = mock_with(|_| {}).await;
    let token = token(&mock).await;
    let gift = midas_params(
        "o2",
        &[
            ("bill_no", "gift-2".into()),
            ("present_counts", "60".into()),
        ],
    );
    let first = midas_signed(&mock, PRESENT, &token, &gift, None).await;
    assert_eq!(first["errcode"], 0, "{first}");
    assert_eq!(first["balance"], 60);
    let again = midas_signed(&mock, PRESENT, &token, &gift, None).await;
    assert_eq!(again["balance"], 60, "a retry returns the original result");

    let ledger = mock.ledger();
    let order = ledger
        .orders
        .iter()
        .find(|o| o.bill_no == "gift-2")
        .expect("order recorded");
    assert_eq!((order.applied, order.requests), (1, 2));
    let account = ledger
        .balances
        .iter()
        .find(|b| b.openid == "o2")
        .expect("account");
    assert_eq!(account.balance, 60);

    // Same bill_no, other content.
    let other = midas_params(
        "o2",
        &[
            ("bill_no", "gift-2".into()),
            ("present_counts", "61".into()),
        ],
    );
    assert_eq!(
        midas_signed(&mock, PRESENT, &token, &other, None).await["errcode"],
        90012
    );

    // Pay beyond balance, then within.
    let big = midas_params("o2", &[("amt", "61".into()), ("bill_no", "pay-1".into())]);
    assert_eq!(
        midas_signed(&mock, PAY, &token, &big, Some(SESSION_KEY)).await["errcode"],
        90013
    );
    let pay = midas_params("o2", &[("amt", "10".into()), ("bill_no", "pay-2".into())]);
    let paid = midas_signed(&mock, PAY, &token, &pay, Some(SESSION_KEY)).await;
    assert_eq!(
        (paid["errcode"].clone(), paid["balance"].clone()),
        (0.into(), 50.into()),
        "{paid}"
    );
    mock.shutdown().await;
}

#[tokio::test]
async fn expired_tokens_answer_42001() {
    let mock = mock_with(|c| c.token_lifetime = Duration::from_secs(1)).await;
    let token = token(&mock).await;
    let params = midas_params("o3", &[]);
    assert_eq!(
        midas_signed(&mock, BALANCE, &token, &params, None).await["errcode"],
        0
    );
    tokio::time::sleep(Duration::from_millis(1100)).await;
    let params = midas_params("o3", &[]);
    assert_eq!(
        midas_signed(&mock, BALANCE, &token, &params, None).await["errcode"],
        42001
    );
    assert_ne!(
        mock_support::token(&mock).await,
        token,
        "a new token after expiry"
    );
    // Two requests answered, each with a new token; the admin endpoint says the same.
    let counts = mock.token_counts()["wechat_midas"];
    assert_eq!((counts.requests, counts.issued), (2, 2));
    let admin: serde_json::Value = client()
        .get(format!("{}/__mock/tokens", mock.base_url()))
        .send()
        .await
        .expect("admin answers")
        .json()
        .await
        .expect("admin JSON");
    assert_eq!(
        admin,
        serde_json::json!({"wechat_midas": {"requests": 2, "issued": 2}})
    );
    mock.shutdown().await;
}
