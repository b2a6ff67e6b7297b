//! The private platform works like a seed one: typed requests signed straight-line, callbacks
//! verified over the raw values, constraints checked before sending.

use gamechannel::{CallbackRejection, Secret};
use private_platform::acme_arcade::{
    Credentials, DeliveredNotification, Environment, GrantCoinsRequest,
};

fn credentials() -> Credentials {
    Credentials {
        app_id: "acme-42".into(),
        api_secret: Secret::new("s3cr3t"),
    }
}

fn grant() -> GrantCoinsRequest {
    GrantCoinsRequest {
        player: "p-1".into(),
        order_id: "ORDER0001".into(),
        coins: 10,
        memo: None,
        price: None,
        coupon: None,
    }
}

#[test]
fn grant_is_form_encoded_with_app_id_and_the_spec_signature() {
    let prepared = grant()
        .prepare(Environment::Sandbox, &credentials())
        .unwrap();
    assert_eq!(prepared.method, "POST");
    assert_eq!(prepared.path_and_query, "/sandbox/v2/coins/grant");
    let body = prepared.body.unwrap();
    assert!(
        body.starts_with("player=p-1&order_id=ORDER0001&coins=10&app_id=acme-42&signature="),
        "{body}"
    );
    assert!(!body.contains("s3cr3t"), "the secret travels: {body}");
    // Signed over the sandbox path: a production signature would differ.
    let production = grant().sign("/v2/coins/grant", &credentials()).signature;
    assert!(!body.ends_with(production.value()));
}

#[test]
fn constraints_are_checked_before_sending() {
    let bad = GrantCoinsRequest {
        order_id: "lower-case".into(),
        coins: 0,
        ..grant()
    };
    let error = bad
        .prepare(Environment::Production, &credentials())
        .unwrap_err()
        .to_string();
    assert!(
        error.contains("order_id") && error.contains("coins"),
        "{error}"
    );
}

#[test]
fn a_decimal_is_checked_and_an_empty_optional_value_counts_as_not_given() {
    let bad = GrantCoinsRequest {
        price: Some("1.5e3".into()),
        ..grant()
    };
    let error = bad.validate().unwrap_err().to_string();
    assert!(
        error.contains("price") && error.contains("decimal"),
        "{error}"
    );
    // The platform's side of the spec (the mock) reads an empty value as not given, so the
    // client does not refuse one that breaks the pattern.
    let good = GrantCoinsRequest {
        price: Some("-12.50".into()),
        coupon: Some(String::new()),
        ..grant()
    };
    assert!(good.validate().is_ok());
    let bad = GrantCoinsRequest {
        coupon: Some("SAVE".into()),
        ..grant()
    };
    assert!(bad.validate().unwrap_err().to_string().contains("coupon"));
}

const DELIVERED: &str = "order_id=ORDER0001&player=p-1&ts=1763769600&note=first%20grant%20~ok&sig=4DB2B7D6AC0673E55E741AB206139B8BE30159C1C9EAFE1C2332ADEF313EB86C";

#[test]
fn callback_verifies_case_insensitively_and_rejects_tampering() {
    let n = DeliveredNotification::verify(DELIVERED, &credentials()).expect("genuine");
    assert_eq!(n.note.as_deref(), Some("first grant ~ok"));
    let tampered = DELIVERED.replace("p-1", "p-2");
    assert!(matches!(
        DeliveredNotification::verify(&tampered, &credentials()),
        Err(CallbackRejection::BadSignature { .. })
    ));
    let stale =
        DeliveredNotification::verify_at(DELIVERED, &credentials(), 1_763_769_600 + 3_600, 300);
    assert!(
        matches!(stale, Err(CallbackRejection::StaleTimestamp { .. })),
        "{stale:?}"
    );
    assert_eq!(DeliveredNotification::SUCCESS_REPLY, "OK");
    assert_eq!(DeliveredNotification::failure_reply("late"), "ERROR late");
}
