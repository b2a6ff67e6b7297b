//! wancms front-end payloads: the signed `pay` object the page hands to `wancmssdk.pay`
//! (vector from the pinned signing vectors (`vectors.jsonl`)), the unsigned payloads, and the SDK result codes.

#![cfg(feature = "wancms")]

use gamechannel::{Secret, wancms};
use serde_json::{Value, json};

fn creds() -> wancms::Credentials {
    wancms::Credentials {
        login_key: Secret::new("wancms-login-key-test"),
        pay_key: Secret::new("wancms-pay-key-test"),
    }
}

fn pay() -> wancms::PayPayload {
    wancms::PayPayload {
        app_id: "game_1001".into(),
        open_id: "wc_open_9f8e7d".into(),
        bill_no: "B20261121001".into(),
        goods_name: "60元宝".into(),
        total_fee: 60,
        ext: "role=77;srv=3".into(),
    }
}

#[test]
fn signed_pay_json_matches_the_vector() {
    let text = pay().signed_json(&creds()).expect("valid payload");
    let json: Value = serde_json::from_str(&text).expect("JSON object");
    assert_eq!(
        json,
        json!({
            "app_id": "game_1001",
            "open_id": "wc_open_9f8e7d",
            "bill_no": "B20261121001",
            "goods_name": "60元宝",
            "total_fee": 60,
            "ext": "role=77;srv=3",
            "sign": "f825440cf9b69312ac2dc1bb048ec017",
        })
    );
    // The pay key signs the payload but never travels to the browser.
    assert!(!text.contains("wancms-pay-key-test"), "{text}");
    assert!(
        !text.contains("secret_key") && !text.contains("pay_key"),
        "{text}"
    );
    let signed = pay().sign(&creds());
    assert_eq!(
        signed.pay_sign.string_to_sign(),
        "bill_no=B20261121001&ext=role=77;srv=3&goods_name=60元宝&open_id=wc_open_9f8e7d&secret_key=wancms-pay-key-test&total_fee=60"
    );
    assert!(!format!("{signed:?}").contains("wancms-pay-key-test"));
}

#[test]
fn an_empty_ext_is_sent_and_signed_as_ext_equals() {
    let empty = wancms::PayPayload {
        ext: String::new(),
        ..pay()
    };
    assert!(empty.validate().is_ok(), "an empty ext is valid");
    let signed = empty.sign(&creds());
    assert!(
        signed
            .pay_sign
            .string_to_sign()
            .contains("&ext=&goods_name="),
        "{}",
        signed.pay_sign.string_to_sign()
    );
    let json: Value = serde_json::from_str(&empty.signed_json(&creds()).unwrap()).unwrap();
    assert_eq!(json["ext"], "", "sent as it is signed");
}

#[test]
fn pay_is_validated_before_signing() {
    let missing = wancms::PayPayload {
        open_id: String::new(),
        ..pay()
    };
    let err = missing
        .signed_json(&creds())
        .expect_err("open_id is required");
    let fields: Vec<&str> = err.violations().iter().map(|v| v.field.as_str()).collect();
    assert_eq!(fields, ["open_id"]);
    assert!(err.to_string().contains("open_id"), "{err}");

    let zero = wancms::PayPayload {
        total_fee: 0,
        bill_no: String::new(),
        ..pay()
    };
    let err = zero.validate().expect_err("total_fee at least 1");
    let fields: Vec<&str> = err.violations().iter().map(|v| v.field.as_str()).collect();
    assert_eq!(
        fields,
        ["bill_no", "total_fee"],
        "every violation is listed"
    );
    assert!(wancms::PayPayload::default().signed_json(&creds()).is_err());
}

#[test]
fn unsigned_payloads() {
    let init = wancms::InitPayload {
        app_id: "game_1001".into(),
        open_id: "wc_open_9f8e7d".into(),
        channel: None,
    };
    assert!(init.validate().is_ok());
    let json: Value = serde_json::from_str(&init.to_json()).expect("JSON");
    assert_eq!(
        json,
        json!({"app_id": "game_1001", "open_id": "wc_open_9f8e7d"})
    );

    let server = wancms::SelectServerPayload {
        app_id: "game_1001".into(),
        open_id: "o".into(),
        server_id: "3".into(),
        server_name: "三区 \"龙\"".into(),
    };
    let json: Value = serde_json::from_str(&server.to_json()).expect("escaped JSON");
    assert_eq!(json["server_name"], "三区 \"龙\"");

    let role = wancms::CreateRolePayload {
        role_level: String::new(),
        ..Default::default()
    };
    let err = role.validate().expect_err("every field is required");
    assert_eq!(err.violations().len(), 7);

    let share = wancms::SharePayload {
        open_id: "o".into(),
    };
    assert_eq!(share.to_json(), r#"{"open_id":"o"}"#);
    let favorite = wancms::FavoritePayload::default();
    assert_eq!(
        favorite.validate().expect_err("open_id").violations()[0].field,
        "open_id"
    );
}

#[test]
fn sdk_result_codes() {
    use wancms::{PayResult, ShareResult};
    let expected = [
        (5, PayResult::Closed),
        (6, PayResult::Paid),
        (7, PayResult::Failed),
        (8, PayResult::Cancelled),
        (9, PayResult::BadParams),
        (10, PayResult::WrongParamCount),
        (11, PayResult::Other(11)),
    ];
    for (code, result) in expected {
        assert_eq!(PayResult::from_code(code), result);
        assert_eq!(result.code(), code);
    }
    assert_eq!(PayResult::Paid.name(), "paid");
    assert_eq!(ShareResult::from_code(101), ShareResult::Shared);
    assert_eq!(ShareResult::from_code(-1), ShareResult::Other(-1));
    assert_eq!(wancms::PayPayload::SDK_FUNCTION, "wancmssdk.pay");
}
